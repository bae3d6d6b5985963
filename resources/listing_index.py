"""The listing index: which live, public resources each portal lists, in which
language and under which domain, one ``ListingEntry`` per (portal, resource,
domain) plus one for the whole library, and one ``ListingTag`` per tag of each.

Whether a portal lists a resource depends on the resource's place in the tree
(its own portal), its sharing (with every portal or with some), its publication
and the view restrictions above it. Evaluating those rules on every listing
request joins pages, sharing and domains over the whole library; here they are
evaluated when something they depend on changes, resource by resource, and a
listing reads one index range in publication order:

- a resource is saved (created, published, unpublished, moved by a save): its rows;
- a page is moved or a view restriction added or removed: the resources below it;
- a portal (Site) is added, changed or removed: everything.

Bulk loads that bypass ``save()`` call ``rebuild()`` afterwards (so does the
migration that created the index)."""

from collections import defaultdict
from itertools import islice

from django.apps import apps as django_apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_unpublished, post_page_move

BATCH = 2000
# Saving only these fields of a resource changes nothing its listings show.
# Wagtail saves drafts and revision pointers with ``update_fields``; any other
# partial save re-indexes.
_LISTING_FIELDS = {
    "live",
    "path",
    "depth",
    "locale",
    "locale_id",
    "publication_date",
    "resource_type",
    "resource_type_id",
    "shared_with_all",
    "shared_with",
    "domains",
    "tags",
    "tagged_items",
}


def _models(apps):
    get = apps.get_model
    resource_page = get("resources", "ResourcePage")
    return {
        "Entry": get("resources", "ListingEntry"),
        "Tag": get("resources", "ListingTag"),
        "Tagged": get("resources", "ResourcePageTag"),
        "ResourcePage": resource_page,
        "Page": get("wagtailcore", "Page"),
        "Site": get("wagtailcore", "Site"),
        "Restriction": get("wagtailcore", "PageViewRestriction"),
        "DomainLink": resource_page._meta.get_field("domains").remote_field.through,
        "SiteLink": resource_page._meta.get_field("shared_with").remote_field.through,
    }


class _Portals:
    """The portals and the tree paths of their homes in every language."""

    def __init__(self, m):
        site_roots = list(m["Site"].objects.values_list("pk", "root_page__translation_key"))
        self.site_ids = [pk for pk, _key in site_roots]
        sites_by_key = defaultdict(list)
        for pk, key in site_roots:
            sites_by_key[key].append(pk)
        homes = m["Page"].objects.filter(translation_key__in=list(sites_by_key)).values_list("path", "translation_key")
        self.homes = [(path, sites_by_key[key]) for path, key in homes]
        restricted = m["Restriction"].objects.values_list("page__path", flat=True)
        self.restricted_paths = tuple(set(restricted))

    def sites_listing(self, path, shared_with_all, shared_with):
        """The portals that list a public resource at ``path``."""
        if shared_with_all:
            return self.site_ids
        sites = set(shared_with)
        for home_path, site_ids in self.homes:
            if path.startswith(home_path):
                sites.update(site_ids)
        return sites

    def is_public(self, path):
        return not path.startswith(self.restricted_paths) if self.restricted_paths else True


def _index_rows(m, portals, resource_rows):
    """The entries and tag rows of the resources in ``resource_rows``."""
    ids = [row[0] for row in resource_rows]
    domain_keys = defaultdict(list)
    for resource_id, key in (
        m["DomainLink"]
        .objects.filter(resourcepage_id__in=ids)
        .values_list("resourcepage_id", "domain__translation_key")
    ):
        domain_keys[resource_id].append(str(key))
    shared_with = defaultdict(list)
    for resource_id, site_id in (
        m["SiteLink"].objects.filter(resourcepage_id__in=ids).values_list("resourcepage_id", "site_id")
    ):
        shared_with[resource_id].append(site_id)
    tag_ids = defaultdict(list)
    for resource_id, tag_id in (
        m["Tagged"].objects.filter(content_object_id__in=ids).values_list("content_object_id", "tag_id")
    ):
        tag_ids[resource_id].append(tag_id)
    Entry, Tag = m["Entry"], m["Tag"]
    entries, tags = [], []
    for pk, path, locale_id, type_id, date, to_all in resource_rows:
        if not portals.is_public(path):
            continue
        for site_id in portals.sites_listing(path, to_all, shared_with[pk]):
            for key in ["", *dict.fromkeys(domain_keys[pk])]:
                place = {"site_id": site_id, "resource_id": pk, "locale_id": locale_id, "domain_key": key}
                entries.append(Entry(resource_type_id=type_id, publication_date=date, **place))
                tags += [Tag(tag_id=tag_id, **place) for tag_id in dict.fromkeys(tag_ids[pk])]
    return entries, tags


def _insert(m, resource_rows, portals):
    entries, tags = _index_rows(m, portals, resource_rows)
    m["Entry"].objects.bulk_create(entries, batch_size=BATCH, ignore_conflicts=True)
    m["Tag"].objects.bulk_create(tags, batch_size=BATCH, ignore_conflicts=True)
    return len(entries)


_ROW_FIELDS = ("pk", "path", "locale_id", "resource_type_id", "publication_date", "shared_with_all")


def _chunks(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def refresh(resource_ids, apps=django_apps):
    """Re-index the resources whose page ids are ``resource_ids``."""
    m = _models(apps)
    portals = _Portals(m)
    with transaction.atomic():
        for ids in _chunks(resource_ids, BATCH):
            m["Entry"].objects.filter(resource_id__in=ids).delete()
            m["Tag"].objects.filter(resource_id__in=ids).delete()
            _insert(m, list(m["ResourcePage"].objects.filter(pk__in=ids, live=True).values_list(*_ROW_FIELDS)), portals)


def refresh_below(page):
    """Re-index every resource at or below ``page`` (moved, or restricted)."""
    resources = django_apps.get_model("resources", "ResourcePage").objects
    refresh(list(resources.filter(path__startswith=page.path).values_list("pk", flat=True)))


def rebuild(apps=django_apps):
    """Index every resource again; returns the number of entries."""
    m = _models(apps)
    portals = _Portals(m)
    with transaction.atomic():
        m["Entry"].objects.all().delete()
        m["Tag"].objects.all().delete()
        rows = m["ResourcePage"].objects.filter(live=True).order_by("pk").values_list(*_ROW_FIELDS)
        return sum(_insert(m, chunk, portals) for chunk in _chunks(rows.iterator(chunk_size=BATCH), BATCH))


def needs_refresh(update_fields):
    """Whether a save with these ``update_fields`` can change the listings."""
    return update_fields is None or bool(_LISTING_FIELDS.intersection(update_fields))


def _unpublished(sender, instance, **kwargs):
    refresh([instance.pk])


def _moved(sender, instance, **kwargs):
    moved = Page.objects.filter(pk=instance.pk).first()
    if moved is not None:
        refresh_below(moved)


def _restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        refresh_below(page)


def _portals_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        rebuild()


def connect():
    """Follow what ``ResourcePage.save`` does not see (see the module's docstring)."""
    resource_page = django_apps.get_model("resources", "ResourcePage")
    page_unpublished.connect(_unpublished, sender=resource_page, dispatch_uid="listing_index_unpublished")
    post_page_move.connect(_moved, dispatch_uid="listing_index_moved")
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="listing_index_restriction_saved")
    post_delete.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid="listing_index_restriction_deleted"
    )
    post_save.connect(_portals_changed, sender=Site, dispatch_uid="listing_index_site_saved")
