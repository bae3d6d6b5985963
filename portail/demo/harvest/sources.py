"""The demo sources: which portal owns each, what it serves, how it is filed."""

from dataclasses import dataclass, field

API_TOKEN = "jeton-de-demonstration"
BEARER = "jeton-porteur-de-demonstration"

# Aides-Territoires categories (full name, theme or own name) -> domain slugs
CATEGORY_DOMAINS = {
    "Mobilité / transports|Mobilité pour tous": "mobilites",
    "Modes actifs : vélo, marche et aménagements associés": "mobilites",
    "Transports collectifs et optimisation des trafics routiers": "mobilites",
    "Voirie, ponts et ouvrages d'art": "infrastructures-transport",
    "Risques naturels": "environnement-risques",
    "Biodiversité": "environnement-risques",
    "Milieux aquatiques": "environnement-risques",
    "Océan, mer et littoral": "mer-littoral",
    "Économie d'énergie et rénovation énergétique": "batiment",
    "Bâtiments et construction": "batiment",
    "Ingénierie et appui aux projets": "ingenierie-territoires",
    "Foncier": "ingenierie-territoires",
}


@dataclass
class DemoSource:
    name: str
    hostname: str  # the owning portal
    backend: str
    path: str  # under /demo-sources/
    domains: list = field(default_factory=list)
    config: dict = field(default_factory=dict)
    shared_with: list = field(default_factory=list)  # hostnames of portals that opt in
    licence: str = "Licence Ouverte 2.0"
    attribution: str = ""


SOURCES = [
    DemoSource(
        "Réseau Mobilités & Territoires",
        "portail.localhost",
        "rss",
        "mobilites.rss.xml",
        ["mobilites"],
        shared_with=["villes-durables.localhost"],
        licence="CC BY 4.0",
        attribution="Actualités du Réseau Mobilités & Territoires (contenu de démonstration).",
    ),
    DemoSource(
        "Réseau Ouvrages & Infrastructures",
        "portail.localhost",
        "rss",
        "infrastructures.atom.xml",
        ["infrastructures-transport"],
        attribution="Dossiers du Réseau Ouvrages & Infrastructures (flux Atom de démonstration).",
    ),
    DemoSource(
        "Archive ouverte Littoral et risques",
        "portail.localhost",
        "oai",
        "oai/",
        ["environnement-risques", "mer-littoral"],
        attribution="Notices de l'archive ouverte Littoral et risques (entrepôt OAI-PMH de démonstration).",
    ),
    DemoSource(
        "Centre de ressources Ville durable",
        "villes-durables.localhost",
        "sitemap",
        "ville-durable/sitemap.xml",
        ["batiment"],
        attribution="Fiches du Centre de ressources Ville durable (sitemap de démonstration).",
    ),
    DemoSource(
        "Aides-territoires (démonstration)",
        "aides.localhost",
        "aides-territoires",
        "aides/api/aids/",
        config={"api_token": API_TOKEN, "items_per_page": 5, "category_domains": CATEGORY_DOMAINS},
        attribution="Aides publiées sur une API au format d'Aides-territoires (données de démonstration).",
    ),
]
