"""Searching documents through the configured backend: French analysis, facets,
scoping and visibility, checked through the search page's service."""

import pytest
from wagtail.models import PageViewRestriction

from search.models import SearchDocument
from search.service import SearchRequest, run_search
from tests.utils import library_of

from .conftest import refresh


def titles(site, query="", **options):
    options.setdefault("language", "fr")
    outcome = run_search(SearchRequest(site=site, query=query, **options))
    assert not outcome.engine_down
    return sorted(document.title for document in outcome.documents)


@pytest.mark.django_db
def test_accents_and_plurals_find_the_same_items(portal_a, publish):
    publish(portal_a, "Îlots de fraîcheur", "Végétaliser les cours d'école.")
    publish(portal_a, "Réseaux de chaleur ruraux", "Les réseaux en milieu rural.")
    publish(portal_a, "Budget participatif", "Aucun rapport.")
    site = portal_a.site
    assert titles(site, "îlot") == titles(site, "ilots") == ["Îlots de fraîcheur"]
    assert titles(site, "fraicheur") == ["Îlots de fraîcheur"]
    assert titles(site, "réseau rural") == titles(site, "reseaux ruraux") == ["Réseaux de chaleur ruraux"]


@pytest.mark.django_db
def test_words_only_in_the_body_are_found(portal_a, publish):
    publish(portal_a, "Guide pratique", "La végétalisation des toitures en ville.")
    assert titles(portal_a.site, "toitures vegetalisation") == ["Guide pratique"]


@pytest.mark.django_db
def test_acronyms_are_found_as_written(portal_a, publish):
    publish(portal_a, "Élaborer un PLUi", "Le plan local d'urbanisme intercommunal.")
    publish(portal_a, "Trajectoire ZAN", "Zéro artificialisation nette.")
    publish(portal_a, "Compétence GEMAPI", "Gestion des milieux aquatiques.")
    publish(portal_a, "Réviser le SCoT", "Schéma de cohérence territoriale.")
    site = portal_a.site
    assert titles(site, "PLUi") == ["Élaborer un PLUi"]
    assert titles(site, "ZAN") == ["Trajectoire ZAN"]
    assert titles(site, "GEMAPI") == ["Compétence GEMAPI"]
    assert titles(site, "SCoT") == ["Réviser le SCoT"]


@pytest.mark.django_db
def test_each_facet_count_equals_the_result_count_once_applied(
    portal_a, publish, domains, guide_type, study_type, gironde
):
    mobility, environment = domains
    publish(
        portal_a,
        "Mobilité rurale",
        "transport",
        domains=[mobility],
        resource_type=guide_type,
        territory=gironde,
        tags=["vélo"],
    )
    publish(
        portal_a,
        "Mobilité douce",
        "transport",
        domains=[mobility, environment],
        resource_type=study_type,
        tags=["vélo", "marche"],
    )
    publish(portal_a, "Risques et transport", "transport", domains=[environment], resource_type=guide_type)
    site = portal_a.site
    outcome = run_search(SearchRequest(site=site, language="fr", query="transport"))
    assert outcome.count == 3
    checked = 0
    for name, values in outcome.facets.items():
        for value in values:
            filtered = run_search(
                SearchRequest(site=site, language="fr", query="transport", filters={name: value.value})
            )
            assert filtered.count == value.count, (name, value)
            checked += 1
    assert checked >= 10
    domain_counts = {value.label: value.count for value in outcome.facets["domain"]}
    assert domain_counts == {"Mobilités": 2, "Environnement et risques": 2}
    assert {value.label: value.count for value in outcome.facets["type"]} == {"Guide": 2, "Étude": 1}


@pytest.mark.django_db
def test_scope_is_this_portal_unless_all_portals_are_asked(portal_a, portal_b, publish):
    publish(portal_a, "Atlas des paysages alpha")
    publish(portal_b, "Atlas des paysages bêta")
    publish(portal_b, "Atlas partagé", shared_with_all=True)
    assert titles(portal_a.site, "atlas") == ["Atlas des paysages alpha", "Atlas partagé"]
    assert titles(portal_a.site, "atlas", all_portals=True) == [
        "Atlas des paysages alpha",
        "Atlas des paysages bêta",
        "Atlas partagé",
    ]


