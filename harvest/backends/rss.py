"""RSS and Atom feeds: httpx fetches the bytes (conditionally), defusedxml vets
them, feedparser reads them. A feed served again byte for byte, even without
ETag or Last-Modified, is not read again."""

import feedparser
from django.utils.translation import gettext as _

from sites.sanitize import clean_html, plain_text, safe_url

from ..errors import ItemError, NotModified
from ..xmlguard import parse_xml, to_utf8
from .base import Backend, Record, Stub
from .dates import from_struct

SUMMARY_LENGTH = 600


class RSSBackend(Backend):
    name = "rss"

    def gather(self, ctx):
        source = ctx.source
        result = ctx.client.get(source.url, etag=ctx.etag, last_modified=ctx.last_modified)
        if result.not_modified:
            raise NotModified
        ctx.etag, ctx.last_modified = result.etag, result.last_modified
        ctx.check_document(result.content)
        content = to_utf8(result.content, result.charset)
        parse_xml(content, result.url)
        feed = feedparser.parse(
            content, sanitize_html=False, resolve_relative_uris=False, response_headers={"content-location": result.url}
        )
        language = feed.feed.get("language", "")
        for entry in feed.entries:
            remote_id = entry.get("id") or entry.get("link") or ""
            yield Stub(remote_id=remote_id, data={"entry": entry, "language": language, "base": result.url})

    def transform(self, ctx, stub, raw):
        entry, base = raw["entry"], raw["base"]
        link = safe_url(entry.get("link", ""), base)
        if not stub.remote_id:
            raise ItemError(_("Entrée sans identifiant ni lien : « %(title)s ».") % {"title": entry.get("title", "")})
        contents = entry.get("content") or []
        body = contents[0].get("value", "") if contents else entry.get("summary", "")
        summary_html = entry.get("summary", "") or body
        return Record(
            remote_id=stub.remote_id,
            url=link,
            title=plain_text(entry.get("title", ""), 500),
            summary=plain_text(summary_html, SUMMARY_LENGTH),
            body_html=clean_html(body, link or base),
            image_url=_image(entry, base),
            authors=", ".join(a.get("name", "") for a in entry.get("authors", []) if a.get("name"))[:500],
            published_at=from_struct(entry.get("published_parsed")),
            updated_at=from_struct(dict.get(entry, "updated_parsed")),
            language=(entry.get("language") or raw["language"] or "")[:12],
            tags=[t.get("term", "") for t in entry.get("tags", []) if t.get("term")],
            raw=_raw(entry),
        )


def _image(entry, base):
    for media in entry.get("media_thumbnail", []) + entry.get("media_content", []):
        url = safe_url(media.get("url", ""), base)
        if url:
            return url
    for enclosure in entry.get("enclosures", []):
        if enclosure.get("type", "").startswith("image/"):
            return safe_url(enclosure.get("href", ""), base)
    return ""


def _raw(entry):
    """The entry's fields as JSON-friendly values (feedparser's parsed dates are structs)."""
    return {key: value for key, value in entry.items() if not key.endswith("_parsed")}
