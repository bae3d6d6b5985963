"""HTML from harvested sources goes through these functions before it is stored."""

import html
import re
from urllib.parse import urljoin

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "dl", "dt", "em", "figcaption",
    "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "q", "s", "small",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
URL_SCHEMES = {"http", "https", "mailto"}
URL_ATTRIBUTES = {"href", "src"}
SPACES = re.compile(r"\s+")
BLOCK_END = re.compile(r"</(?:p|div|li|dd|dt|td|th|tr|h[1-6]|blockquote|pre|figcaption)\s*>|<br\s*/?>", re.IGNORECASE)


def clean_html(fragment, base_url=None):
    """A safe HTML fragment: an allow-list of tags and attributes, no script or
    style content, no event handlers, only http(s) and mailto links, relative
    links made absolute against ``base_url``."""
    if not fragment:
        return ""

    def absolute(_tag, attribute, value):
        if attribute in URL_ATTRIBUTES and base_url:
            return urljoin(base_url, value.strip())
        return value

    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=absolute,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


def plain_text(fragment, max_length=None):
    """The text of an HTML fragment, whitespace collapsed; blocks and line
    breaks stay apart by a space."""
    if not fragment:
        return ""
    text = SPACES.sub(" ", html.unescape(nh3.clean(BLOCK_END.sub(r"\g<0> ", fragment), tags=set()))).strip()
    if max_length and len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "…"
    return text


def safe_url(value, base_url=None):
    """``value`` as an absolute http(s) URL, or "" when it is anything else."""
    value = (value or "").strip()
    if not value:
        return ""
    if base_url:
        value = urljoin(base_url, value)
    return value if value.lower().startswith(("http://", "https://")) else ""
