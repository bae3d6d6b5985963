"""The newsletter's public views: subscribe, confirm, unsubscribe (one click)."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Locale, Site

from sites.branding import branding_for_request
from themes.registry import select_theme_template

from . import newsletter
from .forms import SubscribeForm
from .listing import veille_index
from .tokens import CONFIRM_MAX_AGE, CONFIRM_SALT, UNSUBSCRIBE_SALT, subscriber_for


def _render(request, template, context, status=200):
    template = select_theme_template(branding_for_request(request).theme, template)
    return TemplateResponse(request, template, context, status=status)


def _portal(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return site


def _archive_url(request, site):
    locale = Locale.objects.filter(language_code=get_language()).first()
    index = veille_index(site, locale) or veille_index(site)
    return index.get_url(request) if index else "/"


@require_POST
def subscribe(request):
    site = _portal(request)
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return _render(request, "veille/subscribe.html", {"form": form, "archive_url": _archive_url(request, site)}, status=400)
    newsletter.subscribe(site, form.cleaned_data["email"], get_language() or "fr")
    return _render(request, "veille/subscribe.html", {"done": True, "archive_url": _archive_url(request, site)})


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscriber = subscriber_for(token, CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    context = {"subscriber": subscriber, "archive_url": _archive_url(request, _portal(request))}
    if subscriber is None:
        return _render(request, "veille/confirm.html", context, status=400)
    if request.method == "POST":
        newsletter.confirm(subscriber)
        context["done"] = True
    return _render(request, "veille/confirm.html", context)


# Mail clients unsubscribe with a POST and no CSRF token (RFC 8058); the signed
# token in the address is what authorises it.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber = subscriber_for(token, UNSUBSCRIBE_SALT)
    context = {"subscriber": subscriber, "archive_url": _archive_url(request, _portal(request))}
    if subscriber is None:
        return _render(request, "veille/unsubscribe.html", context, status=400)
    if request.method == "POST":
        newsletter.unsubscribe(subscriber)
        context["done"] = True
    return _render(request, "veille/unsubscribe.html", context)
