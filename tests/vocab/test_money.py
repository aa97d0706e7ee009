"""Exchange rates are plausible and conversions honest about what they cannot know."""

import pytest

from casebook.errors import InvalidInput
from casebook.vocab import load
from casebook.vocab.money import convert, normalise_currency, rate_table, to_usd


def test_table_covers_1990_to_2025_without_gaps():
    table = rate_table()
    for code in ("RMB", "KRW"):
        assert sorted(table.rates[code]) == list(range(1990, 2026))
    assert "IMF" in table.source


@pytest.mark.parametrize(
    ("year", "low", "high"),
    [
        (1990, 4.6, 4.9),
        (1993, 5.6, 5.9),
        (1994, 8.4, 8.8),
        (1998, 8.27, 8.29),
        (2004, 8.27, 8.28),
        (2008, 6.8, 7.1),
        (2013, 6.0, 6.4),
        (2020, 6.8, 7.0),
        (2024, 7.0, 7.3),
    ],
)
def test_cny_rates_are_realistic(year, low, high):
    assert low <= rate_table().rates["RMB"][year] <= high


def test_cny_peg_years_are_flat_and_later_years_in_band():
    rmb = rate_table().rates["RMB"]
    assert max(rmb[y] for y in range(1997, 2005)) - min(rmb[y] for y in range(1997, 2005)) < 0.02
    assert all(8.2 < rmb[y] < 8.4 for y in range(1995, 2005))
    assert all(6.0 < rmb[y] < 7.3 for y in range(2008, 2026))


def test_krw_rates_are_realistic():
    krw = rate_table().rates["KRW"]
    assert 690 < krw[1990] < 720
    assert 1350 < krw[1998] < 1450  # the Asian financial crisis
    assert krw[1998] == max(krw.values()) or krw[2025] == max(krw.values())
    assert all(900 < krw[y] < 1500 for y in range(1999, 2026))


def test_3000_yuan_in_1998_is_about_362_dollars():
    assert to_usd(3000, "RMB", 1998) == pytest.approx(362, abs=1)
    assert to_usd(3000, "yuan", 1998) == to_usd(3000, "元", 1998) == to_usd(3000, "위안", 1998)


def test_krw_conversion():
    assert to_usd(1_000_000, "KRW", 2015) == pytest.approx(1_000_000 / 1131.16, rel=1e-6)


def test_no_year_or_kpw_gives_none():
    assert to_usd(3000, "RMB", None) is None
    assert convert(3000, "RMB", None) is None
    assert to_usd(500_000, "KPW", 2005) is None
    assert to_usd(500_000, "KPW", None) is None


def test_usd_is_identity():
    assert to_usd(250, "USD", 2003) == 250.0
    assert to_usd(250, "$", None) == 250.0


def test_years_outside_the_table_use_the_nearest_and_say_so():
    before = convert(1000, "RMB", 1985)
    assert before.rate_year == 1990 and before.extrapolated
    assert before.usd == pytest.approx(1000 / rate_table().rates["RMB"][1990])
    after = convert(1000, "RMB", 2031)
    assert after.rate_year == 2025 and after.extrapolated and after.provisional
    inside = convert(1000, "RMB", 2010)
    assert not inside.extrapolated and not inside.provisional and inside.rate_year == 2010


def test_unknown_currency_is_invalid_input():
    with pytest.raises(InvalidInput, match="'doubloons'"):
        to_usd(5, "doubloons", 2000)
    with pytest.raises(InvalidInput, match="'won'"):
        to_usd(5, "won", 2000)  # ambiguous: KRW or KPW


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("yuan", "RMB"),
        ("Yuan", "RMB"),
        ("元", "RMB"),
        ("위안", "RMB"),
        ("¥", "RMB"),
        ("RMB", "RMB"),
        ("CNY", "RMB"),
        ("renminbi", "RMB"),
        ("인민폐", "RMB"),
        ("dollar", "USD"),
        ("dollars", "USD"),
        ("$", "USD"),
        ("US$", "USD"),
        ("달러", "USD"),
        ("딸라", "USD"),
        ("KRW", "KRW"),
        ("South Korean won", "KRW"),
        ("North Korean won", "KPW"),
        ("북한 돈", "KPW"),
        ("KPW", "KPW"),
    ],
)
def test_normalise_currency(text, code):
    assert normalise_currency(text) == code


def test_bare_won_is_left_to_the_caller():
    for word in ("won", "Won", "원"):
        assert normalise_currency(word) is None
        assert normalise_currency(word, won="KPW") == "KPW"
        assert normalise_currency(word, won="KRW") == "KRW"
    assert normalise_currency("yuan", won="KPW") == "RMB"
    with pytest.raises(ValueError):
        normalise_currency("won", won="EUR")


def test_normalise_currency_rejects_non_currencies():
    assert normalise_currency("") is None
    assert normalise_currency(None) is None
    assert normalise_currency("apples") is None


def test_every_currency_code_normalises_to_itself():
    for code in load("currency").codes():
        assert normalise_currency(code) == code
