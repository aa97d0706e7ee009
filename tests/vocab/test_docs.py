"""docs/vocabularies.md is generated from the data and must not drift from it."""

from pathlib import Path

from casebook.vocab import gazetteer, load, names
from casebook.vocab.docs import main, render

DOC = Path(__file__).resolve().parents[2] / "docs" / "vocabularies.md"


def test_docs_match_the_data():
    assert DOC.exists(), "run: python -m casebook.vocab.docs --write docs/vocabularies.md"
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/vocabularies.md is out of date: "
        "run python -m casebook.vocab.docs --write docs/vocabularies.md"
    )


def test_render_mentions_every_code_place_and_version():
    text = render()
    for name in names():
        vocab = load(name)
        assert f"### `{name}` (version {vocab.version})" in text
        for term in vocab:
            assert f"| `{term.code}` | {term.en} | {term.ko} |" in text
    for place in gazetteer():
        assert f"| `{place.id}` |" in text
    assert "| 1998 | 8.2800 | fixed | — | none |" in text
    assert "| 2010 | 6.7678 | ecb | 1,156.6765 | ecb |" in text


def test_check_mode_reports_a_stale_file(tmp_path, capsys):
    stale = tmp_path / "vocabularies.md"
    stale.write_text("old\n", encoding="utf-8")
    assert main(["--check", str(stale)]) == 1
    assert "out of date" in capsys.readouterr().out
    assert main(["--write", str(stale)]) == 0
    assert main(["--check", str(stale)]) == 0
