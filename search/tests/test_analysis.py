from search.analysis import analyse, query_terms


def test_accents_and_plurals_fold_to_the_same_terms():
    assert analyse("îlots réseaux ruraux mobilités") == analyse("ilot reseau rural mobilite")


def test_elision_and_stop_words_are_removed():
    assert analyse("l'aménagement de la zone d'activité") == analyse("amenagement zone activite")


def test_acronyms_are_kept_as_written():
    assert analyse("PLUi GEMAPI SCoT ZAN") == ["plui", "gemapi", "scot", "zan"]
    assert analyse("PLU") != analyse("PLUi")


def test_query_words_carry_their_stems_in_every_language():
    assert query_terms("the networks réseaux") == [{"network"}, {"reseau", "reseaux"}]
