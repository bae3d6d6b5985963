"""OAI-PMH repositories (Dublin Core) with sickle. Requests go through the
guarded client, not sickle's own: the private-address guard and the size
limits apply, and defusedxml vets each response. Runs are incremental with
``from``; deleted records are archived."""

from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from sickle import Sickle
from sickle.oaiexceptions import NoRecordsMatch, OAIError
from sickle.response import OAIResponse

from sites.sanitize import clean_html, plain_text, safe_url

from ..errors import HarvestError, ItemError
from ..xmlguard import parse_xml, to_utf8
from .base import Backend, Record, Stub
from .dates import from_text

SUMMARY_LENGTH = 600


class GuardedSickle(Sickle):
    def __init__(self, endpoint, client):
        super().__init__(endpoint, max_retries=0)
        self.client = client

    def harvest(self, **kwargs):
        result = self.client.get(self.endpoint, params=kwargs)
        content = to_utf8(result.content, result.charset)
        parse_xml(content, result.url)
        response = SimpleNamespace(
            content=content, text=content.decode("utf-8"), status_code=result.status, headers=result.headers
        )
        return OAIResponse(response, params=kwargs)


class OAIBackend(Backend):
    name = "oai"
    config_keys = ("metadata_prefix", "set")

    def validate_config(self, config):
        config = super().validate_config(config)
        if config.get("metadata_prefix", "oai_dc") != "oai_dc":
            raise ValidationError(_("Seul le format Dublin Core (oai_dc) est pris en charge."))
        return config

    def gather(self, ctx):
        params = {"metadataPrefix": "oai_dc"}
        if ctx.source.config.get("set"):
            params["set"] = ctx.source.config["set"]
        if ctx.cursor:
            params["from"] = ctx.cursor
        ctx.complete_listing = not ctx.cursor
        started = timezone.now().date().isoformat()
        try:
            for record in GuardedSickle(ctx.source.url, ctx.client).ListRecords(ignore_deleted=False, **params):
                header = record.header
                yield Stub(
                    remote_id=header.identifier,
                    version=header.datestamp or "",
                    deleted=header.deleted,
                    data=getattr(record, "metadata", None) or {},
                )
        except NoRecordsMatch:
            pass
        except OAIError as error:
            raise HarvestError(_("L'entrepôt OAI-PMH a renvoyé une erreur : %(error)s") % {"error": error}) from error
        ctx.cursor = started

    def transform(self, ctx, stub, raw):
        def first(key):
            values = raw.get(key) or []
            return values[0] if values else ""

        links = [safe_url(value) for value in raw.get("identifier", []) + raw.get("relation", [])]
        url = next((link for link in links if link), "")
        if not url:
            raise ItemError(_("Notice %(id)s sans adresse web (identifier ou relation http).") % {"id": stub.remote_id})
        description = " ".join(raw.get("description", []))
        return Record(
            remote_id=stub.remote_id,
            url=url,
            title=plain_text(first("title"), 500),
            summary=plain_text(description, SUMMARY_LENGTH),
            body_html=clean_html("".join(f"<p>{plain_text(part)}</p>" for part in raw.get("description", []))),
            authors=", ".join(plain_text(creator) for creator in raw.get("creator", []))[:500],
            published_at=from_text(first("date")),
            updated_at=from_text(stub.version),
            language=first("language")[:12],
            tags=list(raw.get("subject", [])),
            raw=raw,
        )
