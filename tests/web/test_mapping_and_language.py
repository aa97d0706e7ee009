"""The interface language (the journey map's tests are in tests/maps/test_maps.py)."""

from __future__ import annotations

import pytest

from casebook.web import i18n
from casebook.web.locale.ko_messages import KO
from casebook.web.vocab import event_types, filter_places, place_label, vocabularies


@pytest.mark.parametrize("header,lang", [
    ("ko-KR,ko;q=0.9,en;q=0.8", "ko"), ("en-GB,en;q=0.9", "en"), ("fr-FR,de;q=0.5", "ko"),
    ("", "ko"), (None, "ko"), ("fr, EN-us;q=0.3", "en"),
])
def test_pick_language(header, lang):
    assert i18n.pick_language(header) == lang


def test_gettext_follows_the_request_language():
    token = i18n.set_language("ko")
    try:
        assert i18n.gettext("Users") == KO["Users"] == "사용자"
        assert i18n.gettext("Users of %(org)s", org="한울") == "한울 사용자"
        i18n.set_language("en")
        assert i18n.gettext("Users") == "Users"
        i18n.set_language("xx")
        assert i18n.language() == "ko"  # an unknown language falls back to Korean
    finally:
        i18n._current.reset(token)


def test_every_korean_string_is_in_the_compiled_catalogue():
    catalogue = i18n.translations("ko")
    singular = [m for m in KO if isinstance(m, str)]
    missing = [m for m in singular if catalogue.ugettext(m) != KO[m]]
    assert not missing, missing[:5]
    for one, many in (m for m in KO if isinstance(m, tuple)):  # plural forms
        assert catalogue.ungettext(one, many, 3) != many


def test_labels_for_filters_in_both_languages():
    assert dict(event_types("en"))["sale"] and dict(event_types("ko"))["sale"] != dict(
        event_types("en"))["sale"]
    places = dict(filter_places("ko"))
    assert "kp" in places and "cn-jilin" in places
    assert place_label("cn-jilin-yanbian-yanji", "ko") == "연길"
    assert place_label("zz-unknown", "en", "as told") == "as told"
    assert place_label(None, "en") == "" and place_label("zz", "en") == "zz"
    assert "event_type" in {v.name for v in vocabularies()}
