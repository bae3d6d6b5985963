"""The veille's public views: the archive and an issue (see
``sites.routing.PageViewMixin``), and the newsletter's subscribe, confirm and
unsubscribe (one click)."""

from django.conf import settings
from django.http import Http404
from django.utils.translation import get_language, ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Locale

from communities.access import Action, can
from sites import ratelimit
from sites.portal import portal_for
from sites.rendering import render, render_page

from . import newsletter
from .forms import SubscribeForm
from .listing import archive_context, issue_context, veille_index
from .tokens import CONFIRM_MAX_AGE, CONFIRM_SALT, UNSUBSCRIBE_SALT, subscriber_for


def archive(request, index):
    return render_page(request, index, archive_context(request, index))


def issue(request, page):
    """An issue; a community's issue is read by those who may read the community."""
    if not page.is_public_issue and not can(request.user, page.community, Action.READ):
        raise Http404
    return render_page(request, page, issue_context(request, page))


def _portal(request):
    site = portal_for(request).site
    if site is None:
        raise Http404
    return site


def _archive_url(request, site):
    locale = Locale.objects.filter(language_code=get_language()).first()
    index = veille_index(site, locale) or veille_index(site)
    return index.get_url(request) if index else "/"


def _refusal(request, email):
    """Why this subscription request is refused, how long to wait and whether the
    form is worth showing again, or None. Each client may ask a few times an
    hour, and each address receive one confirmation e-mail in a while, whatever
    the portal: the form cannot be used to flood mailboxes. An address that was
    just sent its e-mail (the form posted twice, the page reloaded) is told to
    check its mailbox, without the form."""
    limits = settings.VEILLE_SUBSCRIPTION_RATE_LIMITS
    limit, window = limits["client"]
    if ratelimit.hit("veille-subscribe-client", ratelimit.client_address(request), limit, window):
        minutes = window // 60
        message = ngettext(
            "Trop de demandes d'abonnement ont été envoyées depuis votre connexion. Réessayez dans %(minutes)d minute.",
            "Trop de demandes d'abonnement ont été envoyées depuis votre connexion. Réessayez dans %(minutes)d "
            "minutes.",
            minutes,
        )
        return message % {"minutes": minutes}, window, True
    limit, window = limits["address"]
    if ratelimit.hit("veille-subscribe-address", email.strip().lower(), limit, window):
        minutes = window // 60
        message = ngettext(
            "Un e-mail de confirmation vient déjà d'être demandé pour cette adresse : consultez votre messagerie, ou "
            "réessayez dans %(minutes)d minute.",
            "Un e-mail de confirmation vient déjà d'être demandé pour cette adresse : consultez votre messagerie, ou "
            "réessayez dans %(minutes)d minutes.",
            minutes,
        )
        return message % {"minutes": minutes}, window, False
    return None


@require_POST
def subscribe(request):
    site = _portal(request)
    form = SubscribeForm(request.POST)
    context = {"form": form, "archive_url": _archive_url(request, site)}
    if not form.is_valid():
        return render(request, "veille/subscribe.html", context, status=400)
    refusal = _refusal(request, form.cleaned_data["email"])
    if refusal:
        message, retry_after, form_again = refusal
        context.update(refused=message, awaiting_confirmation=not form_again)
        response = render(request, "veille/subscribe.html", context, status=429)
        response["Retry-After"] = str(retry_after)
        return response
    newsletter.subscribe(site, form.cleaned_data["email"], get_language() or "fr")
    return render(request, "veille/subscribe.html", {"done": True, "archive_url": context["archive_url"]})


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscriber = subscriber_for(token, CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    context = {"subscriber": subscriber, "archive_url": _archive_url(request, _portal(request))}
    if subscriber is None:
        return render(request, "veille/confirm.html", context, status=400)
    if request.method == "POST":
        newsletter.confirm(subscriber)
        context["done"] = True
    return render(request, "veille/confirm.html", context)


# Mail clients unsubscribe with a POST and no CSRF token (RFC 8058); the signed
# token in the address is what authorises it.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber = subscriber_for(token, UNSUBSCRIBE_SALT)
    context = {"subscriber": subscriber, "archive_url": _archive_url(request, _portal(request))}
    if subscriber is None:
        return render(request, "veille/unsubscribe.html", context, status=400)
    if request.method == "POST":
        newsletter.unsubscribe(subscriber)
        context["done"] = True
    return render(request, "veille/unsubscribe.html", context)
