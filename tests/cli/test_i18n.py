"""The command line in Korean: catalogues complete for the main commands, chosen by the locale
or --lang, and help that shows plain value names instead of Python type tags."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import typer
from babel.support import Translations
from typer.testing import CliRunner

from casebook.cli.i18n import LOCALE_DIR, help_texts, language_from_args, language_from_env
from casebook.cli.locale.build import messages
from casebook.cli.locale.ko_messages import KO
from casebook.cli.main import app
from casebook.errors import BadArgument

# The commands a newcomer meets first: every help text and message of these must be in Korean.
MAIN_COMMANDS = ("init", "add", "import", "list", "show", "search", "export", "demo", "review",
                 "stats", "report", "audit", "consent")
HANGUL = re.compile(r"[가-힣]")
ENGLISH = {"LANG": "C.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
KOREAN = {**ENGLISH, "LANG": "ko_KR.UTF-8"}


def invoke(args, env):
    return CliRunner().invoke(app, args, env=env)


def main_help_texts() -> list[str]:
    root = typer.main.get_command(app)
    texts = [getattr(owner, attr) for owner, attr in help_texts(root)
             if owner is root or owner in root.params]
    for name in MAIN_COMMANDS:
        texts += [getattr(owner, attr) for owner, attr in help_texts(root.commands[name])]
    return texts


def test_every_help_text_of_the_main_commands_has_korean():
    missing = [t for t in main_help_texts() if not KO.get(t)]
    assert missing == [], ("no Korean in cli/locale/ko_messages.py for these (add it, then run "
                           "python -m casebook.cli.locale.build):\n" + "\n".join(missing))


def test_every_message_of_the_code_has_korean_and_the_compiled_catalogue_is_current():
    ko = Translations.load(str(LOCALE_DIR), ["ko"], domain="messages")
    ids = messages()
    code_ids = [m for m in ids if m not in set(main_help_texts())]
    assert [m for m in code_ids if m in KO and not KO[m]] == []
    stale = [m for m in ids if KO.get(m) and ko.ugettext(m) != KO[m]]
    assert stale == [], "run: python -m casebook.cli.locale.build"
    untranslated = [m for m in ids if not KO.get(m)]
    # help texts of the other commands may lag behind; the messages of the code may not
    assert [m for m in untranslated if m not in _all_help_texts()] == []


def _all_help_texts() -> set[str]:
    return {getattr(o, a) for o, a in help_texts(typer.main.get_command(app))}


def test_placeholders_survive_translation():
    for english, korean in KO.items():
        assert sorted(re.findall(r"\{[^}]*\}", english)) == \
            sorted(re.findall(r"\{[^}]*\}", korean)), english


def test_korean_locale_gives_korean_help():
    out = invoke(["--help"], KOREAN).output
    assert "사용법" in out and "명령" in out and "옵션" in out
    assert "암호화된 새 케이스북" in out  # init's summary
    assert "Show this message" not in out and "Create a new encrypted casebook" not in out


def test_lang_option_wins_over_the_locale():
    assert "암호화된 새 케이스북" in invoke(["--lang", "ko", "--help"], ENGLISH).output
    out = invoke(["--lang", "en", "init", "--help"], KOREAN).output
    assert "Create a new encrypted casebook" in out and not HANGUL.search(out)


def test_an_unknown_lang_is_refused():
    result = invoke(["--lang", "fr", "list"], ENGLISH)
    assert isinstance(result.exception, BadArgument)  # main() prints it as one line, exit 2
    assert "ko or en" in str(result.exception)


@pytest.mark.parametrize("env, first", [
    ({"LANGUAGE": "ko:en", "LANG": "C"}, "ko"), ({"LC_ALL": "ko_KR.UTF-8"}, "ko"),
    ({"LANG": "ko_KR.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"), ({}, "en"),
])
def test_language_from_the_locale_in_gettext_order(env, first):
    assert language_from_env(env) == first


def test_lang_is_read_only_before_the_command():
    assert language_from_args(["--lang", "ko", "list"]) == "ko"
    assert language_from_args(["--lang=en", "list"]) == "en"
    assert language_from_args(["report", "--lang", "ko"]) is None  # the report's own --lang


def test_no_python_type_tags_in_any_help():
    root = typer.main.get_command(app)
    paths = [[]]
    for name, command in root.commands.items():
        paths.append([name])
        paths += [[name, sub] for sub in getattr(command, "commands", {})]
    for path in paths:
        out = invoke([*path, "--help"], ENGLISH).output
        assert not re.search(r"<(?:bool|str|int|float|path|list\[\w+\])>", out), path


def test_the_language_does_not_leak_into_the_next_run():
    invoke(["--lang", "ko", "--help"], ENGLISH)
    assert "Create a new encrypted casebook" in invoke(["--help"], ENGLISH).output
    assert os.environ.get("LANGUAGE") in (None, "") or os.environ.get("LANGUAGE") != "ko"


def test_installed_command_answers_in_korean_under_a_korean_locale():
    env = {**os.environ, **KOREAN}
    done = subprocess.run([sys.executable, "-m", "casebook.cli.main", "--help"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert "사용법" in done.stdout and "증언" in done.stdout


def test_korean_tables_and_messages(tmp_path):
    env = {**KOREAN, "CASEBOOK_DB": str(tmp_path / "k.db"), "CASEBOOK_PASSPHRASE": "a passphrase"}
    created = invoke(["init"], env)
    assert created.exit_code == 0 and "암호화된 케이스북" in created.output
    text = tmp_path / "t.txt"
    text.write_text("구술자: 박선희 (가명) / 2012년 서울 면담\n\n저는 1998년에 강을 건넜어요.\n",
                    encoding="utf-8")
    imported = invoke(["import", str(text), "--consent", "aggregate_statistics"], env)
    assert imported.exit_code == 0 and "증언 1건을 가져왔습니다" in imported.output
    listed = invoke(["list"], env).output
    assert "당사자" in listed and "박선희" in listed
    missing = invoke(["list"], {**KOREAN, "CASEBOOK_DB": ""})
    assert missing.exit_code != 0


def test_the_first_store_errors_are_said_in_korean(tmp_path):
    """Each pattern of KNOWN_ERRORS matches what the store really says (a changed wording fails
    here), and under Korean the one line is Korean."""
    from casebook.cli.i18n import KNOWN_ERRORS, error_text, speaking
    from casebook.errors import CasebookError
    from casebook.store import Casebook

    db = tmp_path / "c.db"
    Casebook.create(str(db), "the right passphrase").close()
    raised: list[str] = []
    for attempt in (lambda: Casebook.open(str(db), "a wrong one"),
                    lambda: Casebook.open(str(tmp_path / "none.db"), "x"),
                    lambda: Casebook.create(str(db), "the right passphrase"),
                    lambda: Casebook.open(str(db), "the right passphrase")
                    .testimonies.get(999, purpose="test")):
        with pytest.raises(CasebookError) as caught:
            attempt()
        raised.append(str(caught.value))
    matched = {i for message in raised for i, (pattern, _t) in enumerate(KNOWN_ERRORS)
               if pattern.fullmatch(message)}
    assert len(matched) == len(raised)
    with speaking("ko"):
        assert all(HANGUL.search(error_text(m)) for m in raised)
        assert error_text("something else entirely") == "something else entirely"
    assert error_text(raised[0]) == raised[0]  # English stays as the store said it
