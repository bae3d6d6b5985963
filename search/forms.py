from wagtail.admin.forms import WagtailAdminModelForm

from .analytics import normalise
from .permissions import editable_sites


class PromotedResultForm(WagtailAdminModelForm):
    """Editors promote results on their own portals only; the query is stored as
    the search page compares it (lowercase, without accents)."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None:
            self.fields["site"].queryset = editable_sites(for_user)

    def clean_query(self):
        return normalise(self.cleaned_data["query"])
