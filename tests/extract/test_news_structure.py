"""Third-person reports: structure that decides whose event a sentence tells (session 6).

Fictional texts written for these tests; each pins one error class seen in several real
reports (custody before she first left, ...)."""

from casebook.extract import extract, profile


def _p(text: str) -> dict:
    return profile(extract(text, lang="en"))


def test_custody_before_she_left_is_no_arrest_in_china() -> None:
    p = _p("Hana was arrested in 2001 for selling copper. She spent a year in prison. "
           "Soon after her release, Hana went to China. A broker sold her to a farmer.")
    assert p["arrested_in_china"] is None
    assert p["times_sold"] == 1


def test_prison_camp_she_fled_after_is_no_return() -> None:
    p = _p("Mrs. Ryu decided to flee North Korea after she served time in a political "
           "prison camp. Ryu was sold to a farmer in Jilin.")
    assert p["repatriated"] is None
    assert p["nk_detention"] == []


def test_custody_after_a_return_still_counts() -> None:
    p = _p("Mrs. Ryu crossed the Tumen in 2002. She was arrested by Chinese police in 2004 "
           "and sent back. She was held in a labour training camp. Soon after her release "
           "she went to China again.")
    assert p["arrested_in_china"] == 1
    assert p["repatriated"] == 1
    assert p["nk_detention"] == ["labour_training_camp"]
