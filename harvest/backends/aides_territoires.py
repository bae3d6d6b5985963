"""The Aides-Territoires API: funding aids become items of type « aide
financière ». An API token is exchanged for a bearer token at the
``connexion/`` endpoint beside the aids endpoint; pages follow ``next`` (same
host only, the bearer never leaves it). The API cannot filter by update date,
so every run lists everything and compares content hashes.

An aid's categories are filed under the platform's domains through the
source's ``category_domains`` mapping, and its perimeter becomes a territory."""

import json
import unicodedata
from urllib.parse import urljoin, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.translation import gettext as _

from sites.sanitize import clean_html, plain_text, safe_url

from ..errors import FetchError, MalformedDocument
from ..taxonomy import domain_ids_by_slug
from .base import Backend, Record, Stub
from .dates import from_text

MAX_PER_PAGE = 100
SUMMARY_LENGTH = 600
AID_TYPE = ("aide-financiere", "Aide financière")
# Aides-Territoires perimeter scales (lower case, without accents) -> Territory scales
PERIMETER_SCALES = {
    "pays": "national",
    "continent": "national",
    "region": "region",
    "departement": "departement",
    "epci": "epci",
    "intercommunalite": "epci",
    "commune": "commune",
}


def _json(result):
    try:
        return json.loads(result.content)
    except ValueError as error:
        raise MalformedDocument(
            _("Réponse JSON illisible de %(url)s : %(error)s.") % {"url": result.url, "error": error}
        ) from error


def _key(text):
    """``text`` lower-cased, without accents or surrounding spaces, for lookups."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).strip().lower()


def connexion_url(aids_url):
    """The token endpoint beside the aids endpoint: ``…/api/aids/`` -> ``…/api/connexion/``."""
    parts = urlsplit(aids_url)
    prefix, found, _rest = parts.path.partition("/api/")
    return urlunsplit((parts.scheme, parts.netloc, f"{prefix}/api/connexion/" if found else "/api/connexion/", "", ""))


def _names(values):
    """Names from a list of strings or of objects with a name."""
    if isinstance(values, str):
        return [values]
    return [value.get("name", "") if isinstance(value, dict) else str(value) for value in values or [] if value]


def _category_parts(category):
    """A category ``Thème|Catégorie`` may be mapped by its full name, its theme or its own name."""
    theme, _sep, own = category.partition("|")
    return [part for part in (category, theme, own) if part.strip()]


def mapped_domains(categories, mapping):
    """Slugs of the domains ``mapping`` files ``categories`` under, in order, once each."""
    lookup = {_key(category): slugs for category, slugs in mapping.items()}
    slugs = [
        slug for category in categories for part in _category_parts(category) for slug in lookup.get(_key(part), [])
    ]
    return list(dict.fromkeys(slugs))


def perimeter_territory(raw):
    """(scale, name) of the aid's perimeter, or None."""
    names = [name.strip() for name in _names(raw.get("perimeter")) if name.strip()]
    if not names:
        return None
    scale = PERIMETER_SCALES.get(_key(raw.get("perimeter_scale") or ""))
    if scale is None:
        scale = "national" if _key(names[0]) == "france" else "other"
    return (scale, names[0])


def validate_category_domains(mapping):
    """The mapping with each category's domains as a list of slugs of existing domains."""
    message = _(
        "« category_domains » associe à chaque catégorie d'aide un identifiant de domaine ou une liste d'identifiants."
    )
    if not isinstance(mapping, dict):
        raise ValidationError(message)
    cleaned = {}
    for category, slugs in mapping.items():
        slugs = [slugs] if isinstance(slugs, str) else slugs
        if not isinstance(slugs, list) or not all(isinstance(slug, str) and slug for slug in slugs):
            raise ValidationError(message)
        cleaned[category] = slugs
    known = domain_ids_by_slug()
    unknown = sorted({slug for slugs in cleaned.values() for slug in slugs} - set(known))
    if unknown:
        raise ValidationError(
            _("Domaines inconnus dans « category_domains » : %(unknown)s. Domaines existants : %(known)s.")
            % {"unknown": ", ".join(unknown), "known": ", ".join(sorted(known)) or "-"}
        )
    return cleaned


