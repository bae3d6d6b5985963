"""Saved-search alerts: a logged-in reader saves a search (words and facets)
and receives, daily or weekly, one e-mail listing only what was first indexed
since the previous alert and what they may see at sending time.

The saved search runs through the same search service as the search page,
with the reader's audiences, so an alert never reveals content of a community
they do not read. Nothing new, no e-mail; ``last_sent_at`` moves forward only
once the e-mail has been sent, so that nothing is lost when sending fails."""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from sites.models import PortalBranding
from sites.portal_urls import root_url

from .models import SavedSearch
from .query import clean
from .registry import audiences_for
from .service import FACET_NAMES, SearchRequest, run_search

logger = logging.getLogger(__name__)

MAX_ITEMS = 50
QUERY_MAX = 200


def saved_params(params):
    """What an alert keeps of a search page's query string."""
    return {
        "query": clean(params.get("q", ""), QUERY_MAX),
        "filters": {name: clean(params[name], QUERY_MAX) for name in FACET_NAMES if params.get(name)},
        "all_portals": params.get("scope") == "all",
    }


def search_params(alert):
    """The search page's query string for ``alert``."""
    params = {"q": alert.query, **{name: value for name, value in alert.filters.items() if name in FACET_NAMES}}
    if alert.all_portals:
        params["scope"] = "all"
    return urlencode({key: value for key, value in params.items() if value})


def _portal_url(site, path):
    return root_url(site).rstrip("/") + path


def search_url(alert):
    """The alert's search on its portal, as an absolute URL."""
    with translation.override(alert.language):
        return _portal_url(alert.site, reverse("search")) + "?" + search_params(alert)


def new_documents(alert, since):
    """Search documents matching ``alert`` first indexed after ``since`` that its
    owner may see, newest first."""
    search = SearchRequest(
        site=alert.site,
        language=alert.language,
        query=alert.query,
        all_portals=alert.all_portals,
        audiences=audiences_for(alert.user),
        filters={name: value for name, value in alert.filters.items() if name in FACET_NAMES},
        indexed_after=since,
        sort="date",
        per_page=MAX_ITEMS,
    )
    return run_search(search)


def send_alert(alert):
    """E-mail ``alert``'s owner what is new; returns whether an e-mail was sent."""
    now = timezone.now()
    outcome = new_documents(alert, alert.last_sent_at or alert.created_at)
    if not outcome.documents:
        return False
    with translation.override(alert.language):
        context = {
            "alert": alert,
            "documents": outcome.documents,
            "count": outcome.count,
            "portal_name": PortalBranding.for_site(alert.site).name or alert.site.site_name,
            "search_url": search_url(alert),
            "manage_url": _portal_url(alert.site, reverse("search_alerts:list")),
        }
        subject = render_to_string("default/search/alerts/email_subject.txt", context).strip()
        text = render_to_string("default/search/alerts/email.txt", context)
        html = render_to_string("default/search/alerts/email.html", context)
    send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [alert.user.email], html_message=html)
    alert.last_sent_at = now
    alert.save(update_fields=["last_sent_at"])
    return True


def active_alerts(frequency):
    return (
        SavedSearch.objects.filter(active=True, frequency=frequency, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "site")
        .order_by("pk")
    )


def send_alerts(frequency):
    """Send every active alert of ``frequency``; one failing alert does not stop
    the others (it is tried again next time). Returns the number of e-mails sent."""
    sent = 0
    for alert in active_alerts(frequency).iterator(chunk_size=200):
        try:
            sent += send_alert(alert)
        except Exception:
            logger.exception("Saved-search alert %s could not be sent", alert.pk)
    return sent
