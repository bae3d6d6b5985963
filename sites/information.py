"""A new portal's information pages: legal notice, accessibility statement,
personal data and contact, written for the portal and published in each of its
languages, so that the footer's mandatory links lead somewhere on day one. The
partner's editors complete them (the publisher's address, the audit's results)
in the admin."""

from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .models import InformationPage, PortalHomePage
from .translation import translate_page

SLUGS = {
    InformationPage.Kind.LEGAL: "mentions-legales",
    InformationPage.Kind.ACCESSIBILITY: "accessibilite",
    InformationPage.Kind.PRIVACY: "donnees-personnelles",
    InformationPage.Kind.CONTACT: "contact",
}


def _paragraphs(*blocks):
    html = []
    for block in blocks:
        if isinstance(block, tuple):  # (heading, text)
            html.append(f"<h2>{escape(block[0])}</h2><p>{escape(block[1])}</p>")
        else:
            html.append(f"<p>{escape(block)}</p>")
    return "".join(html)


def starter_body(kind, name, email):
    """The starter text of a page of ``kind`` for the portal ``name``, in the active language."""
    contact = email or _("l'adresse indiquée sur la page Contact")
    if kind == InformationPage.Kind.LEGAL:
        return _paragraphs(
            (_("Éditeur"), _("Le portail %(name)s est édité par le partenaire qui l'anime.") % {"name": name}),
            (
                _("Directeur de la publication"),
                _("Le représentant légal de l'éditeur, joignable à %(email)s.") % {"email": contact},
            ),
            (
                _("Hébergement"),
                _("Le portail est hébergé sur la plateforme mutualisée des portails des territoires, en France."),
            ),
            (
                _("Réutilisation des contenus"),
                _(
                    "Sauf mention contraire, les ressources publiées peuvent être réutilisées en citant leur source. "
                    "Les articles des partenaires restent soumis à la licence indiquée sur chacun d'eux."
                ),
            ),
        )
    if kind == InformationPage.Kind.ACCESSIBILITY:
        return _paragraphs(
            _(
                "L'éditeur du portail %(name)s s'engage à rendre son service accessible, conformément à l'article 47 "
                "de la loi n° 2005-102 du 11 février 2005."
            )
            % {"name": name},
            (
                _("État de conformité"),
                _(
                    "Le portail n'a pas encore fait l'objet d'un audit de conformité au référentiel général "
                    "d'amélioration de l'accessibilité (RGAA 4.1) : il est non conforme tant que cet audit n'a pas "
                    "eu lieu. Chaque page type est néanmoins contrôlée automatiquement à chaque version."
                ),
            ),
            (
                _("Retour d'information et contact"),
                _(
                    "Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez à %(email)s pour être "
                    "orienté vers une alternative accessible ou obtenir le contenu sous une autre forme."
                )
                % {"email": contact},
            ),
            (
                _("Voies de recours"),
                _(
                    "Si vous n'obtenez pas de réponse satisfaisante, vous pouvez écrire au Défenseur des droits "
                    "(formulaire en ligne sur defenseurdesdroits.fr) ou à son délégué dans votre région."
                ),
            ),
        )
    if kind == InformationPage.Kind.PRIVACY:
        return _paragraphs(
            (
                _("Données traitées"),
                _(
                    "Le portail traite les données de votre compte (nom, adresse e-mail, organisation, territoire), "
                    "de vos adhésions et contributions aux communautés, de vos inscriptions aux événements et de vos "
                    "abonnements à la veille et aux alertes."
                ),
            ),
            (
                _("Finalités et base légale"),
                _(
                    "Ces données servent à faire fonctionner les services que vous utilisez (exécution des "
                    "conditions d'utilisation) et à vous envoyer les lettres auxquelles vous vous êtes abonné "
                    "(consentement, retiré à tout moment par le lien de désabonnement)."
                ),
            ),
            (
                _("Durée de conservation"),
                _(
                    "Les données d'un compte sont conservées tant qu'il est actif ; celles d'une inscription à la "
                    "lettre, jusqu'au désabonnement."
                ),
            ),
            (
                _("Vos droits"),
                _(
                    "Vous pouvez accéder à vos données, les rectifier, les effacer ou vous opposer à leur traitement "
                    "en écrivant à %(email)s. Vous pouvez aussi saisir la CNIL (cnil.fr)."
                )
                % {"email": contact},
            ),
            (_("Cookies"), _("Le portail n'utilise que les cookies nécessaires à la connexion et à la sécurité.")),
        )
    return _paragraphs(
        _("Une question sur le portail %(name)s, une ressource à proposer, un partenariat ?") % {"name": name},
        _("Écrivez-nous à %(email)s : l'équipe du portail vous répond sous cinq jours ouvrés.") % {"email": contact},
    )


def create_information_pages(home: PortalHomePage, name: str, email: str = "") -> list[InformationPage]:
    """Publish the legal notice, accessibility, personal data and contact pages
    under ``home`` and in each of its languages; those that exist are kept."""
    created = []
    kinds = list(SLUGS)
    existing = set(InformationPage.objects.child_of(home).values_list("kind", flat=True))
    for kind in kinds:
        if kind in existing:
            continue
        with translation.override(home.locale.language_code):
            page = InformationPage(
                title=str(InformationPage.Kind(kind).label),
                slug=SLUGS[kind],
                kind=kind,
                body=starter_body(kind, name, email),
                locale=home.locale,
            )
        home.add_child(instance=page)
        page.save_revision().publish()
        created.append(page)
        for locale in Locale.objects.exclude(pk=home.locale_id):
            if home.get_translation_or_none(locale) is None:
                continue
            copy = translate_page(page, locale)
            with translation.override(locale.language_code):
                copy.body = starter_body(kind, name, email)
            copy.save_revision().publish()
    return created
