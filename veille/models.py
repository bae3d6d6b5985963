"""Veille: curated, dated digests of a portal's resources and partners' news,
the editors' inbox decisions behind them, and the newsletter's subscribers."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from communities.models import Visibility
from sites.pages import BasePage
from sites.routing import PageViewMixin

from .forms_admin import VeillePageForm
from .panels import NewsletterStatusPanel

NOTE_MAX_LENGTH = 1000


class VeilleIndexPage(PageViewMixin, BasePage):
    """The archive of a portal's veille: its past issues, newest first, and the
    newsletter's subscription form."""

    page_view = "veille.views.archive"
    parent_page_types = ["portals.PortalHomePage"]
    subpage_types = ["veille.VeillePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("archive de la veille")

    def title_in(self, locale):
        with translation.override(locale.language_code):
            return str(_("Veille"))


class VeillePage(PageViewMixin, BasePage):
    """One dated issue of a portal's veille, optionally about one domain or for
    one community: an ordered list of resources and harvested items, each with
    an editorial note."""

    page_view = "veille.views.issue"
    issue_date = models.DateField(_("date du numéro"), default=timezone.localdate, db_index=True)
    intro = models.TextField(_("introduction"), blank=True, max_length=NOTE_MAX_LENGTH)
    domain = models.ForeignKey(
        "resources.Domain",
        verbose_name=_("domaine"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    community = models.ForeignKey(
        "communities.CommunityPage",
        verbose_name=_("communauté"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Le numéro d'une communauté non publique n'est lu que par ses membres et n'est pas envoyé par e-mail."
        ),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("issue_date"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("domain"), FieldPanel("community")], heading=_("Périmètre")),
        InlinePanel("entries", label=_("éléments"), heading=_("Éléments du numéro")),
        NewsletterStatusPanel(heading=_("Envoi de la lettre")),
    ]
    base_form_class = VeillePageForm
    parent_page_types = ["veille.VeilleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("numéro de veille")
        verbose_name_plural = _("numéros de veille")

    @property
    def is_public_issue(self):
        return self.community_id is None or self.community.visibility == Visibility.PUBLIC


class VeilleEntry(Orderable):
    """One item of an issue: a resource of the library or a harvested item."""

    issue = ParentalKey(VeillePage, related_name="entries", on_delete=models.CASCADE)
    resource = models.ForeignKey(
        "resources.ResourcePage",
        verbose_name=_("ressource"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    harvested_item = models.ForeignKey(
        "harvest.HarvestedItem",
        verbose_name=_("élément moissonné"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    note = models.TextField(_("note éditoriale"), blank=True, max_length=NOTE_MAX_LENGTH)

    panels = [FieldPanel("resource"), FieldPanel("harvested_item"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("élément de veille")
        verbose_name_plural = _("éléments de veille")

    def clean(self):
        super().clean()
        if bool(self.resource_id) == bool(self.harvested_item_id):
            raise ValidationError(_("Choisissez soit une ressource, soit un élément moissonné (un seul des deux)."))


class Decision(models.TextChoices):
    KEEP = "keep", _("retenu")
    IGNORE = "ignore", _("écarté")


class InboxDecision(models.Model):
    """An editor kept or ignored a resource or a harvested item in a portal's inbox."""

    site = models.ForeignKey("wagtailcore.Site", verbose_name=_("portail"), on_delete=models.CASCADE, related_name="+")
    resource = models.ForeignKey(
        "resources.ResourcePage",
        verbose_name=_("ressource"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    harvested_item = models.ForeignKey(
        "harvest.HarvestedItem",
        verbose_name=_("élément moissonné"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    decision = models.CharField(_("décision"), max_length=10, choices=Decision.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("le"), auto_now=True)

    class Meta:
        verbose_name = _("décision de veille")
        verbose_name_plural = _("décisions de veille")
        ordering = ["decided_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["site", "resource"], name="unique_veille_decision_resource"),
            models.UniqueConstraint(fields=["site", "harvested_item"], name="unique_veille_decision_item"),
            models.CheckConstraint(
                condition=models.Q(resource__isnull=True, harvested_item__isnull=False)
                | models.Q(resource__isnull=False, harvested_item__isnull=True),
                name="veille_decision_one_target",
            ),
        ]


class Subscriber(models.Model):
    """A reader subscribed to a portal's veille by e-mail (double opt-in)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("en attente de confirmation")
        CONFIRMED = "confirmed", _("abonné")
        UNSUBSCRIBED = "unsubscribed", _("désabonné")
        BOUNCED = "bounced", _("adresse en échec")

    site = models.ForeignKey("wagtailcore.Site", verbose_name=_("portail"), on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("adresse e-mail"), max_length=254)
    status = models.CharField(_("statut"), max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True)
    language = models.CharField(_("langue"), max_length=12, default="fr")
    created_at = models.DateTimeField(_("inscrit le"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation demandée le"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmé le"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("désabonné le"), null=True, blank=True)
    bounce_count = models.PositiveIntegerField(_("échecs d'envoi"), default=0)
    last_error = models.CharField(_("dernière erreur"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("abonné à la veille")
        verbose_name_plural = _("abonnés à la veille")
        ordering = ["email"]
        constraints = [models.UniqueConstraint(fields=["site", "email"], name="unique_veille_subscriber")]

    def __str__(self):
        return self.email


class Dispatch(models.Model):
    """The sending of one issue to its portal's subscribers: there is at most
    one per issue, so that publishing again never sends it twice."""

    issue = models.OneToOneField(
        VeillePage, verbose_name=_("numéro"), on_delete=models.CASCADE, related_name="dispatch"
    )
    created_at = models.DateTimeField(_("programmé le"), auto_now_add=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    recipients = models.PositiveIntegerField(_("destinataires"), default=0)
    sent_count = models.PositiveIntegerField(_("envoyés"), default=0)
    failed_count = models.PositiveIntegerField(_("échecs"), default=0)

    class Meta:
        verbose_name = _("envoi de la veille")
        verbose_name_plural = _("envois de la veille")


class Delivery(models.Model):
    """The outcome of sending one issue to one subscriber."""

    dispatch = models.ForeignKey(Dispatch, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    sent = models.BooleanField(_("envoyé"), default=False)
    error = models.CharField(_("erreur"), max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dispatch", "subscriber"], name="unique_veille_delivery")]
