"""How the embedded database backends weigh a document's fields like the engines do.

They rank two columns, the title (weighted ``TITLE_WEIGHT`` times the body) and the
body, which holds every other searchable field. A body field with a boost (the
summary of a search document: 1.5) is written there as many times as its boost,
rounded, so that its words count for more than those of the rest of the body, as
the boosted catch-all field of the engines makes them count."""

from modelsearch.index import SearchField

# The boost of titles on every backend (search documents' ``title`` field).
TITLE_WEIGHT = 3.0


def repeated(text, boost):
    """``text`` written ``boost`` times (rounded, at least once)."""
    return " ".join([text] * max(1, round(boost or 1)))


def weighted_body(prepared):
    """The body column's text from an indexer's (field, value) pairs: every
    searchable field but the title, each written as many times as its boost."""
    return " ".join(
        repeated(value, field.boost)
        for field, value in prepared
        if isinstance(field, SearchField) and field.field_name != "title"
    )
