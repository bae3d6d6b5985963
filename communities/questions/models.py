"""Questions members ask in a community, the answers they get and the votes on
those answers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from communities import tools
from communities.models import CommunityPage

TITLE_MAX = 200
BODY_MAX = 20_000
ANSWER_MAX = 20_000


class TaggedQuestion(TaggedItemBase):
    content_object = models.ForeignKey("questions.Question", on_delete=models.CASCADE, related_name="tagged_items")


class Question(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Ouverte")
        ANSWERED = "answered", _("Résolue")
        CLOSED = "closed", _("Fermée")

    community = models.ForeignKey(
        CommunityPage, verbose_name=_("communauté"), on_delete=models.CASCADE, related_name="questions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("question"), max_length=TITLE_MAX)
    body = models.TextField(_("précisions"), blank=True, help_text=_("HTML nettoyé à la saisie."))
    domains = models.ManyToManyField("resources.Domain", verbose_name=_("domaines"), blank=True, related_name="+")
    tags = TaggableManager(through=TaggedQuestion, blank=True, verbose_name=_("mots-clés"))
    territory = models.ForeignKey(
        "resources.Territory",
        verbose_name=_("territoire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    accepted_answer = models.OneToOneField(
        "questions.Answer",
        verbose_name=_("réponse acceptée"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden = models.BooleanField(_("masquée"), default=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("posée le"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("question")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["community", "hidden", "status", "-created_at"])]

    def __str__(self):
        return self.title

    @property
    def is_closed(self):
        return self.status == self.Status.CLOSED

    def answers_in_order(self, include_hidden=False):
        """Its answers, the accepted one first, then by votes and age; hidden
        ones only for moderators."""
        first = models.Case(
            models.When(pk=self.accepted_answer_id, then=0), default=1, output_field=models.IntegerField()
        )
        answers = self.answers.all() if include_hidden else self.answers.filter(hidden=False)
        return answers.annotate(accepted_first=first).order_by("accepted_first", "-votes", "created_at", "pk")

    def url(self, request=None):

        return tools.url(self.community, "questions", "detail", request=request, pk=self.pk)

    def full_url(self):

        return tools.full_url(self.community, "questions", "detail", pk=self.pk)


class Answer(models.Model):
    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("réponse"), help_text=_("HTML nettoyé à la saisie."))
    is_expert = models.BooleanField(
        _("réponse d'expert"), default=False, help_text=_("L'auteur était expert de la communauté quand il a répondu.")
    )
    votes = models.PositiveIntegerField(_("votes"), default=0, editable=False)
    hidden = models.BooleanField(_("masquée"), default=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("publiée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("réponse")
        ordering = ["-votes", "created_at", "pk"]
        indexes = [models.Index(fields=["question", "hidden", "-votes"])]

    def __str__(self):
        return f"{self.question} · {self.pk}"

    def full_url(self):
        return f"{self.question.full_url()}#reponse-{self.pk}"


class AnswerVote(models.Model):
    """One member's vote for an answer: nobody votes twice."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="vote_set")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        constraints = [models.UniqueConstraint(fields=["answer", "user"], name="unique_answer_vote")]
