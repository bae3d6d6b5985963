"""Demo communities: fourteen communities over the six domains and three portals,
with animateurs, experts, members, posts, comments, pins and pending requests.

``load(sites, domains, territories)`` is called by ``manage.py load_demo`` and
changes nothing that already exists."""

import itertools

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from communities import membership, posting
from communities.factories import add_member
from communities.models import CommunityPage, Membership, Profile, Visibility
from communities.pages import create_community, ensure_community_index
from resources.models import ResourcePage

from . import events as events_demo
from . import library as library_demo
from . import polls as polls_demo
from . import questions as questions_demo

PASSWORD = "demo-membre-2026"
P, R, S = Visibility.PUBLIC, Visibility.ON_REQUEST, Visibility.SECRET

# portal index, title, domain slug, visibility, summary
COMMUNITIES = [
    (
        0,
        "Réseau des chargés de mission mobilité",
        "mobilites",
        P,
        "Plans de mobilité, covoiturage et vélo : on partage ce qui marche.",
    ),
    (
        0,
        "Zones à faibles émissions : retours de terrain",
        "mobilites",
        R,
        "Les collectivités qui mettent en place une ZFE échangent leurs méthodes.",
    ),
    (
        0,
        "GEMAPI et prévention des inondations",
        "environnement-risques",
        P,
        "Compétence GEMAPI, digues et culture du risque.",
    ),
    (
        0,
        "Cellule de crise inondations Sud-Ouest",
        "environnement-risques",
        S,
        "Coordination des services en période de crue.",
    ),
    (
        0,
        "Ponts et ouvrages d'art communaux",
        "infrastructures-transport",
        R,
        "Recenser, surveiller et financer l'entretien des ouvrages.",
    ),
    (1, "Rénovation des écoles", "batiment", P, "Rénovation énergétique et confort d'été des bâtiments scolaires."),
    (
        1,
        "Sobriété foncière et ZAN",
        "ingenierie-territoires",
        P,
        "Zéro artificialisation nette : outils, observatoires, projets.",
    ),
    (1, "Îlots de chaleur urbains", "environnement-risques", R, "Végétaliser, désimperméabiliser, mesurer."),
    (
        1,
        "Club des directeurs des services techniques",
        "ingenierie-territoires",
        S,
        "Un espace confidentiel entre DST.",
    ),
    (
        2,
        "Financer la rénovation énergétique",
        "batiment",
        P,
        "Aides, fonds et montages financiers pour les bâtiments publics.",
    ),
    (
        2,
        "Trait de côte et relocalisation",
        "mer-littoral",
        R,
        "Les communes littorales face au recul du trait de côte.",
    ),
    (
        2,
        "Ports de plaisance durables",
        "mer-littoral",
        P,
        "Gestion des déchets, énergie et biodiversité dans les ports.",
    ),
    (
        2,
        "Adaptation des routes au climat",
        "infrastructures-transport",
        P,
        "Chaussées, drainage et canicules : adapter le réseau routier.",
    ),
    (
        2,
        "Instructeurs des aides régionales",
        "ingenierie-territoires",
        S,
        "Harmoniser l'instruction des dossiers entre régions.",
    ),
]

# username, display name, organisation, organisation type, competences
PEOPLE = [
    ("claire.martin", "Claire Martin", "Métropole de Bordeaux", "collectivite", ["mobilité", "PDM"]),
    ("karim.benali", "Karim Benali", "Cerema", "operateur", ["ouvrages d'art", "diagnostic"]),
    ("sophie.leroy", "Sophie Leroy", "DDTM de Charente-Maritime", "etat", ["trait de côte", "PPRL"]),
    ("julien.moreau", "Julien Moreau", "Commune de Lorient", "collectivite", ["GEMAPI", "digues"]),
    ("amelie.durand", "Amélie Durand", "ADEME", "operateur", ["rénovation", "financement"]),
    ("thomas.petit", "Thomas Petit", "Bureau d'études Hydra", "entreprise", ["hydraulique", "modélisation"]),
    ("nadia.rousseau", "Nadia Rousseau", "Association Vélo & Territoires", "association", ["vélo", "concertation"]),
    ("louis.garnier", "Louis Garnier", "Université Grenoble Alpes", "recherche", ["îlots de chaleur", "climatologie"]),
    ("emma.faure", "Emma Faure", "Région Occitanie", "collectivite", ["aides régionales", "instruction"]),
    ("hugo.lambert", "Hugo Lambert", "Grenoble-Alpes Métropole", "collectivite", ["ZAN", "urbanisme"]),
    ("lea.bonnet", "Léa Bonnet", "Commune de La Rochelle", "collectivite", ["écoles", "confort d'été"]),
    ("paul.mercier", "Paul Mercier", "Département de la Gironde", "collectivite", ["routes", "chaussées"]),
    ("ines.girard", "Inès Girard", "Office français de la biodiversité", "operateur", ["biodiversité", "ports"]),
    ("marc.chevalier", "Marc Chevalier", "Préfecture de l'Isère", "etat", ["crise", "sécurité civile"]),
    ("zoe.francois", "Zoé François", "Agence de l'eau Adour-Garonne", "operateur", ["eau", "financement"]),
    ("antoine.roux", "Antoine Roux", "Commune de Vannes", "collectivite", ["DST", "patrimoine"]),
]

