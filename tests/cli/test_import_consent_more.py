"""The CLI on coding sheets and consent, in-process against a real SQLCipher casebook: bad
input is one line naming the file, row or field and never the testimony's words."""

from __future__ import annotations

import pytest

from casebook.errors import BadArgument

STORY_ONE = "She told us the broker took her across the river at night in early spring."
STORY_TWO = "그녀는 중개인이 봄밤에 강을 건너게 했다고 말했다. 그 후 농촌 마을에 팔렸다."

MAPPING = """format = "sheet"
[columns.story]
to = "text"
[columns.born]
to = "birth_year"
[columns.consent]
to = "consent"
[columns."real name"]
to = "drop"
"""


def sheet(cli, rows: list[tuple[str, str, str, str]], name: str = "coding.csv"):
    lines = ["story,born,consent,real name"] + [",".join(f'"{c}"' for c in r) for r in rows]
    return cli.file(name, "\n".join(lines) + "\n")


def test_a_coding_sheet_imports_with_its_mapping_and_reports_each_row(cli):
    path = sheet(cli, [(STORY_ONE, "1979", "aggregate_statistics", "Real Person One"),
                       (STORY_TWO, "sometime", "", "Real Person Two")])
    mapping = cli.file("coding.mapping.toml", MAPPING)
    [summary] = cli.json("import", path, "--map", mapping, "--no-extract")
    assert summary["rows"] == 2 and len(summary["added"]) == 2
    assert summary["dropped_columns"] == ["real name"]
    assert summary["rows_without_consent"] == [3]
    [miss] = summary["unmapped"]
    assert miss["where"] == "coding.csv, row 3, column B (born)" and miss["value"] == "sometime"
    # the dropped column is stored nowhere: not in the text of either testimony
    for tid in summary["added"]:
        shown = cli.json("show", tid, "--text")
        assert "Real Person" not in str(shown)
    listed = cli.json("list")
    assert len(listed) == 2


def test_importing_the_same_sheet_twice_adds_nothing(cli):
    path = sheet(cli, [(STORY_ONE, "1979", "aggregate_statistics", "x")])
    mapping = cli.file("coding.mapping.toml", MAPPING)
    cli.json("import", path, "--map", mapping, "--no-extract")
    [again] = cli.json("import", path, "--map", mapping, "--no-extract")
    assert again["added"] == [] and again["duplicate_rows"] == [2]
    assert len(cli.json("list")) == 1


def test_a_mapping_for_another_sheet_stores_nothing_and_names_the_columns(cli):
    path = sheet(cli, [(STORY_ONE, "1979", "aggregate_statistics", "x")])
    mapping = cli.file("other.mapping.toml", '[columns."출생년도"]\nto = "birth_year"\n')
    error = cli.error("import", path, "--map", mapping, "--no-extract")
    assert "coding.csv" in str(error) and "출생년도" in str(error)
    assert STORY_ONE[:20] not in str(error)
    assert cli.json("list") == []


def test_a_bad_mapping_file_is_one_line_naming_it(cli):
    path = sheet(cli, [(STORY_ONE, "1979", "", "x")])
    mapping = cli.file("broken.mapping.toml", '[columns.story]\nto = "novel"\n')
    error = cli.error("import", path, "--map", mapping)
    assert "broken.mapping.toml" in str(error) and "unknown target 'novel'" in str(error)
    assert cli.json("list") == []


def test_a_bad_consent_cell_in_metadata_names_the_row_not_the_story(cli):
    path = sheet(cli, [(STORY_ONE, "1979", "aggregate_statistics", "x"),
                       (STORY_TWO, "1980", "tell_the_newspapers", "y")])
    mapping = cli.file("coding.mapping.toml", MAPPING)
    [summary] = cli.json("import", path, "--map", mapping, "--no-extract")
    reasons = [u for u in summary["unmapped"] if u["where"].startswith("coding.csv, row 3")]
    assert reasons and "not a consent scope" in reasons[0]["reason"]
    assert summary["rows_without_consent"] == [3]  # the unknown scope grants nothing


def test_a_bad_consent_option_stops_before_any_file_is_read(cli):
    path = sheet(cli, [(STORY_ONE, "1979", "", "x")])
    mapping = cli.file("coding.mapping.toml", MAPPING)
    error = cli.error("import", path, "--map", mapping, "--consent", "everything")
    assert "--consent" in str(error)
    assert cli.json("list") == []


def test_consent_given_on_the_command_line_fills_rows_that_say_nothing(cli):
    path = sheet(cli, [(STORY_ONE, "1979", "", "x")])
    mapping = cli.file("coding.mapping.toml", MAPPING)
    [summary] = cli.json("import", path, "--map", mapping, "--no-extract",
                         "--consent", "anonymous_quotation")
    assert summary["rows_without_consent"] == []
    [tid] = summary["added"]
    assert active(cli, tid) == {"anonymous_quotation"}


def active(cli, tid: int) -> set[str]:
    return {g["scope"] for g in cli.json("show", tid)["consent"] if not g["withdrawn_on"]}


def test_withdraw_then_grant_changes_what_show_reports_and_keeps_history(cli):
    tid = cli.add()
    assert active(cli, tid) == {"aggregate_statistics"}
    out = cli("consent", "withdraw", tid, "aggregate_statistics").stdout
    assert f"testimony {tid}" in out
    assert active(cli, tid) == set()
    history = cli.json("show", tid)["consent"]
    assert [g["scope"] for g in history] == ["aggregate_statistics"]  # the grant is kept
    assert history[0]["withdrawn_on"]
    cli("consent", "grant", tid, "share_with:Bridge")
    assert active(cli, tid) == {"share_with:Bridge"}


@pytest.mark.parametrize("scope", ["everything", "share_with:", "statistics please"])
def test_an_unknown_scope_changes_nothing(cli, scope):
    tid = cli.add()
    before = cli.json("show", tid)["consent"]
    error = cli.error("consent", "grant", tid, scope)
    assert isinstance(error, BadArgument)  # main() turns it into exit 2
    assert "nothing was changed" in str(error) and repr(scope) in str(error)
    assert cli.json("show", tid)["consent"] == before


def test_withdrawing_from_a_testimony_that_does_not_exist_is_one_line(cli):
    error = cli.error("consent", "withdraw", 999, "aggregate_statistics")
    assert "999" in str(error)
