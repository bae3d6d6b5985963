"""Members' content: sanitising it and limiting how fast it arrives."""

import html
import re

from django.conf import settings

from sites import ratelimit, sanitize
from sites.sanitize import plain_text

__all__ = ["clean_html", "plain_text", "rate_limit", "hit_rate_limit"]

PARAGRAPHS = re.compile(r"\n\s*\n")
HAS_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")

# (number of items, window in seconds) per member and kind of content
DEFAULT_RATE_LIMITS = {"post": (5, 600), "comment": (20, 600), "report": (10, 3600), "join": (20, 3600)}


def clean_html(text):
    """Safe HTML from what a member typed: plain text becomes paragraphs; markup
    keeps what the contributed policy allows (see sites.sanitize)."""
    text = (text or "").strip()
    if not text:
        return ""
    if not HAS_MARKUP.search(text):
        paragraphs = [html.escape(part).replace("\n", "<br>") for part in PARAGRAPHS.split(text) if part.strip()]
        text = "".join(f"<p>{part}</p>" for part in paragraphs)
    return sanitize.clean_html(text, policy=sanitize.CONTRIBUTED)


def rate_limit(kind):
    return getattr(settings, "COMMUNITIES_RATE_LIMITS", {}).get(kind, DEFAULT_RATE_LIMITS[kind])


def hit_rate_limit(user, kind):
    """Count one ``kind`` action by ``user``; True when they exceed the limit of
    the current window (the action must then be refused)."""
    limit, window = rate_limit(kind)
    return ratelimit.hit(f"communities-{kind}", user.pk, limit, window)
