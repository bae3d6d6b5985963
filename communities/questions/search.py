"""Questions in the platform's search, and the similar questions suggested while
a member types a new one.

A question of a public community is a public document: once answered it is
shareable knowledge, so its document carries the accepted answer and the best
voted ones. Questions of on-request and secret communities carry the
community's audience, so only its readers find them. Votes do not reindex: the
answers a document carries are refreshed on every answer, acceptance and
moderation."""

from django.utils.translation import gettext_lazy as _

from communities import access, content
from communities.models import CommunityPage, Visibility
from search import api as search_api
from search.api import DocumentData, Label

from .models import Question

KIND = "question"
ANSWERS_IN_DOCUMENT = 3
SIMILAR_MAX = 5
SIMILAR_MIN_LENGTH = 3


class QuestionProvider(search_api.SearchProvider):
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
        search_api.reindex(question)


def similar(request, text):
    """Up to ``SIMILAR_MAX`` questions of the request's portal that ``request.user``
    may read, close to ``text`` (any of its words, best matches first)."""
    if len(text.strip()) < SIMILAR_MIN_LENGTH:
        return []
    return search_api.find(request, text, kind=KIND, limit=SIMILAR_MAX)
