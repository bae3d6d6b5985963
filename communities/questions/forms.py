"""The forms of the questions tool: every limit is checked here, so that bad
input gets a clear message next to the field."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from communities.forms import SanitisedTextField, TerritoryChoiceField, no_control_characters
from resources.models import Domain, Territory

from .models import ANSWER_MAX, BODY_MAX, TITLE_MAX, Question

TAGS_MAX = 10
TAG_LENGTH_MAX = 60


class TagsField(forms.CharField):
    """Comma-separated keywords, without duplicates."""

    def clean(self, value):
        value = super().clean(value)
        names = []
        for name in (part.strip() for part in (value or "").split(",")):
            if name and name.lower() not in {known.lower() for known in names}:
                names.append(name)
        if len(names) > TAGS_MAX:
            raise ValidationError(_("%(max)d mots-clés au plus.") % {"max": TAGS_MAX}, code="too_many")
        if any(len(name) > TAG_LENGTH_MAX for name in names):
            raise ValidationError(
                _("Un mot-clé tient en %(max)d caractères au plus.") % {"max": TAG_LENGTH_MAX}, code="too_long"
            )
        return names


class QuestionForm(forms.Form):
    title = forms.CharField(
        label=_("Votre question"),
        max_length=TITLE_MAX,
        validators=[no_control_characters],
        help_text=_("Une phrase qui résume votre question, %(max)d caractères au plus.") % {"max": TITLE_MAX},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    body = SanitisedTextField(
        label=_("Précisions"),
        max_length=BODY_MAX,
        help_text=_("Le contexte, ce que vous avez déjà essayé ; gras, italique, listes et liens sont acceptés."),
    )
    domains = forms.ModelMultipleChoiceField(
        label=_("Domaines"), queryset=Domain.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    tags = TagsField(
        label=_("Mots-clés"),
        required=False,
        max_length=1000,
        validators=[no_control_characters],
        help_text=_(
            "Séparés par des virgules, par ex. « GEMAPI, digues » : ils orientent la question vers les experts."
        ),
    )
    territory = TerritoryChoiceField(label=_("Territoire concerné"), queryset=Territory.objects.none(), required=False)

    def __init__(self, *args, language="fr", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domains"].queryset = Domain.objects.filter(locale__language_code=language)
        self.fields["territory"].queryset = Territory.objects.order_by("name")


class AnswerForm(forms.Form):
    body = SanitisedTextField(label=_("Votre réponse"), max_length=ANSWER_MAX)


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Statut"), choices=[("", _("Toutes"))] + Question.Status.choices, required=False)
