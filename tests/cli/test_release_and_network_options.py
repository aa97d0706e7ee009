"""Release options that would publish a single person or nonsense are refused in one line naming
the option (``stats``, ``network``), before anything is read or written; a small k is allowed
with a warning; a damaged events file is named and leaves no output behind."""

from __future__ import annotations

import json
import math

import pytest

from casebook.cli.publish import RECOMMENDED_K, check_release
from casebook.errors import BadArgument, InvalidInput


@pytest.mark.parametrize(("k", "rounding", "epsilon", "says"), [
    (1, None, None, "--k 1: must be at least 2 (k = 1 publishes single persons); "
                    "11 is recommended"),
    (0, None, None, "--k 0: must be at least 2"),
    (11, 0, None, "--round 0: must be a positive base (e.g. 5)"),
    (11, -5, None, "--round -5: must be a positive base"),
    (11, None, 0.0, "--epsilon 0.0: must be above 0 and at most 10"),
    (11, None, -1.0, "--epsilon -1.0: must be above 0"),
    (11, None, 10.5, "--epsilon 10.5: must be above 0 and at most 10"),
    (11, None, math.inf, "--epsilon inf: must be above 0"),
    (11, None, math.nan, "--epsilon nan: must be above 0"),
])
def test_a_release_that_would_point_at_someone_is_refused(k, rounding, epsilon, says):
    with pytest.raises(BadArgument) as caught:
        check_release(k, rounding, epsilon)
    assert str(caught.value).startswith(says)


def test_a_small_k_is_allowed_with_a_warning_and_the_recommended_one_without(capsys):
    check_release(5, 5, 1.0)
    assert f"--k 5 is below the recommended {RECOMMENDED_K}" in capsys.readouterr().err
    check_release(RECOMMENDED_K, None, 10.0)
    assert capsys.readouterr().err == ""


def test_stats_refuses_a_bad_k_and_an_unknown_language_before_unlocking(cli):
    err = cli.locked().error("stats", "--publish", "--k", "1")
    assert isinstance(err, BadArgument) and str(err).startswith("--k 1: must be at least 2")
    err = cli.locked().error("stats", "--lang", "fr")
    assert isinstance(err, InvalidInput) and str(err) == "--lang fr: use en or ko"


def test_stats_names_an_unknown_format(cli):
    cli.add()
    err = cli.error("stats", "--format", "xml")
    assert str(err) == "--format xml: use table, csv or json"


@pytest.mark.parametrize(("args", "says"), [
    (("--format", "dot"), "--format 'dot': choose json or graphml"),
    (("--k", "1"), "--k 1: must be at least 2 (a place told by one woman points at her)"),
])
def test_network_refuses_a_bad_format_or_k_and_writes_nothing(cli, args, says):
    out = cli.folder / "graph.json"
    err = cli.locked().error("network", "--out", str(out), "--plaintext", *args)
    assert isinstance(err, BadArgument) and str(err) == says
    assert not out.exists()


def test_network_names_a_damaged_events_file_and_leaves_no_output(cli):
    out = cli.folder / "graph.json"
    for name, body in (("broken.json", "{not json"), ("wrong.json", json.dumps({"events": [1]}))):
        path = cli.file(name, body)
        err = cli.error("network", "--out", str(out), "--plaintext", "--events-json", str(path))
        assert isinstance(err, InvalidInput) and str(err) == f"{path}: not an events file"
        assert not out.exists()


def test_network_will_not_replace_a_file_without_force(cli):
    out = cli.file("graph.json", "someone's graph")
    events = cli.file("events.json", json.dumps({"events": []}))
    cli.error("network", "--out", str(out), "--plaintext", "--events-json", str(events))
    assert out.read_text(encoding="utf-8") == "someone's graph"
    cli("network", "--out", str(out), "--plaintext", "--events-json", str(events), "--force")
    assert json.loads(out.read_text(encoding="utf-8")) is not None
