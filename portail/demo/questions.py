"""Demo questions: three per community in a few demo communities, with answers
(experts' and members'), votes, and one accepted answer each.

``load()`` runs after ``communities.demo.load`` created the communities and their
members; it changes nothing in a community that already has questions."""

from communities.models import CommunityPage, Membership
from communities.questions import answering
from communities.questions.models import Question

# community title, then (question, details, answers); the first answer comes
# from an expert and is accepted, the others from members.
QUESTIONS = {
    "Réseau des chargés de mission mobilité": [
        (
            "Comment financer une piste cyclable en zone rurale ?",
            "Notre intercommunalité veut relier deux bourgs distants de 6 km. Quelles aides mobiliser ?",
            [
                "Le fonds mobilités actives et la DSIL se cumulent ; la région complète souvent.",
                "Nous avons aussi obtenu un financement LEADER.",
            ],
        ),
        (
            "Quel outil pour compter les vélos ?",
            "Nous hésitons entre boucles magnétiques et capteurs vidéo.",
            ["Les boucles sont fiables et peu chères à l'usage ; la vidéo distingue les modes."],
        ),
        (
            "Qui a mis en place un plan de mobilité employeur mutualisé ?",
            "Pour une zone d'activités de 40 entreprises.",
            [],
        ),
    ],
    "GEMAPI et prévention des inondations": [
        (
            "Qui entretient une digue sans gestionnaire identifié ?",
            "Une digue privée protège un hameau ; le propriétaire a disparu.",
            [
                "Avec la GEMAPI, l'EPCI peut intégrer l'ouvrage dans un système d'endiguement après étude de danger.",
                "Voyez aussi la servitude prévue par le code de l'environnement.",
            ],
        ),
        (
            "Comment financer la taxe GEMAPI de façon équitable ?",
            "Le conseil hésite sur le produit attendu.",
            ["Le produit est plafonné à 40 € par habitant ; appuyez-vous sur le programme pluriannuel."],
        ),
        (
            "Quels exercices de crise organiser avec les écoles ?",
            "Nous voulons sensibiliser les élèves au risque d'inondation.",
            [],
        ),
    ],
    "Rénovation des écoles": [
        (
            "Quelle isolation pour une école des années 1970 ?",
            "Structure béton, menuiseries d'origine, chauffage au fioul.",
            [
                "Isolation par l'extérieur et remplacement des menuiseries d'abord, puis pompe à chaleur.",
                "Attention au confort d'été : prévoyez des protections solaires.",
            ],
        ),
        (
            "Comment garder les classes fraîches en juin ?",
            "Les températures dépassent 30 °C à l'étage.",
            ["Brasseurs d'air, végétalisation de la cour et ventilation nocturne font beaucoup."],
        ),
        ("Faut-il un commissionnement pour une rénovation d'école ?", "Le marché est en cours de rédaction.", []),
    ],
    "Financer la rénovation énergétique": [
        (
            "Peut-on cumuler le fonds vert et la DSIL pour une rénovation de gymnase ?",
            "Le projet vise 40 % d'économies d'énergie ; la commune compte 3 000 habitants.",
            [
                "Oui, dans la limite de 80 % d'aides publiques ; déposez les deux dossiers avec le même plan de "
                "financement.",
                "La région a aussi un appel à projets pour les équipements sportifs.",
            ],
        ),
        (
            "Le contrat de performance énergétique convient-il à une petite commune ?",
            "Nous avons cinq bâtiments et pas de technicien.",
            ["Groupez-vous avec l'intercommunalité : un CPE mutualisé atteint la taille critique."],
        ),
        (
            "Quel accompagnement pour monter un dossier CEE ?",
            "Première demande de certificats d'économies d'énergie.",
            [],
        ),
    ],
}


def _people(community):
    memberships = Membership.objects.filter(community=community, status=Membership.Status.ACTIVE).select_related(
        "user__profile"
    )
    by_role = {role: [m.user for m in memberships if m.role == role] for role in Membership.Role.values}
    return by_role[Membership.Role.ANIMATEUR], by_role[Membership.Role.EXPERT], by_role[Membership.Role.MEMBER]


def _tags_of(user):
    return [tag.name for tag in user.profile.competences.all()][:1]


def load():
    """Add the demo questions; returns how many were created."""
    created = 0
    for title, entries in QUESTIONS.items():
        community = CommunityPage.objects.filter(title=title).first()
        if community is None or Question.objects.filter(community=community).exists():
            continue
        animateurs, experts, members = _people(community)
        if not (animateurs and experts and len(members) >= 3):
            continue
        domains = list(community.domains.all())
        for number, (question_title, details, answers) in enumerate(entries):
            asker = members[number % len(members)]
            expert = experts[number % len(experts)]
            question = answering.ask(
                community, asker, question_title, f"<p>{details}</p>", domains=domains, tags=_tags_of(expert)
            )
            created += 1
            replies = []
            for index, text in enumerate(answers):
                author = expert if index == 0 else members[(number + index) % len(members)]
                replies.append(answering.answer(question, author, f"<p>{text}</p>"))
            for reply in replies:
                for voter in members[: 2 if reply.is_expert else 1]:
                    if voter.pk != reply.author_id:
                        answering.vote(reply, voter)
            if replies and number == 0:
                answering.accept(question, replies[0], asker)
    return created
