"""Demo content: portals, domains, resource types, territories and resources.

Figures and place names are plausible examples for the demo, not real data."""

PORTALS = [
    {
        "hostname": "portail.localhost",
        "name": "Portail des territoires",
        "theme": "default",
        "primary_colour": "#1f4e79",
        "secondary_colour": "#2e6b30",
        "tagline": "Ressources et communautés pour la transition écologique des territoires",
        "default": True,
    },
    {
        "hostname": "villes-durables.localhost",
        "name": "Villes durables",
        "theme": "default",
        "primary_colour": "#7a1f5c",
        "secondary_colour": "#8a3b00",
        "tagline": "Le réseau des villes engagées pour le climat",
        "default": False,
    },
    {
        "hostname": "aides.localhost",
        "name": "Aides aux territoires",
        "theme": "dsfr",
        "primary_colour": "#000091",
        "secondary_colour": "#18753c",
        "tagline": "Trouver les financements de vos projets",
        "default": False,
    },
]

# slug, French name, English name, colour, French description, English description
DOMAINS = [
    ("mobilites", "Mobilités", "Mobility", "#1f4e79",
     "Transports collectifs, vélo, covoiturage et zones à faibles émissions.",
     "Public transport, cycling, car-sharing and low-emission zones."),
    ("environnement-risques", "Environnement et risques", "Environment and risks", "#2e6b30",
     "Biodiversité, eau, prévention des inondations et des risques naturels.",
     "Biodiversity, water, flood and natural hazard prevention."),
    ("ingenierie-territoires", "Ingénierie des territoires", "Territorial engineering", "#6b3fa0",
     "Planification, sobriété foncière, urbanisme et accompagnement des projets.",
     "Planning, land sobriety, urban design and project support."),
    ("batiment", "Bâtiment", "Buildings", "#8a3b00",
     "Rénovation énergétique, construction durable et confort d'été.",
     "Energy renovation, sustainable construction and summer comfort."),
    ("mer-littoral", "Mer et littoral", "Sea and coast", "#005f73",
     "Recul du trait de côte, ports, milieux marins et aménagement littoral.",
     "Coastal retreat, ports, marine environments and coastal planning."),
    ("infrastructures-transport", "Infrastructures de transport", "Transport infrastructure", "#4a4a4a",
     "Routes, ouvrages d'art, voies ferrées et adaptation au changement climatique.",
     "Roads, bridges, railways and climate adaptation."),
]

# slug, French name, English name
RESOURCE_TYPES = [
    ("guide", "Guide", "Guide"),
    ("fiche-technique", "Fiche technique", "Technical sheet"),
    ("retour-experience", "Retour d'expérience", "Case study"),
    ("outil", "Outil", "Tool"),
    ("etude", "Étude", "Study"),
    ("video", "Vidéo", "Video"),
    ("webinaire", "Webinaire", "Webinar"),
    ("actualite", "Actualité", "News"),
    ("aide-financiere", "Aide financière", "Funding aid"),
]

# scale, name, INSEE code
TERRITORIES = [
    ("national", "France", ""),
    ("region", "Bretagne", "53"),
    ("region", "Occitanie", "76"),
    ("region", "Hauts-de-France", "32"),
    ("departement", "Gironde", "33"),
    ("departement", "Isère", "38"),
    ("epci", "Grenoble-Alpes Métropole", "200040715"),
    ("epci", "Lorient Agglomération", "200042174"),
    ("commune", "La Rochelle", "17300"),
    ("commune", "Dunkerque", "59183"),
]

