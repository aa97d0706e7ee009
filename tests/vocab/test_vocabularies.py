"""Every vocabulary loads, is internally consistent, and maps only to real standard names."""

import re

import pytest

from casebook.errors import InvalidInput
from casebook.vocab import STANDARDS, load, names
from casebook.vocab.vocabulary import mapping_is_known, standards

# The codes other parts of Casebook are written against: changing one is a breaking change.
EXPECTED = {
    "event_type": "recruitment border_crossing sale forced_marriage prostitution cybersex "
    "forced_labour violence arrest_china repatriation detention_nk escape transit arrival "
    "child_birth registration",
    "role": "victim perpetrator witness source",
    "perpetrator_role": "recruiter broker seller buyer controller police border_guard "
    "state_security guard relative other",
    "recruitment": "deception_job_offer drugged abducted sold_by_acquaintance "
    "voluntary_with_broker voluntary_alone introduced_marriage other",
    "recruiter_relation": "neighbour_or_villager friend relative stranger north_korean_trafficker "
    "korean_chinese_broker han_chinese_broker couple other",
    "exploitation": "forced_marriage prostitution cybersex forced_labour domestic_servitude other",
    "violence": "rape beating confinement threat_of_denunciation drugging other",
    "nk_detention": "state_security_interrogation police_detention holding_centre "
    "labour_training_camp kyohwaso kwanliso other",
    "buyer": "han_chinese korean_chinese north_korean other",
    "sale_purpose": "marriage prostitution labour other",
    "hukou": "none fake obtained",
    "consent_scope": "aggregate_statistics anonymous_quotation share_with legal_proceedings",
    "date_precision": "day month season year approximate_year range unknown",
    "currency": "RMB USD KPW KRW GBP EUR",
# case management (issue 15)
    "case_closure": "resettled_stable her_choice lost_contact transferred repatriated died "
    "duplicate "
    "other",
    "case_need": "safety shelter medical reproductive_health psychosocial legal_documents children "
    "livelihood family_tracing",
    "case_need_state": "open met not_needed",
    "case_outcome": "completed partly ongoing declined not_possible referred_on",
    "case_referral_status": "pending accepted refused completed cancelled",
    "case_risk": "high medium low",
    "case_service": "safe_house escort medical_care reproductive_care counselling legal_aid "
    "documents "
    "child_support education livelihood basic_needs family_tracing",
    "case_service_state": "planned given cancelled",
    "case_stage": "hiding_china safe_house transit_third_country arrived south_korea",
    "case_status": "open in_transit resettled closed",
    "case_task": "follow_up document_appointment medical_appointment move other",
}

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def test_names_are_exactly_the_agreed_vocabularies():
    assert set(names()) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_codes_are_the_agreed_ones_in_order(name):
    assert load(name).codes() == tuple(EXPECTED[name].split())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_vocabulary_is_well_formed(name):
    vocab = load(name)
    assert vocab.name == name
    assert re.fullmatch(r"\d{4}\.\d+", vocab.version), vocab.version
    assert len(set(vocab.codes())) == len(vocab.codes())
    for term in vocab:
        assert term.en.strip() and term.en == term.en.strip()
        assert HANGUL.search(term.ko), f"{name}.{term.code}: Korean label has no Hangul"
        assert not HANGUL.search(term.en), f"{name}.{term.code}: English label has Hangul"
        assert set(term.mappings) <= set(STANDARDS)
        for alias in term.aliases_ko:
            assert alias.strip() == alias and alias


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_mapping_names_a_real_field_and_value(name):
    for term in load(name):
        for standard, entries in term.mappings.items():
            assert entries, f"{name}.{term.code}: empty {standard} mapping"
            for entry in entries:
                assert mapping_is_known(standard, entry), (name, term.code, standard, entry)


def test_mapping_checker_rejects_near_misses():
    assert mapping_is_known("htcds", "vic_TypeOfExploitation=ForcedMarriage")
    assert not mapping_is_known("htcds", "vic_TypeOfExploitation=ForcedMarrige")
    assert not mapping_is_known("htcds", "vic_TypeOfExploitation")  # picklist needs a value
    assert mapping_is_known("ctdc", "isForcedMarriage")
    assert not mapping_is_known("ctdc", "isForcedMarriage=1")
    assert mapping_is_known("gbvims", "consent_reporting")
    assert mapping_is_known("palermo", "means=deception")
    assert not mapping_is_known("palermo", "means=trickery")
    assert not mapping_is_known("glotip", "anything")


def test_the_main_exploitation_forms_map_to_all_the_standards_that_have_them():
    exploitation = load("exploitation")
    for code in ("forced_marriage", "prostitution", "cybersex"):
        assert set(exploitation.term(code).mappings) == {"htcds", "ctdc", "gbvims", "palermo"}
    purposes = {
        e for t in exploitation for e in t.mappings.get("palermo", ()) if e.startswith("purpose=")
    }
    assert len(purposes) >= 4
    assert load("event_type").mapped("recruitment", "palermo") == ("act=recruitment",)


def test_palermo_elements_cover_act_means_and_purpose():
    used = {
        entry.split("=")[0]
        for name in names()
        for term in load(name)
        for entry in term.mappings.get("palermo", ())
    }
    assert used == set(standards()["palermo"]["fields"])


def test_validate_and_labels():
    vocab = load("nk_detention")
    assert vocab.validate("kyohwaso") == "kyohwaso"
    assert vocab.label("holding_centre", "ko") == "집결소"
    assert vocab.label("holding_centre") == vocab.term("holding_centre").en
    with pytest.raises(InvalidInput, match=r"nk_detention.*'gulag'"):
        vocab.validate("gulag")
    with pytest.raises(ValueError):
        vocab.label("kyohwaso", "zh")
    assert "kyohwaso" in vocab and "gulag" not in vocab


def test_unknown_vocabulary_is_a_user_error():
    with pytest.raises(InvalidInput, match="no vocabulary named 'colour'"):
        load("colour")


def test_load_is_cached():
    assert load("role") is load("role")


def test_detention_aliases_cover_korean_terms_and_romanisations():
    index = load("nk_detention").aliases()
    expected = {
        "bowibu": "state_security_interrogation",
        "보위부": "state_security_interrogation",
        "anjeonbu": "police_detention",
        "안전부": "police_detention",
        "kuryujang": "police_detention",
        "구류장": "police_detention",
        "jipkyulso": "holding_centre",
        "집결소": "holding_centre",
        "rodong danryondae": "labour_training_camp",
        "노동단련대": "labour_training_camp",
        "kyohwaso": "kyohwaso",
        "교화소": "kyohwaso",
        "kwanliso": "kwanliso",
        "관리소": "kwanliso",
    }
    for word, code in expected.items():
        assert index[word] == code, word


def test_alias_words_do_not_point_to_two_codes_within_a_vocabulary():
    for name in names():
        seen: dict[str, str] = {}
        for term in load(name):
            for word in term.aliases_en + term.aliases_ko:
                assert seen.setdefault(word, term.code) == term.code, (name, word)


def test_public_api_is_listed_and_sorted():
    import casebook.vocab as vocab

    assert list(vocab.__all__) == sorted(vocab.__all__)
    for name in vocab.__all__:
        assert hasattr(vocab, name), name
