"""Events and webinars: the event page, the portal's agenda and registrations.

An event lives in a community (its readers see it, its members register) or on
a portal, under any page of the portal's tree. Times are stored in UTC and shown
in the event's own time zone."""

import secrets
import zoneinfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.rich_text import expand_db_html
from wagtail.search import index
from wagtailmedia.edit_handlers import MediaChooserPanel

from communities.models import CommunityPage
from sites.pages import BasePage
from sites.routing import SubpageRoutesMixin
from sites.sanitize import EDITED, clean_html

from .forms import EventPageForm
from .validators import DEFAULT_TIME_ZONE, TIME_ZONES, validate_time_zone, validate_web_url


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey("events.EventPage", related_name="tagged_items", on_delete=models.CASCADE)


class EventPage(SubpageRoutesMixin, BasePage):
    """An event or a webinar, with registration, an iCal export and, once it is
    over, its replay and documents."""

    subpage_urlconf = "communities.events.page_urls"

    class Kind(models.TextChoices):
        EVENT = "event", _("Événement")
        WEBINAR = "webinar", _("Webinaire")

    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.EVENT)
    start = models.DateTimeField(_("début"), db_index=True)
    end = models.DateTimeField(_("fin"), db_index=True)
    time_zone = models.CharField(
        _("fuseau horaire"), max_length=64, default=DEFAULT_TIME_ZONE, validators=[validate_time_zone]
    )
    place = models.CharField(
        _("lieu"), max_length=300, blank=True, help_text=_("Adresse, pour un événement en présentiel.")
    )
    online_url = models.URLField(
        _("lien de connexion"),
        max_length=500,
        blank=True,
        validators=[validate_web_url],
        help_text=_("Pour un webinaire ou un événement en ligne."),
    )
    description = RichTextField(
        _("description"), blank=True, features=["bold", "italic", "link", "ul", "ol", "h2", "h3"]
    )
    capacity = models.PositiveIntegerField(
        _("nombre de places"), null=True, blank=True, help_text=_("Vide : sans limite.")
    )
    registration_open = models.BooleanField(_("inscriptions ouvertes"), default=True)
    registration_deadline = models.DateTimeField(_("date limite d'inscription"), null=True, blank=True)
    replay_media = models.ForeignKey(
        "wagtailmedia.Media",
        verbose_name=_("vidéo du replay"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    replay_url = models.URLField(
        _("lien du replay"),
        max_length=500,
        blank=True,
        validators=[validate_web_url],
        help_text=_("Adresse d'une vidéo hébergée (PeerTube, YouTube, Vimeo…), intégrée à la page."),
    )
    domains = ParentalManyToManyField("resources.Domain", verbose_name=_("domaines"), blank=True, related_name="events")
    tags = ClusterTaggableManager(through=EventPageTag, blank=True, verbose_name=_("mots-clés"))

    content_panels = BasePage.content_panels + [
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("time_zone", widget=forms.Select(choices=[(name, name) for name in TIME_ZONES])),
            ],
            heading=_("Date et heure"),
            help_text=_("Saisissez les heures dans le fuseau horaire de l'événement."),
        ),
        MultiFieldPanel([FieldPanel("place"), FieldPanel("online_url")], heading=_("Lieu")),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("capacity"), FieldPanel("registration_open"), FieldPanel("registration_deadline")],
            heading=_("Inscriptions"),
        ),
        MultiFieldPanel(
            [
                MediaChooserPanel("replay_media", media_type="video"),
                FieldPanel("replay_url"),
                InlinePanel("documents", label=_("Documents")),
            ],
            heading=_("Après l'événement"),
        ),
        MultiFieldPanel([FieldPanel("domains"), FieldPanel("tags")], heading=_("Classement")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("description"),
        index.SearchField("place"),
        index.FilterField("start"),
    ]
    base_form_class = EventPageForm
    template = "communities/events/event_page.html"
    parent_page_types = ["events.AgendaPage", "communities.CommunityPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("La fin doit être postérieure au début.")
        if self.registration_deadline and self.end and self.registration_deadline > self.end:
            errors["registration_deadline"] = _("La date limite d'inscription doit précéder la fin de l'événement.")
        if errors:
            raise ValidationError(errors)

    # Times, in the event's zone.

    @property
    def zone(self):
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE)

    @property
    def local_start(self):
        """Wall-clock start in the event's zone, naive so that templates show it
        as is rather than in the reader's zone."""
        return timezone.make_naive(self.start, self.zone)

    @property
    def local_end(self):
        return timezone.make_naive(self.end, self.zone)

    @property
    def is_past(self):
        return self.end <= timezone.now()

    @property
    def description_html(self):
        """The description as HTML, limited to what its editor produces, so that
        content written by other means cannot slip scripts in."""
        return mark_safe(clean_html(expand_db_html(self.description), policy=EDITED))

    @property
    def has_replay(self):
        return bool(self.replay_media_id or self.replay_url)

    def registration_closed_reason(self, now=None):
        """Why nobody may register now, or "" when registration is open."""
        now = now or timezone.now()
        if self.end <= now:
            return _("Cet événement est terminé.")
        if not self.registration_open:
            return _("Les inscriptions ne sont pas ouvertes.")
        if self.registration_deadline and self.registration_deadline <= now:
            return _("La date limite d'inscription est passée.")
        return ""

    # Where it lives.

    @property
    def community(self):
        """The community the event belongs to, or None for a portal event."""
        if not hasattr(self, "_community"):
            self._community = (
                CommunityPage.objects.filter(path=self.path[: -self.steplen]).first() if self.depth > 1 else None
            )
        return self._community


class EventDocument(Orderable):
    """A document shown on the event page once the event is over."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("titre affiché"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def label(self):
        return self.title or self.document.title


class AgendaPage(SubpageRoutesMixin, BasePage):
    """A portal's agenda: its events in a list and a month view, and its calendar
    feed."""

    subpage_urlconf = "communities.events.agenda_urls"

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portals.PortalHomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("agenda")

    def title_in(self, locale):
        with translation.override(locale.language_code):
            return str(_("Agenda"))


class Registration(models.Model):
    """One person's registration to an event: registered, on the waiting list, or
    cancelled."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Inscrit")
        WAITING = "waiting", _("En liste d'attente")
        CANCELLED = "cancelled", _("Annulé")

    event = models.ForeignKey(
        EventPage, verbose_name=_("événement"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    status = models.CharField(_("statut"), max_length=12, choices=Status.choices, default=Status.REGISTERED)
    created_at = models.DateTimeField(
        _("inscrit le"), default=timezone.now, help_text="Also the place in the waiting list."
    )

    class Meta:
        verbose_name = _("inscription")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="unique_event_registration")]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.user} · {self.event} ({self.get_status_display()})"


def new_calendar_key():
    """256 random bits, URL-safe: nothing in it says whose address it is."""
    return secrets.token_urlsafe(32)


class CalendarKey(models.Model):
    """The key in a reader's personal calendar address of a restricted community
    (see ``calendars``). It is random, not derived from ids: the reader can
    change it, and it goes with their membership."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey("communities.CommunityPage", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64, unique=True, default=new_calendar_key)

    class Meta:
        verbose_name = _("adresse d'agenda personnelle")
        constraints = [models.UniqueConstraint(fields=["user", "community"], name="unique_calendar_key")]
