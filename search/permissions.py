"""Which portals an editor manages: those whose branding their groups may change."""

from wagtail.models import GroupSitePermission, Site


def editable_sites(user):
    if user.is_superuser:
        return Site.objects.all()
    granted = GroupSitePermission.objects.filter(group__user=user, permission__codename="change_portalbranding")
    return Site.objects.filter(pk__in=granted.values("site_id"))
