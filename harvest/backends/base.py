"""What every backend shares: the records it yields and the run context it gets."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..errors import ItemError, NotModified


@dataclass
class Stub:
    """What gathering learns about a record before fetching it."""

    remote_id: str
    version: str = ""
    data: object = None
    deleted: bool = False


@dataclass
class Record:
    """A normalised record, ready to be stored. HTML fields are already sanitised."""

    remote_id: str
    url: str
    title: str
    summary: str = ""
    body_html: str = ""
    image_url: str = ""
    authors: str = ""
    published_at: datetime | None = None
    updated_at: datetime | None = None
    language: str = ""
    tags: list = field(default_factory=list)
    resource_type: tuple | None = None  # (slug, name) of a type the backend imposes
    domains: list = field(default_factory=list)  # slugs of domains the record is filed under
    territory: tuple | None = None  # (scale, name) of the territory it is about
    version: str = ""
    raw: dict = field(default_factory=dict)

    def validate(self):
        if not self.url.startswith(("http://", "https://")):
            raise ItemError(_("Adresse d'origine absente ou invalide : « %(url)s ».") % {"url": self.url})
        if not self.title.strip():
            raise ItemError(_("Élément sans titre (%(url)s).") % {"url": self.url})

    HASHED_FIELDS = (
        "remote_id", "url", "title", "summary", "body_html", "image_url", "authors",
        "published_at", "updated_at", "language", "tags", "resource_type", "domains", "territory",
    )  # fmt: skip

    def content_hash(self):
        """A digest of what is stored from the record (not its raw form)."""
        data = [getattr(self, name) for name in self.HASHED_FIELDS]
        return hashlib.sha256(json.dumps(data, default=str).encode()).hexdigest()


@dataclass
class RunContext:
    """What a backend may use and update during a run: the validators and
    cursor of the previous run come in, those of this run go out."""

    source: object
    client: object
    etag: str = ""
    last_modified: str = ""
    cursor: str = ""
    document_hash: str = ""
    complete_listing: bool = True

    def check_document(self, content):
        """Note the digest of the document that lists the source's records; raise
        NotModified when it is the one the last complete, clean run read."""
        digest = hashlib.sha256(content).hexdigest()
        unchanged = digest == self.document_hash
        self.document_hash = digest
        if unchanged:
            raise NotModified


class Backend:
    name = ""

    def validate_config(self, config):
        if not isinstance(config, dict):
            raise ValidationError(_("La configuration doit être un objet JSON."))
        unknown = set(config) - set(self.config_keys)
        if unknown:
            raise ValidationError(
                _("Clés de configuration inconnues : %(keys)s. Clés possibles : %(allowed)s.")
                % {"keys": ", ".join(sorted(unknown)), "allowed": ", ".join(self.config_keys) or "-"}
            )
        return config

    config_keys = ()

    def gather(self, ctx):
        raise NotImplementedError

    def fetch(self, ctx, stub):
        return stub.data

    def transform(self, ctx, stub, raw):
        raise NotImplementedError
