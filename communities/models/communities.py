"""Community pages and who belongs to them."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from sites.pages import BasePage
from sites.routing import PageViewMixin, SubpageRoutesMixin

from .. import tools


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Publique : tout le monde lit et rejoint")
    ON_REQUEST = "on_request", _("Sur demande : présentation publique, adhésion validée par un animateur")
    SECRET = "secret", _("Secrète : invisible des non-membres, sur invitation")


class CommunityIndexPage(PageViewMixin, BasePage):
    """The communities of one portal, and those other portals list on it."""

    page_view = "communities.page_views.community_index"
    parent_page_types = ["portals.PortalHomePage"]
    subpage_types = ["communities.CommunityPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("liste des communautés")

    def title_in(self, locale):
        with translation.override(locale.language_code):
            return str(_("Communautés"))


class CommunityPageTag(TaggedItemBase):
    content_object = ParentalKey("communities.CommunityPage", related_name="tagged_items", on_delete=models.CASCADE)


class CommunityPage(SubpageRoutesMixin, BasePage):
    """A community: its presentation, members, feed, posts and pinned resources."""

    subpage_urlconf = "communities.page_urls"

    description = RichTextField(
        _("présentation"), blank=True, features=["bold", "italic", "link", "ul", "ol", "h2", "h3"]
    )
    domains = ParentalManyToManyField(
        "resources.Domain", verbose_name=_("domaines"), blank=True, related_name="communities"
    )
    tags = ClusterTaggableManager(through=CommunityPageTag, blank=True, verbose_name=_("mots-clés"))
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image de couverture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    visibility = models.CharField(
        _("visibilité"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC, db_index=True
    )
    listed_on = ParentalManyToManyField(
        "wagtailcore.Site",
        verbose_name=_("listée aussi sur les portails"),
        blank=True,
        related_name="listed_communities",
        help_text=_("Une communauté secrète n'est jamais listée ailleurs que pour ses membres."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("description"),
        FieldPanel("cover_image"),
        MultiFieldPanel([FieldPanel("domains"), FieldPanel("tags")], heading=_("Classement")),
        MultiFieldPanel([FieldPanel("visibility"), FieldPanel("listed_on")], heading=_("Accès et diffusion")),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("description"), index.FilterField("visibility")]
    parent_page_types = ["communities.CommunityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("communauté")

    @property
    def is_secret(self):
        return self.visibility == Visibility.SECRET

    def route(self, request, path_components):
        """The addresses of communities.page_urls, then registered tools; any other
        first segment is a child page's slug (tools made of pages: events,
        questionnaires)."""
        result = super().route(request, path_components)
        if result.page is self and result.args and result.args[2].get("prefix") not in (None, *tools.prefixes()):
            return Page.route(self, request, path_components)
        return result


class Membership(models.Model):
    class Role(models.TextChoices):
        ANIMATEUR = "animateur", _("Animateur")
        EXPERT = "expert", _("Expert")
        MEMBER = "member", _("Membre")

    class Status(models.TextChoices):
        PENDING = "pending", _("Demande en attente")
        ACTIVE = "active", _("Membre")
        INVITED = "invited", _("Invité")
        REFUSED = "refused", _("Demande refusée")

    community = models.ForeignKey(
        CommunityPage, verbose_name=_("communauté"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("utilisateur"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rôle"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    message = models.CharField(_("message de la demande"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("adhésion")
        constraints = [models.UniqueConstraint(fields=["community", "user"], name="unique_membership")]
        indexes = [models.Index(fields=["community", "status", "role"]), models.Index(fields=["user", "status"])]

    def __str__(self):
        return f"{self.user} · {self.community} ({self.get_role_display()}, {self.get_status_display()})"


class Invitation(models.Model):
    """An invitation sent to an address that has no verified account yet; it becomes
    an invited membership once that address is verified."""

    community = models.ForeignKey(CommunityPage, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("adresse e-mail"))
    role = models.CharField(_("rôle"), max_length=12, choices=Membership.Role.choices, default=Membership.Role.MEMBER)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        constraints = [models.UniqueConstraint(fields=["community", "email"], name="unique_invitation")]


class Follow(models.Model):
    """A user follows a community: its activity enters their feed and digests
    (as far as they may read it)."""

    community = models.ForeignKey(CommunityPage, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("abonnement")
        constraints = [models.UniqueConstraint(fields=["community", "user"], name="unique_follow")]
