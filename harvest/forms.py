"""Admin forms: a source is filed under one of the editor's portals and offered
to other portals, which accept or decline it (harvest/sharing.py); every
curated field an editor changes on an item is remembered, so that later
harvests leave it alone."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Site

from . import sharing
from .permissions import portals_of


class HarvestSourceForm(WagtailAdminModelForm):
    shared_with = forms.ModelMultipleChoiceField(
        label=_("proposer aux portails"),
        queryset=Site.objects.order_by("site_name", "hostname"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Les éléments de la source n'apparaissent sur un autre portail qu'une fois le partage accepté par ses "
            "éditeurs. "
            "Décocher un portail retire le partage."
        ),
    )

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "site" in self.fields:
            self.fields["site"].queryset = portals_of(for_user)
        if self.instance.pk:
            self.fields["shared_with"].initial = [share.site_id for share in self.instance.shares.all()]
        if "shared_with_all" in self.fields and not (for_user is not None and for_user.is_superuser):
            # Every portal cannot consent at once: only platform administrators decide it.
            self.fields["shared_with_all"].disabled = True

    def save(self, commit=True):
        source = super().save(commit=commit)
        if commit and (
            sharing.offer(source, self.cleaned_data["shared_with"], self.for_user)
            | ("shared_with_all" in self.changed_data)
        ):
            sharing.reindex(source)
        return source


class HarvestedItemForm(WagtailAdminModelForm):
    def save(self, commit=True):
        edited = {name for name in self.instance.CURATED_FIELDS if name in self.changed_data}
        self.instance.locally_edited_fields = sorted(set(self.instance.locally_edited_fields) | edited)
        return super().save(commit=commit)
