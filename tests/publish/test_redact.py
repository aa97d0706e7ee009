"""Redaction of quotes fails closed, and only survivors who allow quotation are quoted."""

from __future__ import annotations

import datetime as dt

import pytest

from casebook.errors import InvalidInput
from casebook.model import ACCEPTED, Consent, Event, Evidence, Involvement
from casebook.publish import redact as redact_module
from casebook.publish.dataset import Dataset, PersonRow
from casebook.publish.redact import quote_for, redact, select_quotes

DAY = dt.date(2020, 1, 1)


def test_a_gazetteer_that_fails_stops_the_redaction_instead_of_leaving_towns(monkeypatch):
    def broken():
        raise InvalidInput("vocab/data/gazetteer.toml: not valid TOML")

    monkeypatch.setattr(redact_module, "gazetteer", broken)
    with pytest.raises(InvalidInput, match="gazetteer"):
        redact("I was sold in Yanji and then in Helong.")


@pytest.mark.parametrize("text,gone,kept", [
    ("She left Musan in the spring.", ["Musan"], ["North Hamgyong"]),
    ("I was taken to Helong, then Tumen.", ["Helong", "Tumen"], ["Jilin"]),
    ("We lived in Jilin province for years.", [], ["Jilin"]),
    ("I crossed into China at night.", [], ["China"]),
])
def test_towns_become_their_province_and_provinces_stay(text, gone, kept):
    out = redact(text)
    for word in gone:
        assert word not in out, out
    for word in kept:
        assert word in out, out


def test_korean_towns_names_and_exact_dates():
    out = redact("2003년 5월 14일 연길에서 이순자 씨가 저를 데려갔어요.", ["이순자"], "ko")
    for gone in ("연길", "이순자", "14일", "5월"):
        assert gone not in out, out
    assert "2003" in out and "[이름]" in out and "지역]" in out


def test_honorifics_and_every_part_of_a_name_go():
    out = redact("Mrs. Cho said Kim Young-ja was sold; Young-ja cried.", ["Kim Young-ja"])
    assert "Cho" not in out and "Young-ja" not in out and "Kim" not in out
    assert out.count("[name]") >= 3


def _row(text, scopes, events=(), names=(), lang="en"):
    return PersonRow(person_id=1, consent=Consent.of(list(scopes), on=DAY), events=list(events),
                     text_for_quotes=text, language=lang, names=list(names))


def test_the_quote_is_the_passage_behind_an_accepted_sale_redacted():
    text = ("Interview 3: Ms. Pak (pseudonym)\n\n"
            "I grew up near the river bank. My mother sold fish at the market every day.\n\n"
            "[Q: what happened then?]\n\n"
            "In 1999 the broker Mr. Jang sold me in Yanji to a farmer. "
            "I cried every night for a long time.")
    start = text.index("the broker")
    sale = Event("sale", status=ACCEPTED, evidence=Evidence(start, start + 30),
                 involvements=[Involvement("perpetrator", "broker", "Mr. Jang")])
    quote = quote_for(_row(text, ["anonymous_quotation"], [sale], ["Ms. Pak"]))
    assert quote is not None and quote.startswith("In 1999")
    for gone in ("Jang", "Yanji", "Pak", "Interview 3", "Q:"):
        assert gone not in quote, quote
    assert "[a place in Jilin]" in quote


def test_without_a_sale_the_opening_is_quoted_and_long_passages_are_cut():
    text = "I was born by the sea in a small house. " * 40
    quote = quote_for(_row(text, ["anonymous_quotation"]), max_chars=120)
    assert quote is not None and len(quote) <= 122 and quote.startswith("I was born")
    assert quote_for(_row("", ["anonymous_quotation"])) is None
    assert quote_for(_row(None, ["anonymous_quotation"])) is None


def test_only_survivors_who_allow_quotation_are_quoted():
    both = ["anonymous_quotation", "aggregate_statistics"]
    rows = [_row("I allowed quotes about my life.", both),
            _row("I allowed quotes but not to be counted.", ["anonymous_quotation"]),
            _row("I allowed statistics only.", ["aggregate_statistics"]),
            _row("I allowed quotes once but took it back.", [])]
    withdrawn = Consent.of(["anonymous_quotation"], on=DAY).withdraw("anonymous_quotation", DAY)
    rows[3].consent = withdrawn
    quotes = select_quotes(Dataset(rows, name="t"), limit=5)
    assert [q["text"] for q in quotes] == ["I allowed quotes about my life."]
    many = Dataset([_row(f"Quote number {n} of my whole life.", both)
                    for n in range(9)], name="t")
    assert len(select_quotes(many, limit=3)) == 3


@pytest.mark.parametrize("text,province", [
    ("a village near Musan", "North Hamgyong"), ("회령 근처 마을", "North Hamgyong"),
    ("Sonbong", "Rason"), ("Hyesan", "Ryanggang"), ("somewhere unknown", "other"),
    ("Yanji", "other"),  # a Chinese town is not a North Korean province
])
def test_origin_provinces_come_from_the_gazetteer_alone(text, province):
    from casebook.publish.variables import province_of

    assert province_of(text) == province
