"""The form animateurs fill in to open a poll."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.forms import no_control_characters

from .models.polls import CHOICE_MAX, QUESTION_MAX, Poll

CHOICES_MIN = 2
CHOICES_MAX = 12


class PollForm(forms.Form):
    question = forms.CharField(label=_("Question"), max_length=QUESTION_MAX, validators=[no_control_characters])
    choices = forms.CharField(
        label=_("Réponses possibles"),
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[no_control_characters],
        help_text=_("Une réponse par ligne, de %(min)d à %(max)d.") % {"min": CHOICES_MIN, "max": CHOICES_MAX},
    )
    kind = forms.ChoiceField(
        label=_("Type"), choices=Poll.Kind.choices, initial=Poll.Kind.SINGLE, widget=forms.RadioSelect
    )
    anonymous = forms.BooleanField(
        label=_("Sondage anonyme"),
        required=False,
        initial=True,
        help_text=_("Décochez pour que les membres voient qui a choisi quoi."),
    )
    closes_at = forms.DateTimeField(
        label=_("Clôture"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Date et heure après lesquelles on ne peut plus voter."),
    )

    def clean_choices(self):
        labels = []
        for line in self.cleaned_data["choices"].splitlines():
            label = line.strip()
            if label and label not in labels:
                labels.append(label)
        if not CHOICES_MIN <= len(labels) <= CHOICES_MAX:
            raise ValidationError(
                _("Indiquez de %(min)d à %(max)d réponses différentes, une par ligne.")
                % {"min": CHOICES_MIN, "max": CHOICES_MAX}
            )
        if any(len(label) > CHOICE_MAX for label in labels):
            raise ValidationError(_("Chaque réponse tient en %(max)d caractères au plus.") % {"max": CHOICE_MAX})
        return labels

    def clean_closes_at(self):
        closes_at = self.cleaned_data["closes_at"]
        if closes_at <= timezone.now() + datetime.timedelta(minutes=5):
            raise ValidationError(_("La clôture doit être dans le futur."))
        return closes_at
