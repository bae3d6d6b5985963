"""What a search result shows of a document, and how an engine keeps it.

Results are shown from a handful of values: title, address, kind, portal, date,
labels and a preview of the text. An engine keeps these values with each document
(``stored_result``), so that a page of results is read from the engine's answer
alone, without reading the documents back from the database. A ``SearchHit``
carries them; a ``SearchDocument`` offers the same attributes, so templates, the
API and alerts show either."""

import datetime
from dataclasses import dataclass

# The excerpt is cut from this much of the text (see ``search_tags.highlight``).
PREVIEW_LENGTH = 1000


def preview_text(summary, body):
    """The summary, else the start of the body, with whitespace folded."""
    return " ".join((summary or body or "").split())[:PREVIEW_LENGTH]


def stored_result(document):
    """The JSON-ready values an engine keeps to show ``document`` as a result."""
    return {
        "key": document.key,
        "kind": document.kind,
        "title": document.title,
        "url": document.url,
        "site_id": document.site_id,
        "date": document.date.isoformat() if document.date else None,
        "archived": document.archived,
        "labels": document.labels,
        "preview": document.preview,
    }


@dataclass(slots=True)
class SearchHit:
    pk: int
    key: str
    kind: str
    title: str
    url: str
    site_id: int | None
    date: datetime.date | None
    archived: bool
    labels: dict
    preview: str

    @classmethod
    def from_stored(cls, pk, stored):
        date = stored["date"]
        return cls(
            pk,
            stored["key"],
            stored["kind"],
            stored["title"],
            stored["url"],
            stored["site_id"],
            datetime.date.fromisoformat(date) if date else None,
            stored["archived"],
            stored["labels"],
            stored["preview"],
        )

    def __str__(self):
        return self.title
