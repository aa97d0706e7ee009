"""review, stats, report and user: the commands a reviewer, an analyst and an admin use."""

from __future__ import annotations

import csv
import io
import json

import pytest

from casebook.errors import InvalidInput, NotFound
from tests.cli.conftest import EN_TEXT, KO_TEXT

OTHER_EN = ("In 2001 I left Hyesan with a woman who promised work. She sold me in Yanji for "
            "6,000 yuan to a man. I was arrested in 2006 and sent back to North Korea.")


def _suggested(cli, tid):
    return [i for i in cli.json("review", tid) if i["status"] == "suggested"]


def test_review_json_lists_the_suggested_facts_with_their_words(cli):
    tid = cli.add()
    items = _suggested(cli, tid)
    assert items and all(isinstance(i["id"], int) for i in items)
    assert {i["kind"] for i in items} <= {"event", "person"}
    assert any(i["words"] and i["words"] in EN_TEXT for i in items)


def test_review_accept_and_reject_by_id(cli):
    tid = cli.add()
    items = _suggested(cli, tid)
    assert len(items) >= 2
    keep, drop = items[0]["id"], items[1]["id"]
    result = cli("review", tid, "--accept", keep, "--reject", drop)
    assert "Accepted 1, rejected 1." in result.stdout
    shown = cli.json("show", tid)
    status = {i["id"]: i["status"] for i in shown["facts"] + shown["events"]}
    assert status[keep] == "accepted" and status[drop] == "rejected"
    assert {i["id"] for i in _suggested(cli, tid)} == {i["id"] for i in items[2:]}


def test_review_accept_all(cli):
    tid = cli.add()
    n = len(_suggested(cli, tid))
    assert f"Accepted {n}, rejected 0." in cli("review", tid, "--accept-all").stdout
    assert _suggested(cli, tid) == []
    assert "no facts waiting" in cli("review", tid).stdout


def test_review_a_fact_of_another_testimony_is_refused(cli):
    a = cli.add(EN_TEXT, "Ms. Baek")
    b = cli.add(OTHER_EN, "Ms. Ri")
    other = _suggested(cli, b)[0]["id"]
    err = cli.error("review", a, "--accept", other)
    assert isinstance(err, InvalidInput) and str(other) in str(err) and str(a) in str(err)
    assert {i["id"] for i in _suggested(cli, b)} >= {other}  # nothing changed


def test_review_unknown_testimony(cli):
    assert isinstance(cli.error("review", "77"), NotFound)


def test_review_interactively_accept_edit_reject_skip_quit(cli):
    tid = cli.add()
    items = _suggested(cli, tid)
    events = [i for i in items if i["kind"] == "event"]
    assert len(items) >= 3 and events
    # accept the first, reject the second, skip the third, quit
    result = cli("review", tid, input="a\nr\ns\nq\n")
    assert "Stopped. 1 accepted, 0 edited, 1 rejected." in result.stdout
    shown = cli.json("show", tid)
    status = {i["id"]: i["status"] for i in shown["facts"] + shown["events"]}
    assert status[items[0]["id"]] == "accepted" and status[items[1]["id"]] == "rejected"
    assert status[items[2]["id"]] == "suggested"


def test_review_an_edit_is_accepted_with_the_correction(cli):
    tid = cli.add()
    first = _suggested(cli, tid)[0]
    line = "year=1997 notes=checked" if first["kind"] == "event" else "value=1970"
    cli("review", tid, input=f"e\n{line}\nq\n")
    shown = cli.json("show", tid)
    item = next(i for i in shown["facts"] + shown["events"] if i["id"] == first["id"])
    assert item["status"] == "accepted"
    if first["kind"] == "event":
        assert item["date"]["year"] == 1997 and item["notes"] == "checked"
    else:
        assert item["value"] == 1970


def test_review_a_bad_edit_is_said_and_asked_again(cli):
    tid = cli.add()
    first = _suggested(cli, tid)[0]
    result = cli("review", tid, input="e\nnonsense=1\ns\nq\n")
    assert "unknown key" in result.stdout or "value=" in result.stdout
    assert next(i for i in _suggested(cli, tid) if i["id"] == first["id"])


def _accepted_casebook(cli, n_en: int = 2):
    ids = [cli.add(EN_TEXT, "Ms. Baek"), cli.add(OTHER_EN, "Ms. Ri"), cli.add(KO_TEXT, "Ms. Kim")]
    for tid in ids:
        cli("review", tid, "--accept-all")
    return ids


