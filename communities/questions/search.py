"""Questions in the platform's search, and the similar questions suggested while
a member types a new one.

A question of a public community is a public document: once answered it is
shareable knowledge, so its document carries the accepted answer and the best
voted ones. Questions of on-request and secret communities carry the
community's audience, so only its readers find them. Votes do not reindex: the
answers a document carries are refreshed on every answer, acceptance and
moderation."""

from django.utils.translation import gettext_lazy as _
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from wagtail.models import Site

from communities import access, content
from communities.models import CommunityPage, Visibility
from search import documents, registry, service
from search.backends.engines import engine_unavailable
from search.backends.shared import search_backend
from search.query import clean, parse
from search.registry import DocumentData, Label
from sites.rendering import content_language

from .models import Question

KIND = "question"
ANSWERS_IN_DOCUMENT = 3
SIMILAR_MAX = 5
SIMILAR_MIN_LENGTH = 3
SIMILAR_QUERY_MAX = 200


class QuestionProvider(registry.SearchProvider):
    model = Question
    kind = KIND
    kind_label = _("Question")

    def objects(self):
        return (
            Question.objects.filter(hidden=False, community__live=True)
            .select_related("community__locale", "territory")
            .prefetch_related("domains", "tags", "community__domains", "community__listed_on")
        )

    def is_searchable(self, question):
        return not question.hidden and CommunityPage.objects.live().public().filter(pk=question.community_id).exists()

    def document(self, question):
        community = question.community
        site = community.get_site()
        answers = list(question.answers_in_order()[:ANSWERS_IN_DOCUMENT])
        portal_ids = [site.pk] if site else []
        if not community.is_secret:
            portal_ids += [listed.pk for listed in community.listed_on.all()]
        domains = list(question.domains.all()) or list(community.domains.all())
        territory = question.territory
        return DocumentData(
            title=question.title,
            body=" ".join(
                [content.plain_text(question.body)] + [content.plain_text(answer.body) for answer in answers]
            ),
            summary=content.plain_text(question.body, max_length=300),
            url=question.full_url(),
            language=community.locale.language_code,
            kind=self.kind,
            site_id=site.pk if site else None,
            portal_ids=portal_ids,
            date=question.created_at.date(),
            source=Label(f"community-{community.pk}", community.title),
            territory=Label(str(territory.pk), territory.name) if territory else None,
            domains=[Label(domain.slug, domain.name) for domain in domains],
            tags=[Label(tag.slug, tag.name) for tag in question.tags.all()],
            audience="" if community.visibility == Visibility.PUBLIC else access.audience_key(community.pk),
        )


def reindex_community_questions(community):
    """Recompute the documents of a community's questions (after its visibility
    or publication changed)."""
    for question in Question.objects.filter(community_id=community.pk).select_related("community"):
        documents.sync(question)


def similar(request, text):
    """Up to ``SIMILAR_MAX`` questions of the request's portal that ``request.user``
    may read, close to ``text`` (any of its words, best matches first)."""
    text = clean(text, SIMILAR_QUERY_MAX)
    query = parse(text).backend_query("or")
    if len(text) < SIMILAR_MIN_LENGTH or query is None:
        return []
    language = content_language()
    search = service.SearchRequest(
        site=Site.find_for_request(request),
        language=language,
        query=text,
        audiences=registry.audiences_for(request.user),
        filters={"kind": KIND},
        per_page=SIMILAR_MAX,
    )
    backend = search_backend()
    engine = isinstance(backend, ElasticsearchBaseSearchBackend)
    queryset = service.base_queryset(search, service.TokenFilters(engine))
    try:
        results = backend.search(query, queryset, operator="or", order_by_relevance=True)
        # A page as the search page gets it: an engine's hits are loaded by key,
        # since some filters (a token among facet_tokens) mean something else in SQL.
        return results.faceted_page(0, SIMILAR_MAX, [])[0]
    except Exception as error:
        if not engine or not engine_unavailable(error):
            raise
        return []  # suggestions are a convenience: none while the engine is down


def register():
    registry.register(QuestionProvider())
