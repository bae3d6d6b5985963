"""Queries behind the resource listings. Other apps call these named functions
rather than reaching into the models.

Every listing is built from a fixed number of queries, whatever the number of
resources: cards are fetched with their type, territory and domains in bulk.
"""

from django.core.paginator import EmptyPage, Paginator
from django.db.models import OuterRef, Q, Subquery
from wagtail.models import Page

from sites.db import prepared_statements
from sites.portal import portal_for
from sites.rendering import page_number

from .cards import CARD_VALUES, card_rows, cards_from_rows
from .facets import listing_facets
from .models import DomainPage, ListingEntry, ListingTag, ResourcePage

PAGE_SIZE = 20
HOME_LATEST = 6


def _portal_site(request, page):
    """The portal serving ``page``: the request's site, which Wagtail has already
    found while routing, else the site the page belongs to."""
    return portal_for(request).site or page.get_site()


def visible_resources(site, locale, root_path):
    """Live, public resources a portal shows in ``locale``: its own (under
    ``root_path``) and those shared with it or with every portal."""
    shared_here = ResourcePage.shared_with.through.objects.filter(site=site).values("resourcepage_id")
    return (
        ResourcePage.objects.live()
        .public()
        .filter(locale=locale)
        .filter(Q(path__startswith=root_path) | Q(shared_with_all=True) | Q(pk__in=shared_here))
    )


def portal_resources(site):
    """The resources a portal shows readers in its own language."""
    root = site.root_page
    return visible_resources(site, root.locale_id, root.path)


CARD_RELATIONS = ("resource_type", "territory")
CARD_COLLECTIONS = ("domains",)


def with_card_data(queryset):
    """Everything a resource card shows, in a constant number of queries."""
    return queryset.select_related(*CARD_RELATIONS).prefetch_related(*CARD_COLLECTIONS)


def _listing(site, locale_id, domain):
    """The listing-index range of a portal's listing in a language: its whole
    library, or one domain (any translation of ``domain``)."""
    domain_key = str(domain.translation_key) if domain is not None else ListingEntry.LIBRARY
    return {"site": site, "locale_id": locale_id, "domain_key": domain_key}


def listed_entries(site, locale_id, domain=None):
    """The listing-index rows of what a portal lists (see ``_listing``)."""
    return ListingEntry.objects.filter(**_listing(site, locale_id, domain))


def _ordered_cards(entries):
    """The card rows of listing-index rows, newest first."""
    return card_rows(entries.order_by("-publication_date", "-resource_id"), relation="resource__")


@prepared_statements()
def resource_listing_context(request, page, domain=None):
    """Context of a domain listing or a library page: filtered and paginated cards,
    with the filter choices (types and tags) that exist in the listing."""
    site = _portal_site(request, page)
    listing = _listing(site, page.locale_id, domain)
    entries = ListingEntry.objects.filter(**listing)
    # One query counts the types and tags present and, when no filter is selected,
    # gives the total: the listing is not evaluated again to count.
    facets = listing_facets(
        entries.values_list("resource_id", "resource_type_id"),
        ListingTag.objects.filter(**listing).values_list("tag_id"),
        page.locale_id,
    )

    selected_type = request.GET.get("type", "")
    selected_tag = request.GET.get("tag", "")
    if selected_type:
        entries = entries.filter(resource_type__slug=selected_type)
    if selected_tag:
        entries = entries.filter(resource__tags__slug=selected_tag)

    paginator = Paginator(_ordered_cards(entries), PAGE_SIZE)
    if not (selected_type or selected_tag):
        paginator.count = sum(facets.type_counts.values())
    try:
        page_obj = paginator.page(page_number(request))
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    page_obj.object_list = cards_from_rows(request, page_obj.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "resources": page_obj,
        "paginator": paginator,
        "type_choices": facets.types,
        "tag_choices": facets.tags,
        "selected_type": selected_type,
        "selected_tag": selected_tag,
        "filter_query": query.urlencode(),
    }


def domain_pages(home):
    """The portal's domain pages under ``home``, with their domain, in domain order."""
    return list(
        DomainPage.objects.child_of(home).live().select_related("domain").order_by("domain__sort_order", "domain__name")
    )


@prepared_statements()
def home_page_context(home, request):
    """The portal home: featured domains, featured resources and the latest ones."""
    branding = portal_for(request).branding
    site = _portal_site(request, home)
    pages_by_domain = {p.domain.translation_key: p for p in domain_pages(home)}

    featured_keys = [block.value.translation_key for block in branding.featured_domains if block.value]
    if featured_keys:
        domain_tiles = [pages_by_domain[key] for key in featured_keys if key in pages_by_domain]
    else:
        domain_tiles = list(pages_by_domain.values())

    listed = listed_entries(site, home.locale_id)
    featured = _featured_rows(
        ResourcePage.objects.filter(pk__in=listed.values("resource_id")), branding.featured_resources
    )
    latest = list(_ordered_cards(listed.exclude(resource_id__in=[row[0] for row in featured]))[:HOME_LATEST])
    # The featured and latest cards share one query for their domains.
    cards = cards_from_rows(request, featured + latest)
    return {
        "domain_tiles": domain_tiles,
        "featured_resources": cards[: len(featured)],
        "latest_resources": cards[len(featured) :],
    }


def _featured_rows(listed, chosen):
    """Card rows of the listed resources chosen in ``chosen`` (the branding's
    StreamField of page choosers), or of their translation in the listing's
    language, in the chosen order: one query, which reads the chosen page ids
    from the raw stream rather than loading every chosen page first."""
    chosen_ids = [item["value"] for item in chosen.raw_data if item.get("value")]
    if not chosen_ids:
        return []
    chosen_pages = Page.objects.filter(pk__in=chosen_ids, translation_key=OuterRef("translation_key"))
    found = listed.filter(
        translation_key__in=Page.objects.filter(pk__in=chosen_ids).values("translation_key")
    ).annotate(chosen_id=Subquery(chosen_pages.values("pk")[:1]))
    by_chosen_id = {row[-1]: row[:-1] for row in found.values_list(*CARD_VALUES, "chosen_id")}
    return [by_chosen_id[pk] for pk in dict.fromkeys(chosen_ids) if pk in by_chosen_id]


@prepared_statements()
def resource_page_context(request, page):
    # The type and territory the page shows, in one query rather than one each.
    if page.resource_type_id or page.territory_id:
        related = ResourcePage.objects.select_related(*CARD_RELATIONS).only(*CARD_RELATIONS).get(pk=page.pk)
        page.resource_type, page.territory = related.resource_type, related.territory
    return {
        "page_domains": list(page.domains.all()),
        "page_tags": list(page.tags.all()),
        "documents": list(page.attached_documents.select_related("document")),
    }
