"""Creating a portal: its Site, home page tree, branding, collection and editors."""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Locale,
    Page,
    Site,
)

from communities.events.pages import create_agenda
from communities.pages import ensure_community_index
from harvest.permissions import grant_portal_editors
from resources.pages import create_library_pages
from sites.information import create_information_pages
from sites.models import PortalBranding, PortalHomePage
from sites.translation import translate_page
from themes.registry import DEFAULT_THEME, THEME_NAMES
from veille.pages import create_veille_index

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailmedia", "add_media"),
    ("wagtailmedia", "change_media"),
]


class PortalError(ValueError):
    """Bad input for a new portal, with a message for the operator."""


@dataclass
class Portal:
    site: Site
    home: PortalHomePage
    branding: PortalBranding
    editors: Group
    collection: Collection


def editors_group_name(name):
    return _("Éditeurs · %(name)s") % {"name": name}


def _perm(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _grant_editors(group, site, home, collection):
    group.permissions.add(_perm("wagtailadmin", "access_admin"))
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(group=group, page=home, permission=_perm("wagtailcore", codename))
    for app_label, codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_perm(app_label, codename)
        )
    GroupSitePermission.objects.get_or_create(
        group=group, site=site, permission=_perm("portals", "change_portalbranding")
    )


def _translate_tree(home, locale):
    """Create the home page and its structural children in ``locale``, so that
    /<language>/ serves the portal at once."""
    translate_page(home, locale)
    for child in home.get_children().live().specific():
        translate_page(child, locale)


@transaction.atomic
def complete_portal(home, name, contact_email=""):
    """Give a portal home every section and information page it lacks, in each
    of the platform's languages (idempotent: a portal created before a section
    existed gets it, and nothing an editor changed is touched)."""
    create_library_pages(home)
    ensure_community_index(home)
    create_veille_index(home)
    create_agenda(home)
    for locale in Locale.objects.exclude(pk=home.locale_id):
        _translate_tree(home, locale)
    create_information_pages(home, name, contact_email)


@transaction.atomic
def create_portal(hostname, name, theme=DEFAULT_THEME, port=80, default=False, **branding_fields):
    """Create a complete, working portal. Raises PortalError on bad input."""
    hostname = (hostname or "").strip().lower()
    if not hostname or any(c in hostname for c in "/: "):
        raise PortalError(_("Nom d'hôte invalide : « %(hostname)s ».") % {"hostname": hostname})
    if not (name or "").strip():
        raise PortalError(_("Le nom du portail est obligatoire."))
    if theme not in THEME_NAMES:
        raise PortalError(
            _("Thème inconnu : « %(theme)s ». Thèmes disponibles : %(themes)s.")
            % {"theme": theme, "themes": ", ".join(sorted(THEME_NAMES))}
        )
    if Site.objects.filter(hostname=hostname, port=port).exists():
        raise PortalError(_("Un portail existe déjà pour %(hostname)s.") % {"hostname": hostname})
    branding = PortalBranding(portal_name=name, theme=theme, **branding_fields)
    try:
        branding.full_clean(exclude=["site"])
    except ValidationError as error:
        raise PortalError(" ".join(error.messages)) from error

    root = Page.get_first_root_node()
    default_locale = Locale.get_default()
    slug = slugify(hostname.replace(".", "-"))
    home = root.add_child(instance=PortalHomePage(title=name, slug=slug, locale=default_locale))
    home.save_revision().publish()
    if default:
        Site.objects.filter(is_default_site=True).update(is_default_site=False)
    site = Site.objects.create(
        hostname=hostname,
        port=port,
        site_name=name,
        root_page=home,
        is_default_site=default or not Site.objects.filter(is_default_site=True).exists(),
    )
    complete_portal(home, name, branding.contact_email)

    branding.site = site
    branding.save()
    collection = Collection.get_first_root_node().add_child(name=name)
    group, _created = Group.objects.get_or_create(name=editors_group_name(name))
    _grant_editors(group, site, home, collection)
    grant_portal_editors(group, site)
    return Portal(site=site, home=home, branding=branding, editors=group, collection=collection)
