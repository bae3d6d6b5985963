"""Forms of the community pages, the member space and sign-up. Every limit is
checked here, so that bad input gets a clear message next to the field."""

import re
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from harvest.models import HarvestedItem
from resources.models import Domain, ResourcePage, Territory

from . import content
from .models import Membership, Profile
from .models.activity import BODY_MAX, COMMENT_MAX, TITLE_MAX
from .models.profiles import AVATAR_MAX_BYTES, Competence

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
COMPETENCES_MAX = 15


def no_control_characters(value):
    if CONTROL_CHARACTERS.search(value or ""):
        raise ValidationError(
            _("Le texte contient des caractères de contrôle non autorisés."), code="control_characters"
        )


class SanitisedTextField(forms.CharField):
    """Text or simple HTML typed by a member, returned as safe HTML."""

    widget = forms.Textarea

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators.append(no_control_characters)

    def clean(self, value):
        value = super().clean(value)
        cleaned = content.clean_html(value)
        if self.required and not content.plain_text(cleaned):
            raise ValidationError(
                _("Le texte est vide une fois le code non autorisé retiré."), code="empty_after_cleaning"
            )
        return cleaned


class PostForm(forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=TITLE_MAX, validators=[no_control_characters])
    body = SanitisedTextField(
        label=_("Texte"),
        max_length=BODY_MAX,
        help_text=_("Texte simple ; gras, italique, listes et liens sont acceptés. %(max)d caractères au plus.")
        % {"max": BODY_MAX},
    )


class CommentForm(forms.Form):
    body = SanitisedTextField(label=_("Votre commentaire"), max_length=COMMENT_MAX)


class ReportForm(forms.Form):
    reason = forms.CharField(label=_("Motif du signalement"), max_length=500, validators=[no_control_characters])


class JoinForm(forms.Form):
    message = forms.CharField(
        label=_("Message aux animateurs (facultatif)"),
        max_length=500,
        required=False,
        validators=[no_control_characters],
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail de la personne invitée"))
    role = forms.ChoiceField(label=_("Rôle"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rôle"), choices=Membership.Role.choices)


class PinForm(forms.Form):
    url = forms.URLField(
        assume_scheme="https",
        label=_("Adresse de la ressource"),
        max_length=2000,
        help_text=_("L'adresse d'une ressource d'un portail, ou celle d'un contenu moissonné."),
    )

    def clean_url(self):
        url = self.cleaned_data["url"]
        target = resolve_pin_target(url)
        if target is None:
            raise ValidationError(
                _("Aucune ressource publiée ni contenu moissonné ne correspond à cette adresse."),
                code="unknown_resource",
            )
        self.target = target
        return url


def resolve_pin_target(url):
    """The live resource page of a portal, or the harvested item, at ``url``."""

    parts = urlsplit(url)
    site = Site.objects.filter(hostname=(parts.hostname or "").lower()).select_related("root_page").first()
    if site is not None:
        path = parts.path.strip("/")
        url_path = site.root_page.url_path + (path + "/" if path else "")
        page = Page.objects.live().public().type(ResourcePage).filter(url_path=url_path).first()
        if page is not None:
            return page
    return HarvestedItem.objects.filter(url=url, archived_at__isnull=True).first()


class TerritoryChoiceField(forms.ModelChoiceField):
    """A territory labelled "Pays basque · Intercommunalité (EPCI)": its
    ``str()``, "Pays basque (Intercommunalité (EPCI))", doubles the scale's
    parentheses."""

    def label_from_instance(self, obj):
        return f"{obj.name} · {obj.get_scale_display()}"


class CompetencesField(forms.CharField):
    """Comma-separated expertise tags."""

    def clean(self, value):
        value = super().clean(value)
        names = []
        for name in (part.strip() for part in (value or "").split(",")):
            if name and name.lower() not in {n.lower() for n in names}:
                names.append(name)
        if len(names) > COMPETENCES_MAX:
            raise ValidationError(_("%(max)d compétences au plus.") % {"max": COMPETENCES_MAX}, code="too_many")
        if any(len(name) > 60 for name in names):
            raise ValidationError(_("Une compétence tient en 60 caractères au plus."), code="too_long")
        return names


class AvatarInput(forms.ClearableFileInput):
    """The profile photo: the current photo as a small image, a "replace" file
    input and a "remove" box, instead of the file's path and "Clear"."""

    template_name = "communities/widgets/avatar_input.html"
    initial_text = _("Photo actuelle")
    input_text = _("Remplacer la photo")
    clear_checkbox_label = _("Supprimer la photo")


class ProfileForm(forms.ModelForm):
    competences = CompetencesField(
        label=_("Compétences"),
        required=False,
        max_length=1000,
        help_text=_("Séparées par des virgules, par ex. « PLUi, GEMAPI »."),
        validators=[no_control_characters],
    )

    class Meta:
        model = Profile
        fields = [
            "display_name", "organisation", "organisation_type", "job_title", "territory", "domains", "bio", "avatar",
            "visibility", "show_email",
        ]  # fmt: skip
        widgets = {"domains": forms.CheckboxSelectMultiple, "visibility": forms.RadioSelect, "avatar": AvatarInput}
        field_classes = {"territory": TerritoryChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domains"].queryset = Domain.objects.filter(locale__language_code="fr")
        self.fields["territory"].queryset = Territory.objects.order_by("name")
        for name in ("display_name", "organisation", "job_title", "bio"):
            self.fields[name].validators.append(no_control_characters)
        if self.instance.pk:
            self.initial["competences"] = ", ".join(tag.name for tag in self.instance.competences.all())

    def clean_avatar(self):
        avatar = self.cleaned_data.get("avatar")
        if avatar and getattr(avatar, "size", 0) > AVATAR_MAX_BYTES:
            raise ValidationError(_("La photo dépasse 2 Mo : choisissez une image plus légère."), code="too_large")
        return avatar

    def save(self, commit=True):
        profile = super().save(commit=commit)
        if commit:
            profile.competences.set(self.cleaned_data["competences"])
        return profile


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["digest", "notify_replies"]
        widgets = {"digest": forms.RadioSelect}


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Nom ou organisation"), required=False, max_length=100)
    competence = forms.ModelChoiceField(
        label=_("Compétence"), queryset=Competence.objects.order_by("name"), required=False, to_field_name="slug"
    )
    domain = forms.ModelChoiceField(
        label=_("Domaine"),
        queryset=Domain.objects.filter(locale__language_code="fr"),
        required=False,
        to_field_name="slug",
    )
    territory = TerritoryChoiceField(label=_("Territoire"), queryset=Territory.objects.order_by("name"), required=False)
    organisation_type = forms.ChoiceField(
        label=_("Type d'organisation"), choices=[("", _("Tous"))] + Profile.OrganisationType.choices, required=False
    )


class SignupForm(forms.Form):
    """Fields allauth's sign-up form gets on top of e-mail and password."""

    display_name = forms.CharField(label=_("Nom et prénom"), max_length=120, validators=[no_control_characters])
    organisation = forms.CharField(
        label=_("Organisation"), max_length=200, required=False, validators=[no_control_characters]
    )
    organisation_type = forms.ChoiceField(
        label=_("Type d'organisation"),
        choices=Profile.OrganisationType.choices,
        initial=Profile.OrganisationType.COLLECTIVITE,
    )

    def signup(self, request, user):
        profile, _created = Profile.objects.get_or_create(user=user)
        profile.display_name = self.cleaned_data["display_name"]
        profile.organisation = self.cleaned_data["organisation"]
        profile.organisation_type = self.cleaned_data["organisation_type"]
        profile.save()
