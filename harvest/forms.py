"""Admin forms: a source is filed under one of the editor's portals; every
curated field an editor changes on an item is remembered, so that later
harvests leave it alone."""

from wagtail.admin.forms import WagtailAdminModelForm

from .permissions import portals_of


class HarvestSourceForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "site" in self.fields:
            self.fields["site"].queryset = portals_of(for_user)


class HarvestedItemForm(WagtailAdminModelForm):
    def save(self, commit=True):
        edited = {name for name in self.instance.CURATED_FIELDS if name in self.changed_data}
        self.instance.locally_edited_fields = sorted(set(self.instance.locally_edited_fields) | edited)
        return super().save(commit=commit)
