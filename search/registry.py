"""How content types plug into search: one provider per model turns an object into
a search document. Apps register theirs with the ``register_search_provider``
Wagtail hook, in their ``wagtail_hooks.py`` (``hooks.register(
"register_search_provider", MyProvider)``); search registers them all when it is
ready, and ``search.signals`` follows their models' saves and deletes."""

import datetime
from dataclasses import dataclass, field

from wagtail import hooks


@dataclass(frozen=True)
class Label:
    """A facet value: a stable key and what readers see."""

    key: str
    label: str


@dataclass
class DocumentData:
    """Everything search knows about one visible thing."""

    title: str
    url: str
    language: str
    kind: str
    body: str = ""
    summary: str = ""
    site_id: int | None = None
    portal_ids: list[int] = field(default_factory=list)
    all_portals: bool = False
    date: datetime.date | None = None
    source: Label | None = None
    resource_type: Label | None = None
    territory: Label | None = None
    domains: list[Label] = field(default_factory=list)
    tags: list[Label] = field(default_factory=list)
    archived: bool = False
    audience: str = ""


class SearchProvider:
    """Subclass per model. ``objects()`` lists what a rebuild indexes,
    ``is_searchable(obj)`` says whether ``obj`` may appear at all (live, public,
    not deleted), ``document(obj)`` describes it."""

    model = None
    kind = ""
    kind_label = ""

    def objects(self):
        return self.model._default_manager.all()

    def is_searchable(self, obj):
        return True

    def document(self, obj):
        raise NotImplementedError


_providers = {}


def register(provider):
    _providers[provider.model] = provider


def provider_for(model):
    for klass in model.__mro__:
        if klass in _providers:
            return _providers[klass]
    return None


def providers():
    return list(_providers.values())


def kind_labels():
    """Readers' names of the kinds of content: {"resource": "Ressource", …}."""
    return {provider.kind: provider.kind_label for provider in _providers.values()}


def register_providers():
    """Register the provider made by each function of the ``register_search_provider``
    Wagtail hook (called once, when the search app is ready)."""
    for make_provider in hooks.get_hooks("register_search_provider"):
        register(make_provider())


def audiences_for(user):
    """The audience keys ``user`` may read: the empty one of public content, and
    those each function of the ``search_audiences`` hook gives (``func(user)``:
    the communities they belong to)."""
    keys = {""}
    for source in hooks.get_hooks("search_audiences"):
        keys.update(source(user))
    return sorted(keys)
