"""Members' profiles: who they are, what they know, and what others may see."""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

AVATAR_MAX_BYTES = 2 * 1024 * 1024


class Competence(TagBase):
    """An expertise tag members put on their profile."""

    class Meta:
        verbose_name = _("compétence")
        verbose_name_plural = _("compétences")


class ProfileCompetence(TaggedItemBase):
    content_object = models.ForeignKey("communities.Profile", related_name="competence_items", on_delete=models.CASCADE)
    tag = models.ForeignKey(Competence, related_name="profile_items", on_delete=models.CASCADE)


class Profile(models.Model):
    class OrganisationType(models.TextChoices):
        COLLECTIVITE = "collectivite", _("Collectivité")
        ETAT = "etat", _("Service de l'État")
        OPERATEUR = "operateur", _("Opérateur")
        ENTREPRISE = "entreprise", _("Entreprise")
        ASSOCIATION = "association", _("Association")
        RECHERCHE = "recherche", pgettext_lazy("type d'organisation", "Recherche")
        OTHER = "other", _("Autre")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Visible de tous")
        MEMBERS = "members", _("Visible des membres connectés")
        HIDDEN = "hidden", _("Absent de l'annuaire")

    class Digest(models.TextChoices):
        IMMEDIATE = "immediate", _("À chaque nouveauté")
        DAILY = "daily", _("Une fois par jour")
        WEEKLY = "weekly", _("Une fois par semaine")
        NEVER = "never", _("Jamais")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(_("nom affiché"), max_length=120)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation_type = models.CharField(
        _("type d'organisation"),
        max_length=20,
        choices=OrganisationType.choices,
        default=OrganisationType.OTHER,
        db_index=True,
    )
    job_title = models.CharField(_("fonction"), max_length=150, blank=True)
    avatar = models.ImageField(
        _("photo"),
        upload_to="avatars/",
        blank=True,
        validators=[FileExtensionValidator(["jpg", "jpeg", "png", "webp"])],
    )
    bio = models.TextField(_("présentation"), max_length=2000, blank=True)
    territory = models.ForeignKey(
        "resources.Territory",
        verbose_name=_("territoire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    competences = TaggableManager(through=ProfileCompetence, blank=True, verbose_name=_("compétences"))
    domains = models.ManyToManyField(
        "resources.Domain", verbose_name=_("domaines d'intérêt"), blank=True, related_name="+"
    )
    visibility = models.CharField(
        _("visibilité du profil"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS, db_index=True
    )
    show_email = models.BooleanField(_("montrer mon adresse e-mail aux membres connectés"), default=False)
    digest = models.CharField(
        _("résumé par e-mail"), max_length=10, choices=Digest.choices, default=Digest.WEEKLY, db_index=True
    )
    notify_replies = models.BooleanField(_("me prévenir des réponses à mes publications"), default=True)
    last_digest_at = models.DateTimeField(_("dernier résumé envoyé"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("profil")
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name

    @property
    def initials(self):
        return "".join(word[0] for word in self.display_name.split()[:2]).upper() or "?"
