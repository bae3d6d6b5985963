"""Admin: the questions of the communities an editor's portals hold, to review,
close or hide them (asking and answering happen on the portal)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from communities import access
from communities.tools import Tool

from . import answering, search
from .models import Question

EDITOR_ACTIONS = {"view", "change", "delete"}


def scoped(queryset, user):
    """``queryset`` narrowed to the questions of communities under the pages
    ``user`` edits (every question for superusers)."""
    if user.is_superuser:
        return queryset
    query = Q(pk__in=[])
    for path in access.editor_paths(user):
        query |= Q(community__path__startswith=path)
    return queryset.filter(query)


class PortalQuestionsPolicy(BasePermissionPolicy):
    """Editors of a portal view, change and delete its communities' questions."""

    def user_has_permission(self, user, action):
        return user.is_active and action in EDITOR_ACTIONS and (user.is_superuser or bool(access.editor_paths(user)))

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and scoped(Question.objects.filter(pk=instance.pk), user).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if not any(self.user_has_permission(user, action) for action in actions):
            return Question.objects.none()
        return scoped(Question.objects.all(), user)


register_permission_policy(Question, PortalQuestionsPolicy(Question))


class ScopedViewMixin:
    def get_base_queryset(self):
        return scoped(super().get_base_queryset(), self.request.user)

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not scoped(Question.objects.filter(pk=obj.pk), self.request.user).exists():
            raise PermissionDenied
        return obj


class QuestionIndexView(ScopedViewMixin, IndexView):
    pass


class QuestionEditView(ScopedViewMixin, EditView):
    def save_instance(self):
        """Hiding or showing a question here moderates it as on the portal."""
        was_hidden = Question.objects.filter(pk=self.object.pk).values_list("hidden", flat=True).first()
        instance = super().save_instance()
        if instance.hidden != was_hidden:
            answering.set_hidden(instance, instance.hidden, self.request.user)
        return instance


class QuestionDeleteView(ScopedViewMixin, DeleteView):
    pass


class QuestionViewSet(ModelViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    menu_order = 310
    add_to_admin_menu = True
    url_prefix = "communautes/questions"
    name = "community_questions"
    index_view_class = QuestionIndexView
    edit_view_class = QuestionEditView
    delete_view_class = QuestionDeleteView
    list_display = ["title", "community", "status", "hidden", "created_at"]
    list_filter = ["status", "hidden"]
    search_fields = ["title"]
    form_fields = ["title", "status", "hidden"]


@hooks.register("register_admin_viewset")
def register_question_viewset():
    return QuestionViewSet()


@hooks.register("register_community_tool")
def questions_tool():
    return Tool("questions", "communities.questions.urls", _("Questions"), "index", order=10)


hooks.register("register_search_provider", search.QuestionProvider)
