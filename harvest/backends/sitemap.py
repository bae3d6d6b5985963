"""Sitemaps (indexes and gzip included), walked with ultimate-sitemap-parser
through the guarded client. Each page's metadata comes from JSON-LD,
OpenGraph or Dublin Core (extruct) and its main text from trafilatura. Pages
whose lastmod has not changed are not fetched again."""

import gzip
import io
import re
from types import SimpleNamespace

from django.utils.translation import gettext as _
from usp.fetch_parse import SitemapFetcher
from usp.objects.sitemap import InvalidSitemap
from usp.web_client.abstract_client import AbstractWebClient, AbstractWebClientSuccessResponse, WebClientErrorResponse

from sites.sanitize import clean_html, plain_text, safe_url

from ..errors import HarvestError, MalformedDocument, ResponseTooLarge
from ..xmlguard import parse_xml, to_utf8
from .base import Backend, Record, Stub
from .dates import from_text

GZIP_MAGIC = b"\x1f\x8b"
HTML_LANG = re.compile(r"<html[^>]*\slang=[\"']?([A-Za-z-]{2,12})", re.IGNORECASE)
SUMMARY_LENGTH = 600
EMPTY_METADATA = SimpleNamespace(title="", description="", author="", date=None)


class _Response(AbstractWebClientSuccessResponse):
    def __init__(self, result, data):
        self._result, self._data = result, data

    def status_code(self):
        return self._result.status

    def status_message(self):
        return "OK"

    def header(self, case_insensitive_name):
        return self._result.headers.get(case_insensitive_name)

    def raw_data(self):
        return self._data

    def url(self):
        return self._result.url


class GuardedWebClient(AbstractWebClient):
    """usp's web client, backed by the guarded client: gzip is opened here
    (within the size limit) and every XML document is vetted by defusedxml."""

    def __init__(self, client):
        self.client = client
        self.errors = []

    def set_max_response_data_length(self, max_response_data_length):
        """The guarded client applies its own limit."""

    def get(self, url):
        try:
            result = self.client.get(url)
            data = self._gunzip(result.content, url)
            if data.lstrip()[:1] == b"<":
                data = to_utf8(data, result.charset)
                parse_xml(data, url)
            return _Response(result, data)
        except HarvestError as error:
            self.errors.append(str(error))
            return WebClientErrorResponse(str(error), retryable=False)

    def _gunzip(self, content, url):
        if not content.startswith(GZIP_MAGIC):
            return content
        limit = self.client.max_bytes
        with gzip.GzipFile(fileobj=io.BytesIO(content)) as stream:
            try:
                data = stream.read(limit + 1)
            except (OSError, EOFError) as error:
                raise MalformedDocument(
                    _("Archive gzip illisible (%(url)s) : %(error)s.") % {"url": url, "error": error}
                ) from error
        if len(data) > limit:
            raise ResponseTooLarge(
                _("Le sitemap décompressé %(url)s dépasse %(size)s octets.") % {"url": url, "size": limit}
            )
        return data


