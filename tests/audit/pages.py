"""Every public page type of the platform, in one list, and the portals audited.

A page type is a name and a finder: given a portal's ``Site``, the finder returns the
path of one page of that type on that portal. A page type whose feature is not built
yet has no finder: the table lists it as « not built yet », and it counts neither for
nor against the audit. When a feature lands, give its page type a finder here. A page
type may also act on its page before it is audited (``act``): the form with errors is the
sign-up form sent empty."""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

THEMES = ("default", "dsfr")


@dataclass(frozen=True)
class PageType:
    name: str
    find: Callable[..., str | None] | None = None  # Site -> path
    lighthouse: bool = False
    act: Callable | None = None  # Playwright page -> the response of what a reader does on it


@dataclass(frozen=True)
class Target:
    """One page type on one portal: ``url`` is empty when nothing was found."""

    page_type: PageType
    theme: str
    url: str = ""

    @property
    def built(self):
        return self.page_type.find is not None


def _first_page(model, site, **filters):
    page = (
        model.objects.live()
        .public()
        .descendant_of(site.root_page, inclusive=True)
        .filter(locale=site.root_page.locale, **filters)
        .order_by("path")
        .first()
    )
    return page.get_url(current_site=site) if page else None


def _home(site):
    return site.root_page.get_url(current_site=site)


def _domain_listing(site):
    from resources.models import DomainPage

    return _first_page(DomainPage, site)


def _resource_library(site):
    from resources.models import ResourceIndexPage

    return _first_page(ResourceIndexPage, site)


def _resource(site):
    from resources.models import ResourcePage

    return _first_page(ResourcePage, site)


def _harvested_item(site):
    from harvest.listing import visible_items

    item = visible_items(site).first()
    return item.get_absolute_url() if item else None


def _search_results(site):
    """A search for the title of the portal's first resource, so that it has results."""
    from django.urls import reverse
    from django.utils.http import urlencode

    from resources.models import ResourcePage

    resource = ResourcePage.objects.live().public().descendant_of(site.root_page).order_by("path").first()
    return f"{reverse('search')}?{urlencode({'q': resource.title})}" if resource else None


def _community_home(site):
    from communities.models import CommunityPage, Visibility

    return _first_page(CommunityPage, site, visibility=Visibility.PUBLIC)


def _community_post(site):
    from communities.models import Post, Visibility

    post = (
        Post.objects.filter(hidden=False, community__visibility=Visibility.PUBLIC, community__live=True)
        .filter(community__path__startswith=site.root_page.path)
        .select_related("community")
        .order_by("community__path", "-created_at")
        .first()
    )
    return urlsplit(post.url()).path if post else None


def _question(site):
    """An answered question of a public community: the richest question page."""
    from communities.models import Visibility
    from communities.questions.models import Question

    question = (
        Question.objects.filter(hidden=False, community__visibility=Visibility.PUBLIC, community__live=True)
        .filter(community__path__startswith=site.root_page.path)
        .select_related("community")
        .order_by("status", "community__path", "pk")  # "answered" sorts first
        .first()
    )
    return urlsplit(question.url()).path if question else None


def _event(site):
    """An event of the portal's own agenda (community events follow their community's rules)."""
    from communities.events.models import AgendaPage, EventPage

    agenda = AgendaPage.objects.live().descendant_of(site.root_page).filter(locale=site.root_page.locale).first()
    event = EventPage.objects.live().public().child_of(agenda).order_by("-start").first() if agenda else None
    return event.get_url(current_site=site) if event else None


def _veille_issue(site):
    from veille.models import VeillePage

    return _first_page(VeillePage, site, community__isnull=True)


def _member_directory(site):
    from django.urls import reverse

    return reverse("communities:directory")


def _member_profile(site):
    from django.contrib.auth.models import AnonymousUser
    from django.urls import reverse

    from communities.views import visible_profiles

    profile = visible_profiles(AnonymousUser()).order_by("pk").first()
    return reverse("communities:profile", args=[profile.pk]) if profile else None


def _log_in(site):
    from django.urls import reverse

    return reverse("account_login")


def _sign_up(site):
    from django.urls import reverse

    return reverse("account_signup")


def _submit_empty_form(page):
    """Send the main form empty, past the browser's own checks, so that the server
    answers with its error messages."""
    with page.expect_navigation(wait_until="networkidle") as navigation:
        page.evaluate(
            "() => { const form = document.querySelector('main form'); form.noValidate = true; form.requestSubmit(); }"
        )
    return navigation.value


PAGE_TYPES = [
    PageType("portal home", _home, lighthouse=True),
    PageType("domain listing", _domain_listing),
    PageType("resource library", _resource_library),
    PageType("resource page", _resource, lighthouse=True),
    PageType("harvested item", _harvested_item),
    PageType("search results", _search_results),
    PageType("community home", _community_home),
    PageType("community post", _community_post),
    PageType("member directory", _member_directory),
    PageType("member profile", _member_profile),
    PageType("question", _question),
    PageType("event", _event),
    PageType("veille issue", _veille_issue),
    PageType("log-in", _log_in),
    PageType("sign-up", _sign_up),
    PageType("form with errors", _sign_up, act=_submit_empty_form),
]


def portal_for_theme(theme):
    """The site audited for ``theme``: the default site if it uses that theme, else the
    first such site by hostname."""
    from wagtail.models import Site

    from sites.models import PortalBranding

    for site in Site.objects.order_by("-is_default_site", "hostname"):
        if PortalBranding.for_site(site).theme == theme:
            return site
    return None


def targets():
    """Every page type on the audited portal of every theme."""
    found = []
    for theme in THEMES:
        site = portal_for_theme(theme)
        if site is None:
            raise LookupError(f"No portal uses the « {theme} » theme: load the demo first.")
        for page_type in PAGE_TYPES:
            path = page_type.find(site) if page_type.find else None
            found.append(Target(page_type, theme, f"{site.root_url}{path}" if path else ""))
    return found
