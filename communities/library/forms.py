"""Upload forms: size and extension limits, checked before anything is stored."""

import os

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from communities.forms import no_control_characters

TITLE_MAX = 255
TAGS_MAX = 10
TAG_MAX = 50


def allowed_extensions():
    return sorted({extension.lower() for extension in settings.WAGTAILDOCS_EXTENSIONS})


def clean_upload(upload):
    """Refuse an oversized file or a disallowed extension (``shelves`` gives
    the file a safe name when storing it)."""
    extension = os.path.splitext(upload.name or "")[1].lstrip(".").lower()
    if extension not in allowed_extensions():
        raise ValidationError(
            _("Ce type de fichier n'est pas accepté. Types acceptés : %(types)s.")
            % {"types": ", ".join(allowed_extensions())},
            code="extension",
        )
    limit = settings.COMMUNITY_DOCUMENT_MAX_SIZE
    if upload.size > limit:
        raise ValidationError(
            _("Le fichier pèse %(size)s ; la limite est de %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="size",
        )
    return upload


class VersionForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier"),
        help_text=_("%(limit)s au plus.") % {"limit": filesizeformat(settings.COMMUNITY_DOCUMENT_MAX_SIZE)},
    )

    def clean_file(self):
        return clean_upload(self.cleaned_data["file"])


class UploadForm(VersionForm):
    title = forms.CharField(label=_("Titre"), max_length=TITLE_MAX, validators=[no_control_characters])
    tags = forms.CharField(
        label=_("Mots-clés"),
        required=False,
        help_text=_("Séparés par des virgules."),
        validators=[no_control_characters],
    )

    field_order = ["title", "file", "tags"]

    def clean_tags(self):
        tags = []
        for tag in self.cleaned_data["tags"].split(","):
            tag = tag.strip()
            if tag and tag.lower() not in (known.lower() for known in tags):
                tags.append(tag)
        if len(tags) > TAGS_MAX or any(len(tag) > TAG_MAX for tag in tags):
            raise ValidationError(
                _("%(count)d mots-clés de %(max)d caractères au plus.") % {"count": TAGS_MAX, "max": TAG_MAX}
            )
        return tags
