"""The interoperability docs are generated from, or checked against, the data they describe."""

from pathlib import Path

from casebook.exchange.docs import render
from casebook.exchange.uwazi import template_markdown

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_htcds_field_map_is_current():
    assert (DOCS / "htcds-field-map.md").read_text(encoding="utf-8") == render(), (
        "docs/htcds-field-map.md is out of date: "
        "run .venv/bin/python -m casebook.exchange.docs --write docs/htcds-field-map.md")


def test_interoperability_doc_shows_the_current_uwazi_template_and_every_option():
    text = (DOCS / "interoperability.md").read_text(encoding="utf-8")
    assert template_markdown() in text
    for option in ("--plan", "--map", "--split", "--yes", "--format uwazi", "--format htcds",
                   "--for", "uwazi-template", "--header-row"):
        assert option in text, option
