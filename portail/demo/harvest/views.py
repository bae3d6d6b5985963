"""The demo partners, served by the portal itself when HARVEST_DEMO_SOURCES is on: fixture files
(feeds, a sitemap and its pages), an OAI-PMH endpoint that honours ``from``,
and an Aides-Territoires-shaped API with its token exchange and pagination."""

import json
import re
from functools import wraps
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .sources import API_TOKEN, BEARER, SOURCES

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CONTENT_TYPES = {".xml": "application/xml; charset=utf-8", ".html": "text/html; charset=utf-8"}
OAI_RECORD = re.compile(r"\s*<record>.*?</record>", re.DOTALL)
OAI_DATESTAMP = re.compile(r"<datestamp>([^<]+)</datestamp>")
AIDS_PER_PAGE = 30


def debug_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not settings.HARVEST_DEMO_SOURCES:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def _base(request):
    return request.build_absolute_uri(reverse("demo:index")).rstrip("/")


def _fixture(request, name):
    """A fixture file's text, with ``{{BASE}}`` pointing at this server."""
    path = (FIXTURES / name).resolve()
    if FIXTURES not in path.parents or not path.is_file():
        raise Http404
    return path.read_text(encoding="utf-8").replace("{{BASE}}", _base(request))


@require_GET
@debug_only
def index(request):
    lines = [f"{source.name} ({source.backend}) : {_base(request)}/{source.path}" for source in SOURCES]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@debug_only
def document(request, name):
    content_type = CONTENT_TYPES.get(Path(name).suffix)
    if content_type is None:
        raise Http404
    return HttpResponse(_fixture(request, name), content_type=content_type)


def _oai_error(request, code, message):
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
        f"<responseDate>{timezone.now():%Y-%m-%dT%H:%M:%SZ}</responseDate><request>{_base(request)}/oai/</request>"
        f'<error code="{code}">{escape(message)}</error></OAI-PMH>'
    )
    return HttpResponse(body, content_type=CONTENT_TYPES[".xml"])


@require_GET
@debug_only
def oai(request):
    """ListRecords in Dublin Core, from the fixture, keeping records stamped on or after ``from``."""
    if request.GET.get("verb") != "ListRecords":
        return _oai_error(request, "badVerb", "Cette démonstration ne sert que le verbe ListRecords.")
    if request.GET.get("metadataPrefix") != "oai_dc":
        return _oai_error(request, "cannotDisseminateFormat", "Seul le format oai_dc est servi.")
    since = request.GET.get("from", "")

    def recent(match):
        return OAI_DATESTAMP.search(match.group(0)).group(1) >= since

    document = _fixture(request, "littoral.oai.xml")
    if not any(recent(match) for match in OAI_RECORD.finditer(document)):
        return _oai_error(request, "noRecordsMatch", "Aucune notice modifiée depuis cette date.")
    return HttpResponse(
        OAI_RECORD.sub(lambda match: match.group(0) if recent(match) else "", document),
        content_type=CONTENT_TYPES[".xml"],
    )


@csrf_exempt
@require_POST
@debug_only
def aides_connexion(request):
    """The API token exchanged for a bearer token."""
    if request.headers.get("X-Auth-Token") != API_TOKEN:
        return JsonResponse({"detail": "Jeton d'API invalide."}, status=401)
    return JsonResponse({"token": BEARER})


def _number(value, default, highest):
    try:
        return min(max(int(value), 1), highest)
    except (TypeError, ValueError):
        return default


@require_GET
@debug_only
def aides_aids(request):
    """The aids, ``itemsPerPage`` at a time, with ``next`` and ``previous`` links."""
    if request.headers.get("Authorization") != f"Bearer {BEARER}":
        return JsonResponse({"detail": "Authentification requise."}, status=401)
    aids = json.loads(_fixture(request, "aides.json"))
    per_page = _number(request.GET.get("itemsPerPage"), AIDS_PER_PAGE, 100)
    last_page = max((len(aids) + per_page - 1) // per_page, 1)
    page = _number(request.GET.get("page"), 1, last_page)

    def link(number):
        return request.build_absolute_uri(f"{request.path}?{urlencode({'itemsPerPage': per_page, 'page': number})}")

    return JsonResponse(
        {
            "count": len(aids),
            "next": link(page + 1) if page < last_page else None,
            "previous": link(page - 1) if page > 1 else None,
            "results": aids[(page - 1) * per_page : page * per_page],
        }
    )
