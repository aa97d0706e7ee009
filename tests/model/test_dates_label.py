"""The one date label (casebook.model.dates.date_label), English and Korean, as precise as told."""

import pytest

from casebook.model import UncertainDate
from casebook.model.dates import date_label
from casebook.web.i18n import date_label as web_date_label


@pytest.mark.parametrize("date,en,ko", [
    (None, "date unknown", "날짜 미상"),
    (UncertainDate(), "date unknown", "날짜 미상"),
    (UncertainDate(year=1998), "1998", "1998년"),
    (UncertainDate(year=1998, approximate=True), "about 1998", "1998년경"),
    (UncertainDate(year=1998, month=3), "March 1998", "1998년 3월"),
    (UncertainDate(year=1998, month=3, day=7), "7 March 1998", "1998년 3월 7일"),
    (UncertainDate(year=1998, season="winter"), "winter 1998", "1998년 겨울"),
    (UncertainDate(year=1998, end_year=2000), "1998–2000", "1998–2000년"),
])
def test_label_in_both_languages(date, en, ko):
    assert date_label(date, "en") == en
    assert date_label(date, "ko") == ko
    if date is not None:
        assert date.label() == en and date.label("ko") == ko


def test_the_web_uses_the_same_label_in_the_interface_language():
    date = UncertainDate(year=2003, month=11)
    assert web_date_label(date, "ko") == "2003년 11월"
    assert web_date_label(date, "en") == "November 2003"
    assert web_date_label(None, "en") == "date unknown"


@pytest.mark.parametrize("text", ["2019-04-12", "2019-04", "2019", "spring 2019", "about 2019",
                                  "2018-2019"])
def test_a_form_gets_back_the_text_it_can_read(text):
    """An edit form shows date_text, never the reading label ("April 2019" would not parse)."""
    from casebook.model.date_text import parse_date_text
    from casebook.model.dates import date_text

    date = parse_date_text(text)
    assert date_text(date) == text
    assert parse_date_text(date.as_text()) == date