POSTS = [
    (
        "Retour d'expérience : notre appel à projets",
        "Nous avons lancé l'appel à projets en mars. Voici le calendrier, le cahier des charges et ce que nous "
        "changerions.",
    ),
    (
        "Qui a déjà utilisé le nouvel outil de diagnostic ?",
        "Nous hésitons entre deux méthodes. Vos avis sur la prise en main et le coût ?",
    ),
    (
        "Compte rendu de la rencontre du mois",
        "Merci aux vingt participants. Les supports sont en ligne ; prochaine rencontre en visio.",
    ),
]
COMMENTS = [
    "Merci pour ce partage très concret !",
    "Nous avons fait le même choix, je peux vous mettre en relation.",
    "Pouvez-vous partager le cahier des charges ?",
]


def _people(domains, territories):
    User = get_user_model()
    users = []
    territory_cycle = itertools.cycle(territories or [None])
    domain_cycle = itertools.cycle(list(domains.values()))
    for username, name, organisation, organisation_type, competences in PEOPLE:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username, f"{username}@demo.localhost", PASSWORD)
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
            Profile.objects.filter(user=user).update(
                display_name=name,
                organisation=organisation,
                organisation_type=organisation_type,
                territory=next(territory_cycle),
                visibility=Profile.Visibility.PUBLIC if len(users) % 3 else Profile.Visibility.MEMBERS,
                bio=f"{name}, {organisation}. Disponible pour échanger sur {', '.join(competences)}.",
            )
            profile = Profile.objects.get(user=user)
            profile.competences.add(*competences)
            profile.domains.add(next(domain_cycle))
        users.append(user)
    return users


def _populate(community, users, number):
    """Animateur, experts, members, a pending request, posts, comments and a pin."""
    rotated = users[number % len(users) :] + users[: number % len(users)]
    animateur, experts, members, requester = rotated[0], rotated[1:3], rotated[3:9], rotated[9]
    add_member(community, animateur, Membership.Role.ANIMATEUR)
    for user in experts:
        add_member(community, user, Membership.Role.EXPERT)
    for user in members:
        if community.visibility == P:
            membership.join(user, community)
        else:
            add_member(community, user)
    if community.visibility == R:
        membership.join(requester, community, "Je travaille sur ce sujet et aimerais échanger avec vous.")
    for user in [animateur, *experts, *members]:
        membership.follow(user, community)
    for index, (title, body) in enumerate(POSTS):
        post = posting.publish_post(community, rotated[index + 1], title, f"<p>{body}</p>")
        for offset, comment in enumerate(COMMENTS[: index + 1]):
            posting.add_comment(post, rotated[(index + offset + 2) % 9], f"<p>{comment}</p>")
    resource = ResourcePage.objects.live().filter(domains__slug=community.domains.first().slug).order_by("pk").first()
    if resource is not None:
        posting.pin(community, resource, animateur)


def load(sites, domains, territories):
    """Create the demo communities under each portal in ``sites``; returns how many
    were created."""
    users = _people(domains, territories)
    indexes = [ensure_community_index(site.root_page) for site in sites]
    created = 0
    for number, (portal, title, domain_slug, visibility, summary) in enumerate(COMMUNITIES):
        index = indexes[portal % len(indexes)]
        if CommunityPage.objects.filter(title=title).exists():
            continue
        listed_on = (
            [site for site in sites if site.root_page_id != index.get_parent().pk][:1]
            if number % 4 == 0 and visibility != S
            else []
        )
        community = create_community(
            index,
            title,
            visibility,
            domains=[domains[domain_slug]],
            listed_on=listed_on,
            summary=summary,
            description=f"<p>{summary}</p><p>Animée par des praticiens, ouverte aux questions de terrain.</p>",
        )
        _populate(community, users, number)
        created += 1
    polls_demo.load()
    library_demo.load()
    questions_demo.load()
    events_demo.load(sites)
    return created
