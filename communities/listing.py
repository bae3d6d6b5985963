"""The list of communities a portal shows, filtered by what the reader may see."""

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from resources.models import Domain
from sites.rendering import portal_root_path

from . import access, feeds
from .models import CommunityPage, Membership


def with_card_data(queryset):
    active = (
        Membership.objects.filter(community=OuterRef("pk"), status=Membership.Status.ACTIVE)
        .values("community")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        queryset.annotate(member_count=Coalesce(Subquery(active), 0))
        .select_related("cover_image")
        .prefetch_related("domains", "cover_image__renditions")
    )


def portal_communities(site, root_path):
    """Live communities of the portal under ``root_path`` and those listed on ``site``."""
    return CommunityPage.objects.live().filter(Q(path__startswith=root_path) | Q(listed_on=site)).distinct()


def community_listing_context(request, index):
    site = index.get_site()
    root_path = portal_root_path(index)
    visible = access.visible_communities(request.user, portal_communities(site, root_path))
    domains = Domain.objects.filter(communities__in=visible.values("pk")).distinct().order_by("sort_order", "name")
    domain_slug = request.GET.get("domaine", "")
    communities = visible.filter(domains__slug=domain_slug) if domain_slug else visible
    page_obj = feeds.paginate(request, with_card_data(communities.order_by("title", "pk")))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "communities": page_obj,
        "page_obj": page_obj,
        "domain_choices": list(domains),
        "selected_domain": domain_slug,
        "filter_query": query.urlencode(),
    }
