"""Routing a new question to the experts who can answer it.

An expert of the community is notified when one of their declared competences
(profile competences, compared with the question's keywords regardless of case
and accents) or one of
their domains of interest (profile domains, compared across translations) matches
the question. When no expert matches, the animateurs are notified instead, so
that a question never waits unseen: they can answer or pass it on."""

from django.utils.text import slugify
from django.utils.translation import gettext as _

from communities import notifications
from communities.models import Membership, Notification, Profile, ProfileCompetence


def folded(name):
    """``"Rénovation énergétique"`` → ``"renovation-energetique"``."""
    return slugify(name)


def matching_expert_ids(question):
    """Ids of the community's active experts whose profile matches ``question``
    (the author excluded)."""
    keywords = {folded(tag.name) for tag in question.tags.all()}
    domain_keys = [domain.translation_key for domain in question.domains.all()]
    if not keywords and not domain_keys:
        return []
    experts = list(
        Membership.objects.filter(
            community_id=question.community_id, role=Membership.Role.EXPERT, status=Membership.Status.ACTIVE
        )
        .exclude(user_id=question.author_id)
        .values_list("user_id", flat=True)
    )
    matched = set(
        Profile.objects.filter(user_id__in=experts, domains__translation_key__in=domain_keys).values_list(
            "user_id", flat=True
        )
    )
    competences = ProfileCompetence.objects.filter(content_object__user_id__in=experts).values_list(
        "content_object__user_id", "tag__name"
    )
    matched.update(user_id for user_id, name in competences if folded(name) in keywords)
    return sorted(matched)


def route(question):
    """Notify the matching experts, or the animateurs when none matches; returns
    the ids of the experts notified."""
    community = question.community
    link = question.full_url()
    expert_ids = matching_expert_ids(question)
    if not expert_ids:
        notifications.notify_animateurs(
            community,
            Notification.Kind.QUESTION,
            _("Aucun expert ne correspond à la question « %(title)s » : pouvez-vous l'orienter ?")
            % {"title": question.title},
            link,
            exclude=question.author,
        )
        return []
    message = _("Une question pour vous dans « %(community)s » : %(title)s") % {
        "community": community.title,
        "title": question.title,
    }
    Notification.objects.bulk_create(
        Notification(
            user_id=user_id,
            community=community,
            kind=Notification.Kind.QUESTION,
            message=message[:300],
            link=link[:500],
        )
        for user_id in expert_ids
    )
    return expert_ids