def test_stats_json_counts_accepted_facts_of_consenting_persons(cli):
    ids = _accepted_casebook(cli)
    tables = json.loads(cli("stats", "pathway", "--format", "json").stdout)
    assert [t["table"] for t in tables] == ["pathway"]
    all_cell = next(c for c in tables[0]["cells"] if c["row"] == "*all" and c["col"] == "*all")
    assert all_cell["count"] == 3
    cli("consent", "withdraw", ids[0], "aggregate_statistics")
    tables = json.loads(cli("stats", "pathway", "--format", "json").stdout)
    all_cell = next(c for c in tables[0]["cells"] if c["row"] == "*all" and c["col"] == "*all")
    assert all_cell["count"] == 2, "a withdrawn consent leaves the statistics"


def test_stats_warns_exact_counts_and_publish_suppresses_small_cells(cli):
    _accepted_casebook(cli)
    exact = cli("stats", "times_sold")
    assert "no disclosure control" in exact.stderr
    published = json.loads(cli("stats", "times_sold", "--publish", "--k", "11",
                               "--format", "json").stdout)
    cells = published[0]["cells"]
    assert any(c["suppressed"] for c in cells)
    assert all(c["count"] is None for c in cells if c["suppressed"])


def test_stats_csv_has_one_row_per_cell(cli):
    _accepted_casebook(cli)
    rows = list(csv.reader(io.StringIO(cli("stats", "pathway", "--format", "csv").stdout)))
    assert rows[0][:4] == ["table", "row", "column", "count"]
    assert {r[0] for r in rows[1:]} == {"pathway"}


def test_stats_errors_are_one_line(cli):
    _accepted_casebook(cli)
    err = cli.error("stats", "pathway", "--format", "xml")
    assert isinstance(err, InvalidInput) and "xml" in str(err)
    err = cli.error("stats", "no_such_table")
    assert isinstance(err, InvalidInput) and "no_such_table" in str(err)


def test_report_writes_html_without_names_or_towns(cli):
    _accepted_casebook(cli)
    out = cli.folder / "report.html"
    cli("report", "--out", out, "--k", "2")
    page = out.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")
    for secret in ("Baek", "Ms. Ri", "Helong", "Hyesan", "Musan", "회령"):
        assert secret not in page, secret


def test_report_in_korean(cli):
    _accepted_casebook(cli)
    out = cli.folder / "보고서.html"
    cli("report", "--out", out, "--lang", "ko", "--quotes", "0", "--k", "2")
    assert "<html lang='ko'>" in out.read_text(encoding="utf-8")


def test_report_refuses_fewer_persons_than_k(cli):
    _accepted_casebook(cli)
    out = cli.folder / "report.html"
    err = cli.error("report", "--out", out)
    assert type(err).__name__ == "DisclosureRisk" and "k=11" in str(err)
    assert not out.exists()


def test_user_add_and_list(cli):
    env = {**cli.env, "NEW_PW": "a long enough password 1"}
    cli.env.update(env)
    added = cli.json("user", "add", "mina", "--organisation", "Hanul", "--role", "reviewer",
                     "--password-env", "NEW_PW", "--display-name", "Mina")
    assert added["username"] == "mina" and added["role"] == "reviewer"
    assert "totp_secret" not in added
    listed = cli.json("user", "list")
    assert [(u["username"], u["organisation"]) for u in listed] == [("mina", "Hanul")]
    assert "a long enough password" not in json.dumps(listed)


@pytest.mark.parametrize("args,word", [
    (["--role", "king"], "role"),
    (["--role", "reviewer", "--password-env", "EMPTY_PW"], "EMPTY_PW"),
    (["--role", "reviewer", "--password-env", "SHORT_PW"], "password"),
])
def test_user_add_errors(cli, args, word):
    cli.env.update({"EMPTY_PW": "", "SHORT_PW": "short", "NEW_PW": "a long enough password 1"})
    if "--password-env" not in args:
        args = [*args, "--password-env", "NEW_PW"]
    err = cli.error("user", "add", "mina", "--organisation", "Hanul", *args)
    assert isinstance(err, InvalidInput) and word in str(err)
    assert cli.json("user", "list") == []


def test_user_add_twice_is_refused(cli):
    cli.env["NEW_PW"] = "a long enough password 1"
    args = ["user", "add", "mina", "--organisation", "Hanul", "--role", "documenter",
            "--password-env", "NEW_PW"]
    cli(*args)
    err = cli.error(*args)
    assert "mina" in str(err)