class AidesTerritoiresBackend(Backend):
    name = "aides-territoires"
    config_keys = ("api_token", "items_per_page", "filters", "category_domains")

    def validate_config(self, config):
        config = super().validate_config(config)
        if not str(config.get("api_token", "")).strip():
            raise ValidationError(_("Indiquez le jeton d'API Aides-territoires (clé « api_token »)."))
        per_page = config.get("items_per_page", MAX_PER_PAGE)
        if not isinstance(per_page, int) or not 1 <= per_page <= MAX_PER_PAGE:
            raise ValidationError(
                _("« items_per_page » doit être un entier entre 1 et %(max)s.") % {"max": MAX_PER_PAGE}
            )
        if not isinstance(config.get("filters", {}), dict):
            raise ValidationError(_("« filters » doit être un objet JSON de paramètres de recherche."))
        if "category_domains" in config:
            config = {**config, "category_domains": validate_category_domains(config["category_domains"])}
        return config

    def _bearer(self, ctx):
        result = ctx.client.post(
            connexion_url(ctx.source.url), headers={"X-AUTH-TOKEN": ctx.source.config["api_token"]}
        )
        token = _json(result).get("token")
        if not token:
            raise FetchError(_("Aides-territoires n'a pas délivré de jeton : vérifiez la clé d'API."))
        return token

    def gather(self, ctx):
        config = ctx.source.config
        headers = {"Authorization": f"Bearer {self._bearer(ctx)}", "Accept": "application/json"}
        host = urlsplit(ctx.source.url).netloc
        params = {**config.get("filters", {}), "itemsPerPage": config.get("items_per_page", MAX_PER_PAGE)}
        url, visited = ctx.source.url, set()
        while url:
            if urlsplit(url).netloc != host or url in visited:
                raise FetchError(_("Pagination inattendue vers %(url)s : arrêt de la moisson.") % {"url": url})
            visited.add(url)
            page = _json(ctx.client.get(url, params=params if len(visited) == 1 else None, headers=headers))
            for aid in page.get("results", []):
                yield Stub(remote_id=str(aid.get("id", "")), data=aid)
            url = urljoin(url, page["next"]) if page.get("next") else None

    def transform(self, ctx, stub, raw):
        base = ctx.source.url
        origin = safe_url(raw.get("origin_url"), base)
        application = safe_url(raw.get("application_url"), base)
        financers = _names(raw.get("financers"))
        categories = _names(raw.get("categories"))
        details = [
            (_("Porteurs"), ", ".join(financers)),
            (_("Types d'aide"), ", ".join(_names(raw.get("aid_types")))),
            (_("Périmètre"), ", ".join(_names(raw.get("perimeter")))),
            (_("Date limite de dépôt"), raw.get("submission_deadline") or ""),
        ]
        rows = "".join(f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>" for label, value in details if value)
        links = "".join(
            f'<p><a href="{escape(href)}">{escape(label)}</a></p>'
            for label, href in ((_("Site de l'aide"), origin), (_("Candidater"), application))
            if href
        )
        description = raw.get("description") or ""
        return Record(
            remote_id=stub.remote_id,
            url=safe_url(raw.get("url"), base) or origin,
            title=plain_text(raw.get("name", ""), 500),
            summary=plain_text(description, SUMMARY_LENGTH),
            body_html=clean_html(f"{description}<dl>{rows}</dl>{links}", base),
            authors=", ".join(financers)[:500],
            published_at=from_text(raw.get("date_published") or raw.get("date_created")),
            updated_at=from_text(raw.get("date_updated")),
            language="fr",
            tags=[_category_parts(category)[-1] for category in categories],
            resource_type=AID_TYPE,
            domains=mapped_domains(categories, ctx.source.config.get("category_domains", {})),
            territory=perimeter_territory(raw),
            raw=raw,
        )
