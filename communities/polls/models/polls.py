"""Polls: a question with ordered choices, open to a community's members until
it closes.

Nobody votes twice: ``Vote`` is the "has voted" record, unique per poll and
voter. Each choice keeps its own count. A named poll also links the vote to its
choices (``VoteChoice``) so that readers see who chose what; an anonymous poll
stores no such link, so voters' choices cannot be recovered, even from the
database."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

QUESTION_MAX = 300
CHOICE_MAX = 200


class Poll(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Choix unique")
        MULTIPLE = "multiple", _("Choix multiple")

    community = models.ForeignKey("communities.CommunityPage", on_delete=models.CASCADE, related_name="polls")
    question = models.CharField(_("question"), max_length=QUESTION_MAX)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    anonymous = models.BooleanField(
        _("anonyme"), default=True, help_text=_("Dans un sondage anonyme, personne ne peut savoir qui a choisi quoi.")
    )
    closes_at = models.DateTimeField(_("clôture"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("sondage")

    def __str__(self):
        return self.question

    @property
    def is_open(self):
        return timezone.now() < self.closes_at

    @property
    def is_multiple(self):
        return self.kind == self.Kind.MULTIPLE


class PollChoice(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="choices")
    label = models.CharField(_("choix"), max_length=CHOICE_MAX)
    sort_order = models.PositiveSmallIntegerField(default=0)
    votes = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.label


class Vote(models.Model):
    """That ``voter`` took part in ``poll`` (never what they chose)."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="ballots")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "voter"], name="polls_one_vote_per_voter")]


class VoteChoice(models.Model):
    """What a voter chose in a named poll."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="chosen")
    choice = models.ForeignKey(PollChoice, on_delete=models.CASCADE, related_name="chosen_by")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["vote", "choice"], name="polls_choice_once_per_vote")]
