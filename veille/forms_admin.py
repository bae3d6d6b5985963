"""The issue's edit form: its entries must be things the portal shows."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from harvest.listing import visible_items
from resources.listing import portal_resources


class VeillePageForm(WagtailAdminPageForm):
    def is_valid(self):
        # The entries' formset is cleaned after the page form's clean(): check it here.
        valid = super().is_valid()
        return self._entries_shown_on_portal() and valid

    def _entries_shown_on_portal(self):
        formset = self.formsets.get("entries")
        site = self.parent_page.get_site() if self.parent_page else None
        if formset is None or site is None:
            return True
        valid = True
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE"):
                continue
            resource, item = data.get("resource"), data.get("harvested_item")
            if resource and not portal_resources(site).filter(pk=resource.pk).exists():
                form.add_error("resource", _("Cette ressource n'est pas publiée sur ce portail."))
                valid = False
            if item and not visible_items(site).filter(pk=item.pk).exists():
                form.add_error("harvested_item", _("Cet élément n'est pas proposé sur ce portail."))
                valid = False
        return valid
