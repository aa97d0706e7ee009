"""A port another server holds is refused at once, in the run's language, before anything is
built or opened (a second `make demo` used to end in a web server's bind error)."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest


@pytest.fixture
def busy_port():
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        yield held.getsockname()[1]


@pytest.mark.parametrize("lang,said", [("en", "is already in use"), ("ko", "이미 사용 중입니다")])
def test_demo_on_a_busy_port_says_what_to_do_and_builds_nothing(tmp_path, busy_port, lang, said):
    out = tmp_path / "demo.db"
    done = subprocess.run([sys.executable, "-m", "casebook.cli.main", "--lang", lang, "demo",
                           "--out", str(out), "--serve", "--port", str(busy_port)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert said in done.stderr and "--port" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert not out.exists()
