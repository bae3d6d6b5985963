"""What members do in a community: posts, comments, pins, reports, and the
activity and notifications they produce."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .communities import CommunityPage

TITLE_MAX = 200
BODY_MAX = 20_000
COMMENT_MAX = 5_000


class Post(models.Model):
    """A news item or message by a member. ``body`` is HTML sanitised on input."""

    community = models.ForeignKey(
        CommunityPage, verbose_name=_("communauté"), on_delete=models.CASCADE, related_name="posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("titre"), max_length=TITLE_MAX)
    body = models.TextField(_("texte"))
    created_at = models.DateTimeField(_("publiée le"), auto_now_add=True, db_index=True)
    hidden = models.BooleanField(_("masquée"), default=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("publication")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["community", "-created_at"])]

    def __str__(self):
        return self.title

    def url(self, request=None):
        return self.community.get_url(request) + self.community.reverse_subpage(
            "post_detail", kwargs={"post_id": self.pk}
        )

    def full_url(self):
        return self.community.full_url + self.community.reverse_subpage("post_detail", kwargs={"post_id": self.pk})


class Comment(models.Model):
    post = models.ForeignKey(Post, verbose_name=_("publication"), on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("commentaire"))
    created_at = models.DateTimeField(_("publié le"), auto_now_add=True)
    hidden = models.BooleanField(_("masqué"), default=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("commentaire")
        ordering = ["created_at", "pk"]


class PinnedResource(models.Model):
    """A resource page or a harvested item an animateur pins on the community home."""

    community = models.ForeignKey(CommunityPage, on_delete=models.CASCADE, related_name="pins")
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    harvested_item = models.ForeignKey(
        "harvest.HarvestedItem", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    pinned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ressource épinglée")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(page__isnull=False, harvested_item__isnull=True)
                | Q(page__isnull=True, harvested_item__isnull=False),
                name="pin_one_target",
            ),
            models.UniqueConstraint(fields=["community", "page"], name="unique_pinned_page"),
            models.UniqueConstraint(fields=["community", "harvested_item"], name="unique_pinned_item"),
        ]

    @property
    def target(self):
        return self.page or self.harvested_item


class ActivityItem(models.Model):
    """One line of a community's activity feed."""

    class Verb(models.TextChoices):
        POST = "post", _("a publié")
        COMMENT = "comment", _("a commenté")
        JOINED = "joined", _("a rejoint la communauté")
        PINNED = "pinned", _("a épinglé une ressource")
        QUESTION = "question", _("a posé une question")
        ANSWER = "answer", _("a répondu à")
        ACCEPTED = "accepted", _("a accepté une réponse à")
        EVENT = "event", _("a annoncé un événement")
        POLL = "poll", _("a ouvert un sondage")
        QUESTIONNAIRE = "questionnaire", _("a publié un questionnaire")
        DOCUMENT = "document", _("a partagé un document")

    community = models.ForeignKey(CommunityPage, on_delete=models.CASCADE, related_name="activity")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    verb = models.CharField(max_length=20, choices=Verb.choices)
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    comment = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    pin = models.ForeignKey(PinnedResource, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    # Any other community tool (question, answer, event, poll, questionnaire,
    # document) is the line's subject: its title, absolute URL and excerpt are
    # copied at recording time so a feed page never joins the tools' tables.
    subject_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject_title = models.CharField(max_length=300, blank=True)
    subject_url = models.URLField(max_length=500, blank=True)
    excerpt = models.CharField(max_length=300, blank=True)
    hidden = models.BooleanField(default=False, help_text="Mirrors the moderation of the post or comment.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("activité")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["community", "hidden", "-created_at"]),
            models.Index(fields=["subject_type", "subject_id"]),
        ]


class Notification(models.Model):
    """An in-app notice for one user: a decision on their request, an invitation,
    a reply, a request or a report to handle."""

    class Kind(models.TextChoices):
        APPROVED = "approved", _("Adhésion acceptée")
        REFUSED = "refused", _("Adhésion refusée")
        INVITED = "invited", _("Invitation")
        REQUEST = "request", _("Demande d'adhésion")
        REPLY = "reply", _("Réponse")
        REPORT = "report", _("Signalement")
        ROLE = "role", _("Rôle modifié")
        QUESTION = "question", _("Question pour vous")
        ANSWER = "answer", _("Réponse à votre question")
        ACCEPTED = "accepted", _("Réponse acceptée")
        EVENT = "event", _("Événement")
        REGISTRATION = "registration", _("Inscription")
        POLL = "poll", _("Sondage")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_notifications")
    community = models.ForeignKey(CommunityPage, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    message = models.CharField(max_length=300)
    link = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]


class Report(models.Model):
    """A member reports a post or a comment to the animateurs."""

    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    comment = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    community = models.ForeignKey(CommunityPage, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("motif"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("signalement")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(post__isnull=False, comment__isnull=True) | Q(post__isnull=True, comment__isnull=False),
                name="report_one_target",
            )
        ]