# domain slug -> resource titles (French), each with its English title
RESOURCES = {
    "mobilites": [
        ("Mettre en place une zone à faibles émissions (ZFE)", "Setting up a low-emission zone (ZFE)"),
        ("Plan de mobilité simplifié : la méthode pas à pas", "Simplified mobility plan: a step-by-step method"),
        ("Covoiturage du quotidien dans les territoires ruraux", "Everyday car-sharing in rural areas"),
        ("Aménager des pistes cyclables sécurisées", "Designing safe cycle lanes"),
        ("Le transport à la demande, retour d'expérience", None),
        ("Électrification des flottes de bus", None),
        ("Stationnement et report modal", None),
        ("Les mobilités actives à l'école", None),
        ("Logistique urbaine décarbonée", None),
        ("Financer une voie verte intercommunale", None),
        ("Observatoire des déplacements domicile-travail", None),
    ],
    "environnement-risques": [
        ("Compétence GEMAPI : gestion des milieux aquatiques", "GEMAPI: managing aquatic environments"),
        ("Prévenir le risque d'inondation par ruissellement", "Preventing surface-water flooding"),
        ("Trame verte et bleue dans le PLUi", None),
        ("Îlots de chaleur urbains : diagnostic et solutions", "Urban heat islands: diagnosis and solutions"),
        ("Plan climat-air-énergie territorial (PCAET)", None),
        ("Restaurer les zones humides", None),
        ("Gestion des sols pollués", None),
        ("Retrait-gonflement des argiles", None),
        ("Biodiversité dans les espaces publics", None),
        ("Qualité de l'air intérieur des écoles", None),
        ("Feux de forêt : obligations de débroussaillement", None),
    ],
    "ingenierie-territoires": [
        ("Zéro artificialisation nette (ZAN) : ce qui change", "Net zero land take (ZAN): what changes"),
        ("Élaborer un SCoT sobre en foncier", None),
        ("Revitaliser un centre-bourg", None),
        ("Friches urbaines : du diagnostic au projet", None),
        ("PLU et adaptation au changement climatique", None),
        ("Monter un projet de territoire participatif", None),
        ("Observatoire du foncier", None),
        ("Densification douce des quartiers pavillonnaires", None),
        ("Contrat de relance et de transition écologique", None),
        ("Ingénierie mutualisée entre communes", None),
        ("Cartographie des besoins en équipements", None),
    ],
    "batiment": [
        ("Rénovation énergétique des écoles", "Energy renovation of schools"),
        ("Décret tertiaire : obligations et calendrier", None),
        ("Confort d'été sans climatisation", None),
        ("Matériaux biosourcés dans la construction publique", None),
        ("Réemploi des matériaux de chantier", None),
        ("Diagnostic de performance énergétique des logements", None),
        ("Rénover un gymnase en site occupé", None),
        ("Chaufferie bois collective", None),
        ("Réglementation environnementale RE2020", None),
        ("Ventilation et qualité de l'air", None),
        ("Suivre les consommations du patrimoine", None),
    ],
    "mer-littoral": [
        ("Recul du trait de côte : anticiper et recomposer", "Coastal retreat: anticipate and rebuild"),
        ("Gestion des dunes et des cordons littoraux", None),
        ("Ports de plaisance et transition énergétique", None),
        ("Submersion marine : plans de prévention", None),
        ("Aires marines protégées et usages", None),
        ("Qualité des eaux de baignade", None),
        ("Aménagement des sentiers du littoral", None),
        ("Énergies marines renouvelables", None),
        ("Algues vertes : prévention et ramassage", None),
        ("Tourisme littoral durable", None),
        ("Érosion des falaises", None),
    ],
    "infrastructures-transport": [
        ("Surveillance des ouvrages d'art", "Monitoring bridges and structures"),
        ("Adapter les routes aux fortes chaleurs", None),
        ("Entretien écologique des dépendances vertes", None),
        ("Petites lignes ferroviaires : modèles de relance", None),
        ("Chaussées à faible impact carbone", None),
        ("Gestion des eaux pluviales routières", None),
        ("Éclairage public et sobriété", None),
        ("Passages à faune sur les infrastructures", None),
        ("Pôles d'échanges multimodaux", None),
        ("Bornes de recharge sur le réseau routier", None),
        ("Plan de gestion du patrimoine routier", None),
    ],
}

TAGS = ["climat", "adaptation", "sobriété", "financement", "collectivités", "biodiversité", "énergie", "eau", "participation", "données"]
ORGANISATIONS = ["Cerema", "ADEME", "Agence de l'eau", "Région", "Intercommunalité", "Office français de la biodiversité"]
