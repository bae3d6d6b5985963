"""An admin panel showing how far the sending of an issue went."""

from django.core.exceptions import ObjectDoesNotExist
from django.template.loader import render_to_string
from wagtail.admin.panels import Panel


class NewsletterStatusPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "veille/admin/newsletter_status_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            issue = self.instance
            try:
                context["dispatch"] = issue.dispatch if issue.pk else None
            except ObjectDoesNotExist:  # not sent yet
                context["dispatch"] = None
            context["public_issue"] = issue.community_id is None or issue.is_public_issue
            return context

        def render_html(self, parent_context=None):
            return render_to_string(self.template_name, self.get_context_data(parent_context))
