"""Members' content: sanitising it and limiting how fast it arrives."""

import html
import re

import nh3
from django.conf import settings

from sites import ratelimit

ALLOWED_TAGS = {"a", "b", "blockquote", "br", "code", "em", "i", "li", "ol", "p", "pre", "strong", "ul"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
SPACES = re.compile(r"\s+")
PARAGRAPHS = re.compile(r"\n\s*\n")
HAS_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")

# (number of items, window in seconds) per member and kind of content
DEFAULT_RATE_LIMITS = {"post": (5, 600), "comment": (20, 600), "report": (10, 3600), "join": (20, 3600)}


def clean_html(text):
    """Safe HTML from what a member typed: plain text becomes paragraphs; markup
    keeps an allow-list of tags, no attributes but links' href and title, only
    http(s) and mailto links, no script or style content, no event handlers."""
    text = (text or "").strip()
    if not text:
        return ""
    if not HAS_MARKUP.search(text):
        paragraphs = [html.escape(part).replace("\n", "<br>") for part in PARAGRAPHS.split(text) if part.strip()]
        text = "".join(f"<p>{part}</p>" for part in paragraphs)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow ugc",
        strip_comments=True,
    ).strip()


def plain_text(fragment, max_length=None):
    text = SPACES.sub(" ", html.unescape(nh3.clean(fragment or "", tags=set()))).strip()
    if max_length and len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "…"
    return text


def rate_limit(kind):
    return getattr(settings, "COMMUNITIES_RATE_LIMITS", {}).get(kind, DEFAULT_RATE_LIMITS[kind])


def hit_rate_limit(user, kind):
    """Count one ``kind`` action by ``user``; True when they exceed the limit of
    the current window (the action must then be refused)."""
    limit, window = rate_limit(kind)
    return ratelimit.hit(f"communities-{kind}", user.pk, limit, window)
