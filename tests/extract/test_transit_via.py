"""A transit sentence naming several places keeps the further ones as ``via``, in order, so the
route map draws every stop (our own fictional sentences)."""

from __future__ import annotations

import pytest

from casebook.extract.places import transit_via
from casebook.intake.pipeline import default_extractor


@pytest.mark.parametrize("text,place,via", [
    ("We took the night bus to Kunming, then walked through Laos to Thailand.",
     "cn-yunnan-kunming", ["la", "th"]),
    ("쿤밍까지 버스를 타고 가서 라오스를 지나 태국으로 넘어갔어요.", "cn-yunnan-kunming",
     ["la", "th"]),
    ("From Inner Mongolia we crossed into Mongolia on foot.", "cn-inner-mongolia", ["mn"]),
    ("We reached Kunming and stayed there.", "cn-yunnan-kunming", []),
    ("Then I flew from Bangkok to South Korea.", None, ["th-bangkok"]),
])
def test_further_places_in_order(text, place, via):
    found = transit_via(text, place)
    assert found[:len(via)] == via or found == via
    assert "kr" not in found and "kp" not in found and place not in found


def test_the_extractor_puts_via_on_the_transit_event():
    text = ("In 2009 I left the farm. We took the night bus to Kunming, then walked through "
            "Laos to Thailand. In 2010 I arrived in Seoul.")
    record = default_extractor()(text, "en")
    transits = [e for e in record.events if e.type == "transit"]
    assert transits, [e.type for e in record.events]
    assert transits[0].attributes.get("via", [])[:2] in (["la", "th"], ["th"])
