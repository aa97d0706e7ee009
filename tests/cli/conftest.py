"""Run commands in-process (Typer's runner) against a fresh casebook in a temporary folder."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casebook.cli.main import app
from casebook.errors import CasebookError

PASSPHRASE = "cli test passphrase"
KO_TEXT = ("저는 1998년 봄에 회령에서 강을 건넜습니다. 연길에서 중개인이 저를 삼천 위안에 "
           "팔았습니다. 2003년에 공안에 잡혀서 북송되었습니다.")
EN_TEXT = ("In February 1999 I crossed the Tumen river near Musan. A broker sold me in Helong "
           "for 4,000 yuan to a farmer. In 2004 the police arrested me and sent me back.")


@dataclass
class Cli:
    env: dict[str, str]
    folder: Path
    runner: CliRunner

    def __call__(self, *args: str, input: str | None = None, ok: bool = True):
        result = self.runner.invoke(app, [str(a) for a in args], env=self.env, input=input)
        if ok:
            assert result.exit_code == 0, (args, result.output, result.exception)
        return result

    def json(self, *args: str, input: str | None = None):
        return json.loads(self(*args, "--json", input=input).stdout)

    def error(self, *args: str, input: str | None = None) -> CasebookError:
        """The CasebookError a command stops with (main() prints it as one line)."""
        result = self.runner.invoke(app, [str(a) for a in args], env=self.env, input=input)
        assert isinstance(result.exception, CasebookError), (args, result.output,
                                                            result.exception)
        assert "\n" not in str(result.exception), "an error is one line"
        return result.exception

    def locked(self) -> Cli:
        """The same casebook with a wrong passphrase: an error it still raises came before the
        casebook was unlocked (options are checked first)."""
        return Cli({**self.env, "CASEBOOK_PASSPHRASE": "not the passphrase"}, self.folder,
                   self.runner)

    def file(self, name: str, text: str) -> Path:
        path = self.folder / name
        path.write_text(text, encoding="utf-8")
        return path

    def add(self, text: str = EN_TEXT, pseudonym: str = "Ms. Baek", *extra: str) -> int:
        path = self.file(f"t{abs(hash((text, pseudonym))) % 10**8}.txt", text)
        out = self.json("add", path, "--pseudonym", pseudonym, "--organisation", "Hanul",
                        "--consent", "aggregate_statistics", *extra)
        return int(out["testimony_id"])


@pytest.fixture
def cli(tmp_path, monkeypatch) -> Cli:
    monkeypatch.chdir(tmp_path)
    env = {"CASEBOOK_DB": str(tmp_path / "cb.db"), "CASEBOOK_PASSPHRASE": PASSPHRASE,
           "CASEBOOK_USER": "tester"}
    runner = CliRunner()
    c = Cli(env, tmp_path, runner)
    c("init")
    return c
