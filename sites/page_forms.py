"""Admin forms of the white-label layer's pages."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


class InformationPageForm(WagtailAdminPageForm):
    def clean(self):
        """One page of each kind (legal notice, accessibility…) per portal and
        language: the footer links to it."""
        cleaned = super().clean()
        page, kind = self.instance, cleaned.get("kind")
        if not kind or kind == page.Kind.OTHER or self.parent_page is None:
            return cleaned
        same = type(page).objects.child_of(self.parent_page).filter(kind=kind, locale_id=self.parent_page.locale_id)
        if same.exclude(pk=page.pk).exists():
            self.add_error("kind", _("Ce portail a déjà une page « %(kind)s ».") % {"kind": page.Kind(kind).label})
        return cleaned
