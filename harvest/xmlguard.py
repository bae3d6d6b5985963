"""XML safety: every XML document is read once with defusedxml before any other
parser sees it, and re-encoded to UTF-8 whatever it declared (or failed to)."""

import codecs
import re

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from django.utils.translation import gettext as _

from .errors import MalformedDocument, UnsafeDocument

DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
DECLARED_ENCODING = re.compile(r"^(\s*<\?xml[^>]*?encoding\s*=\s*[\"'])[A-Za-z0-9._-]+", re.ASCII)


def to_utf8(content, http_charset=None):
    """``content`` as UTF-8 bytes with a matching declaration. Tries the XML
    declaration, then the HTTP charset, then UTF-8, then Windows-1252."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if content.startswith(bom):
            text = content.decode(encoding).lstrip("\ufeff")
            return DECLARED_ENCODING.sub(r"\g<1>utf-8", text, count=1).encode("utf-8")
    match = DECLARATION.match(content[:300])
    candidates = [match.group(1).decode("ascii")] if match else []
    candidates += [c for c in (http_charset, "utf-8", "cp1252") if c]
    for encoding in candidates:
        try:
            text = content.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
        if encoding.lower().replace("_", "-") in {"utf-8", "utf8"} and (
            not match or match.group(1).lower() in {b"utf-8", b"utf8"}
        ):
            return content
        return DECLARED_ENCODING.sub(r"\g<1>utf-8", text, count=1).encode("utf-8")
    return content.decode("utf-8", errors="replace").encode("utf-8")


def parse_xml(content, url=""):
    """The root element of ``content``, refusing entity expansion, external
    entities and DTD tricks (XML bombs)."""
    try:
        return fromstring(content, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise UnsafeDocument(
            _("Document XML refusé pour raison de sécurité (%(url)s) : il déclare des entités (%(error)s).")
            % {"url": url, "error": type(error).__name__}
        ) from error
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise MalformedDocument(
            _("Document XML mal formé (%(url)s), ligne %(line)s, colonne %(column)s : %(error)s.")
            % {"url": url, "line": line, "column": column, "error": error}
        ) from error
