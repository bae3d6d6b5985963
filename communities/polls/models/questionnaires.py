"""Questionnaires: Wagtail form pages inside a community, answered once by each
member; editors of the portal read the answers in the admin and export them.

Who may answer: the community's members, once each. Anonymous readers are sent
to log in; readers who are not members see why they cannot answer (and a POST
from them is refused); members who already answered see so instead of the form."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError, models, transaction
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField, AbstractFormSubmission
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField

from communities import access
from communities.access import Action
from sites.portal import portal_for
from sites.rendering import render_page
from themes.registry import template_names

TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class QuestionnaireField(AbstractFormField):
    page = ParentalKey("polls.QuestionnairePage", on_delete=models.CASCADE, related_name="form_fields")


class QuestionnaireSubmission(AbstractFormSubmission):
    """One member's answers; the CSV export names them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "user"], name="polls_one_answer_per_member")]

    def get_data(self):
        profile = getattr(self.user, "profile", None) if self.user_id else None
        member = profile.display_name if profile else (self.user.get_username() if self.user_id else "")
        return {**super().get_data(), "member": member}


class QuestionnairePage(AbstractForm):
    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)
    thank_you_text = RichTextField(_("message de remerciement"), blank=True, features=TEXT_FEATURES)

    content_panels = AbstractForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("questions")),
        FieldPanel("thank_you_text"),
    ]
    parent_page_types = ["communities.CommunityPage"]
    subpage_types = []
    template = "communities/polls/questionnaire_page.html"
    landing_page_template = "communities/polls/questionnaire_page_landing.html"

    class Meta:
        verbose_name = _("questionnaire")

    def get_template(self, request, *args, **kwargs):
        return template_names(portal_for(request).theme, self.template)

    def get_landing_page_template(self, request, *args, **kwargs):
        return template_names(portal_for(request).theme, self.landing_page_template)

    def get_submission_class(self):
        return QuestionnaireSubmission

    def get_submissions(self):
        return super().get_submissions().select_related("user__profile")

    def get_data_fields(self):
        return [("member", _("Membre")), *super().get_data_fields()]

    @property
    def community(self):
        if not hasattr(self, "_community"):
            self._community = self.get_parent().specific
        return self._community

    def get_sitemap_urls(self, request=None):
        """Questionnaires are for members: search engines need not list them."""
        return []

    def has_answered(self, user):
        return QuestionnaireSubmission.objects.filter(page=self, user=user).exists()

    def _refusal(self, request, reason, status):
        return render_page(request, self, {"refusal": reason}, status=status)

    def serve(self, request, *args, **kwargs):
        user = request.user
        if not access.can(user, self.community, Action.SEE):
            raise Http404
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        posting = request.method == "POST"
        if not access.can(user, self.community, Action.POST):
            return self._refusal(request, "not_member", 403 if posting else 200)
        if self.has_answered(user):
            return self._refusal(request, "answered", 409 if posting else 200)
        try:
            with transaction.atomic():
                return super().serve(request, *args, **kwargs)
        except IntegrityError:  # a second submission raced the first
            return self._refusal(request, "answered", 409)

    def process_form_submission(self, form):
        return QuestionnaireSubmission.objects.create(form_data=form.cleaned_data, page=self, user=form.user)
