"""The one HTML sanitiser of the platform (nh3): every harvested, contributed or
edited fragment shown on a page goes through ``clean_html`` with the policy of
its origin, and ``plain_text`` makes text of HTML for summaries, feeds and the
search index."""

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

import nh3


@dataclass(frozen=True)
class Policy:
    """What a fragment may keep: its tags, their attributes, the schemes of its
    links and the ``rel`` given to every link."""

    tags: frozenset
    attributes: dict = field(default_factory=dict)
    url_schemes: frozenset = frozenset({"http", "https", "mailto"})
    link_rel: str = "noopener noreferrer nofollow"


HARVESTED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "dl", "dt", "em", "figcaption",
    "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "q", "s", "small",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
# Partners' articles, as harvested: rich text with images and tables.
HARVESTED = Policy(
    tags=frozenset(HARVESTED_TAGS),
    attributes={
        "a": {"href", "title", "hreflang"},
        "abbr": {"title"},
        "img": {"src", "alt", "width", "height"},
        "ol": {"start"},
        "td": {"colspan", "rowspan"},
        "th": {"colspan", "rowspan", "scope"},
    },
)
# What members write: paragraphs, emphasis, lists, quotes, code and links
# marked as user-generated.
CONTRIBUTED = Policy(
    tags=frozenset({"a", "b", "blockquote", "br", "code", "em", "i", "li", "ol", "p", "pre", "strong", "ul"}),
    attributes={"a": {"href", "title"}},
    link_rel="noopener noreferrer nofollow ugc",
)
# Rich text of editors' pages (an event's description): what the editor produces.
EDITED = Policy(
    tags=frozenset({"p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li", "h2", "h3"}),
    attributes={"a": {"href"}},
    link_rel="noopener noreferrer",
)
URL_ATTRIBUTES = {"href", "src"}
SPACES = re.compile(r"\s+")
BLOCK_END = re.compile(r"</(?:p|div|li|dd|dt|td|th|tr|h[1-6]|blockquote|pre|figcaption)\s*>|<br\s*/?>", re.IGNORECASE)


def clean_html(fragment: str | None, base_url: str | None = None, policy: Policy = HARVESTED) -> str:
    """A safe HTML fragment: the tags and attributes ``policy`` allows, no script
    or style content, no event handlers, no comments, only its link schemes,
    relative links made absolute against ``base_url``."""
    if not fragment:
        return ""

    def absolute(_tag, attribute, value):
        if attribute in URL_ATTRIBUTES and base_url:
            return urljoin(base_url, value.strip())
        return value

    return nh3.clean(
        fragment,
        tags=set(policy.tags),
        attributes=policy.attributes,
        url_schemes=set(policy.url_schemes),
        attribute_filter=absolute,
        link_rel=policy.link_rel,
        strip_comments=True,
    ).strip()


def plain_text(fragment: str | None, max_length: int | None = None) -> str:
    """The text of an HTML fragment, whitespace collapsed; blocks and line
    breaks stay apart by a space."""
    if not fragment:
        return ""
    text = SPACES.sub(" ", html.unescape(nh3.clean(BLOCK_END.sub(r"\g<0> ", fragment), tags=set()))).strip()
    if max_length and len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "…"
    return text


def safe_url(value: str | None, base_url: str | None = None) -> str:
    """``value`` as an absolute http(s) URL, or "" when it is anything else."""
    value = (value or "").strip()
    if not value:
        return ""
    if base_url:
        value = urljoin(base_url, value)
    return value if value.lower().startswith(("http://", "https://")) else ""