@pytest.mark.django_db
def test_resources_shared_with_a_portal_appear_there(portal_a, portal_b, publish):
    page = publish(portal_b, "Observatoire foncier")
    page.shared_with = [portal_a.site]
    page.save_revision().publish()
    refresh()
    assert titles(portal_a.site, "foncier") == ["Observatoire foncier"]


@pytest.mark.django_db
def test_drafts_and_unpublished_pages_are_never_found(portal_a, publish):
    page = publish(portal_a, "Friches industrielles")
    page.title = "Friches industrielles et brouillon secret"
    page.save_revision()  # a draft: the live version stays indexed as it was
    refresh()
    assert titles(portal_a.site, "friches") == ["Friches industrielles"]
    assert titles(portal_a.site, "secret") == []
    page.unpublish()
    refresh()
    assert titles(portal_a.site, "friches") == []


@pytest.mark.django_db
def test_private_pages_are_never_found(portal_a, publish):
    page = publish(portal_a, "Compte rendu interne")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")
    refresh()
    assert titles(portal_a.site, "compte rendu") == []
    assert not SearchDocument.objects.filter(title="Compte rendu interne").exists()


@pytest.mark.django_db
def test_other_languages_only_when_asked(english, portal_a, publish):
    publish(portal_a, "Qualité de l'air")
    library_en = library_of(portal_a).get_translation(english)
    publish(library_en, "Air quality")
    refresh()
    assert titles(portal_a.site, "air") == ["Qualité de l'air"]
    assert titles(portal_a.site, "air", language="en") == ["Air quality"]
    assert titles(portal_a.site, "air", all_languages=True) == ["Air quality", "Qualité de l'air"]


@pytest.mark.django_db
def test_english_documents_are_analysed_in_english(english, portal_a, publish):
    library_en = library_of(portal_a).get_translation(english)
    publish(library_en, "Resilient cities", "How each city adapts to floods.")
    publish(portal_a, "Villes résilientes", "Comment chaque ville s'adapte aux inondations.")
    site = portal_a.site
    # English stemming folds city/cities and flooding/floods (the French stemmer does not).
    assert titles(site, "city", language="en") == titles(site, "cities", language="en") == ["Resilient cities"]
    assert titles(site, "flooding", language="en") == ["Resilient cities"]
    assert titles(site, "cities", all_languages=True) == ["Resilient cities"]
    assert titles(site, "villes", all_languages=True) == ["Villes résilientes"]


@pytest.mark.django_db
def test_archived_documents_only_when_asked(portal_a, publish):
    page = publish(portal_a, "Ancien programme")
    SearchDocument.objects.filter(title="Ancien programme").update(archived=True)
    SearchDocument.objects.get(title="Ancien programme").save()  # reindex the archived flag
    refresh()
    assert page.live
    assert titles(portal_a.site, "programme") == []
    assert titles(portal_a.site, "programme", include_archived=True) == ["Ancien programme"]


@pytest.mark.django_db
def test_sort_by_date_and_pagination(portal_a, publish):
    import datetime

    for day in range(1, 6):
        publish(portal_a, f"Bulletin de veille {day}", publication_date=datetime.date(2024, 1, day))
    first = run_search(SearchRequest(site=portal_a.site, language="fr", query="veille", sort="date", per_page=2))
    second = run_search(
        SearchRequest(site=portal_a.site, language="fr", query="veille", sort="date", per_page=2, page=2)
    )
    assert first.count == 5 and first.num_pages == 3
    assert [d.title for d in first.documents] == ["Bulletin de veille 5", "Bulletin de veille 4"]
    assert [d.title for d in second.documents] == ["Bulletin de veille 3", "Bulletin de veille 2"]


@pytest.mark.django_db
def test_deleted_pages_leave_search(portal_a, publish):
    page = publish(portal_a, "Charte paysagère")
    assert SearchDocument.objects.filter(title="Charte paysagère").exists()
    page.delete()
    refresh()
    assert titles(portal_a.site, "charte") == []
    assert not SearchDocument.objects.filter(title="Charte paysagère").exists()
