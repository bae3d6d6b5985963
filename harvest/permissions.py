"""Who manages which harvest: the editors of a portal manage that portal's
sources, runs and items, and nothing of other portals.

A group holds the model permissions (add a source, change an item…) and, per
portal, the site permission ``harvest.change_harvestsource`` that says where
they apply. Superusers manage every portal."""

from django.contrib.auth.models import Permission
from wagtail.models import GroupSitePermission, Site
from wagtail.permission_policies import ModelPermissionPolicy

APP_LABEL = "harvest"
PORTAL_PERMISSION = "change_harvestsource"
EDITOR_PERMISSIONS = {
    "harvestsource": ("add", "change", "delete", "view"),
    "harvestrun": ("view",),
    "harvesteditem": ("change", "delete", "view"),
}


def grant_portal_editors(group, site):
    """Let ``group`` manage the harvest sources, runs and items of ``site`` (idempotent)."""
    codenames = [f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for action in actions]
    group.permissions.add(*Permission.objects.filter(content_type__app_label=APP_LABEL, codename__in=codenames))
    portal_permission = Permission.objects.get(content_type__app_label=APP_LABEL, codename=PORTAL_PERMISSION)
    GroupSitePermission.objects.get_or_create(group=group, site=site, permission=portal_permission)


def portals_of(user):
    """The sites whose harvest ``user`` manages."""
    if not user.is_active:
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all()
    return Site.objects.filter(
        group_permissions__group__user=user,
        group_permissions__permission__content_type__app_label=APP_LABEL,
        group_permissions__permission__codename=PORTAL_PERMISSION,
    ).distinct()


class PortalPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to the portals a user manages.
    ``portal_lookup`` leads from an instance to its portal's Site; items come
    from harvesting only, so their policy may refuse "add" to everyone."""

    def __init__(self, model, portal_lookup, can_add=True):
        super().__init__(model)
        self.portal_lookup = portal_lookup
        self.can_add = can_add

    def scope(self, queryset, user):
        return queryset.filter(**{f"{self.portal_lookup}__in": portals_of(user)})

    def user_has_permission(self, user, action):
        if action == "add" and not self.can_add:
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and self.scope(self.model._default_manager.filter(pk=instance.pk), user).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        return self.scope(super().instances_user_has_any_permission_for(user, actions), user)
