"""``casebook case …`` refuses a bad option in one line naming the option and the choices, before
it unlocks the casebook when it can, and changes nothing."""

from __future__ import annotations

import pytest

from casebook.errors import BadArgument, NotFound


@pytest.fixture
def case(cli):
    """Ms. Baek (person 1) with an open case; returns the case id."""
    cli.add()
    return cli.json("case", "open", "1", "--stage", "safe_house")["case_id"]


def test_a_risk_needs_its_reason_and_nothing_is_opened(cli):
    cli.add()
    err = cli.locked().error("case", "open", "1", "--risk", "high")
    assert isinstance(err, BadArgument)
    assert str(err) == "--risk-reason: say why the risk is what it is"
    assert cli.json("case", "list") == []


def test_an_unknown_stage_lists_the_stages_and_an_english_or_korean_label_is_understood(cli):
    cli.add()
    err = cli.locked().error("case", "open", "1", "--stage", "on the moon")
    assert str(err) == ("--stage: 'on the moon' is not one of hiding_china, safe_house, "
                        "transit_third_country, arrived, south_korea")
    opened = cli.json("case", "open", "1", "--stage", "In a safe house")
    assert cli.json("case", "show", str(opened["case_id"]))["stage"] == "safe_house"
    cli("case", "update", str(opened["case_id"]), "--stage", "제3국 경유 중")
    assert cli.json("case", "show", str(opened["case_id"]))["stage"] == "transit_third_country"


def test_an_update_that_changes_nothing_says_what_could_change(cli, case):
    before = cli.json("case", "show", str(case))
    err = cli.locked().error("case", "update", str(case))
    assert str(err).startswith("nothing to change: give --status, --stage")
    assert cli.json("case", "show", str(case)) == before


def test_a_referral_answer_must_be_one_of_four_words(cli, case):
    err = cli.locked().error("case", "referral", "1", "maybe")
    assert str(err) == "answer: accept, refuse, complete or cancel"


def test_a_task_needs_words_and_a_real_due_date(cli, case):
    assert str(cli.locked().error("case", "task", str(case), "  ")) == (
        "TEXT: say what is to be done (or use --done TASK_ID)")
    assert str(cli.locked().error("case", "task", str(case), "visit her")) == (
        "--due: a task needs a due date (YYYY-MM-DD)")
    bad_day = cli.locked().error("case", "task", str(case), "visit her", "--due", "2026-13-40")
    assert isinstance(bad_day, BadArgument) and "--due" in str(bad_day)
    assert cli.json("case", "show", str(case))["tasks"] == []


def test_a_task_of_another_case_cannot_be_marked_done_here(cli, case):
    cli.add("A second account, of another woman, who crossed at Hyesan.", "Ms. Cho")
    other = cli.json("case", "open", "2")["case_id"]
    cli("case", "task", str(other), "call the clinic", "--due", "2030-01-15")
    (task,) = cli.json("case", "show", str(other))["tasks"]
    err = cli.error("case", "task", str(case), "--done", str(task["id"]))
    assert str(err) == f"--done: task {task['id']} belongs to case {other}, not {case}"
    assert cli.json("case", "show", str(other))["tasks"][0]["done_on"] is None


def test_case_consent_needs_a_known_action_and_scope(cli, case):
    err = cli.locked().error("case", "consent", str(case), "permit", "share_with:Bridge")
    assert str(err) == "action: grant or withdraw"
    err = cli.locked().error("case", "consent", str(case), "grant", "share_everything")
    assert str(err).endswith("; nothing was changed")


def test_a_service_id_must_name_exactly_one_service(cli, case):
    cli("case", "service", str(case), "medical_care")
    cli("case", "service", str(case), "counselling")
    err = cli.error("case", "service", str(case), "medical_care", "--state", "given",
                    "--id", "zz")
    assert str(err) == f"--id: no single service of case {case} starts with 'zz'"
    states = {s["service"]: s["state"] for s in cli.json("case", "show", str(case))["services"]}
    assert states == {"medical_care": "planned", "counselling": "planned"}


@pytest.mark.parametrize("args", [("--k", "1"), ("--round", "0")])
def test_a_published_dashboard_needs_k_of_two_and_a_positive_rounding(cli, args):
    err = cli.locked().error("case", "dashboard", "--publish", *args)
    assert str(err) == "--k must be at least 2 and --round at least 1"


def test_a_case_that_does_not_exist_is_named(cli):
    err = cli.error("case", "show", "99")
    assert isinstance(err, NotFound) and "99" in str(err)