class SitemapBackend(Backend):
    name = "sitemap"
    config_keys = ("url_prefix",)

    def gather(self, ctx):
        web = GuardedWebClient(ctx.client)
        tree = SitemapFetcher(url=ctx.source.url, recursion_level=0, web_client=web).sitemap()
        if isinstance(tree, InvalidSitemap):
            raise MalformedDocument(
                web.errors[0] if web.errors else _("Sitemap illisible : %(reason)s") % {"reason": tree.reason}
            )
        prefix = ctx.source.config.get("url_prefix", "")
        for page in tree.all_pages():
            if prefix and not page.url.startswith(prefix):
                continue
            yield Stub(remote_id=page.url, version=page.last_modified.isoformat() if page.last_modified else "")
        invalid = [sub for sub in tree.all_sitemaps() if isinstance(sub, InvalidSitemap)]
        if invalid or web.errors:
            ctx.complete_listing = False
            raise MalformedDocument(
                _("Sitemaps illisibles, la liste des pages est incomplète : %(errors)s")
                % {"errors": " ; ".join(web.errors or [sub.reason for sub in invalid])}
            )

    def fetch(self, ctx, stub):
        result = ctx.client.get(stub.remote_id)
        return {"url": result.url, "html": result.text()}

    def transform(self, ctx, stub, raw):
        # Heavy (lxml, justext…): loaded by the first page a sitemap source reads.
        import extruct  # noqa: PLC0415
        import trafilatura  # noqa: PLC0415

        url, html = raw["url"], raw["html"]
        meta = page_metadata(
            extruct.extract(html, base_url=url, syntaxes=["json-ld", "opengraph", "dublincore"], uniform=True)
        )
        fallback = trafilatura.extract_metadata(html, default_url=url) or EMPTY_METADATA
        body = trafilatura.extract(html, url=url, output_format="html", include_links=True, include_images=False) or ""
        declared = HTML_LANG.search(html[:2000])
        language = meta.get("language") or (declared.group(1) if declared else "")
        return Record(
            remote_id=stub.remote_id,
            url=safe_url(meta.get("url") or url, url) or url,
            title=plain_text(meta.get("title") or fallback.title or "", 500),
            summary=plain_text(meta.get("description") or fallback.description or "", SUMMARY_LENGTH),
            body_html=clean_html(body, url),
            image_url=safe_url(meta.get("image", ""), url),
            authors=plain_text(meta.get("author") or fallback.author or "", 500),
            published_at=from_text(meta.get("published") or fallback.date),
            updated_at=from_text(meta.get("modified")),
            language=language[:12],
            tags=meta.get("keywords", []),
            raw={"metadata": meta, "lastmod": stub.version},
        )


def _first_name(value):
    if isinstance(value, list):
        return ", ".join(filter(None, (_first_name(v) for v in value)))
    if isinstance(value, dict):
        return value.get("name") or value.get("url") or ""
    return str(value or "")


def page_metadata(data):
    """One flat dict from extruct's JSON-LD, OpenGraph and Dublin Core, JSON-LD first."""
    meta = {}
    for node in data.get("dublincore", []):
        elements = {
            el.get("name", "").split(".", 1)[-1].lower(): el.get("content", "") for el in node.get("elements", [])
        }
        for key, target in (
            ("title", "title"),
            ("description", "description"),
            ("creator", "author"),
            ("date", "published"),
            ("language", "language"),
        ):
            if elements.get(key):
                meta[target] = elements[key]
        if elements.get("subject"):
            meta["keywords"] = [s.strip() for s in elements["subject"].split(",") if s.strip()]
    for node in data.get("opengraph", []):
        for key, target in (
            ("og:title", "title"),
            ("og:description", "description"),
            ("og:image", "image"),
            ("og:url", "url"),
            ("article:published_time", "published"),
            ("article:modified_time", "modified"),
            ("og:locale", "language"),
        ):
            if node.get(key):
                meta[target] = node[key] if key != "og:locale" else node[key][:2]
    for node in data.get("json-ld", []):
        if not isinstance(node, dict) or not (node.get("headline") or node.get("name")):
            continue
        meta["title"] = node.get("headline") or node.get("name")
        for key, target in (
            ("description", "description"),
            ("datePublished", "published"),
            ("dateModified", "modified"),
            ("inLanguage", "language"),
            ("url", "url"),
        ):
            if isinstance(node.get(key), str) and node[key]:
                meta[target] = node[key]
        if node.get("author"):
            meta["author"] = _first_name(node["author"])
        if node.get("image"):
            image = node["image"][0] if isinstance(node["image"], list) else node["image"]
            meta["image"] = image.get("url", "") if isinstance(image, dict) else str(image)
        if node.get("keywords"):
            keywords = node["keywords"]
            meta["keywords"] = (
                keywords if isinstance(keywords, list) else [k.strip() for k in str(keywords).split(",") if k.strip()]
            )
        break
    return meta
