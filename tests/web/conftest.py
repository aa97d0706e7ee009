"""Fixtures of the web tests: a casebook with two organisations, one user per role in each,
testimonies that are own, shared by consent, and restricted; logged-in ASGI test clients."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from casebook.model import (
    ACCEPTED,
    Amount,
    Consent,
    Event,
    Evidence,
    Fact,
    Person,
    Record,
    Testimony,
    UncertainDate,
)
from casebook.model.consent import share_scope

ORG_A, ORG_B = "Hanul Documentation Centre", "Bridge of Light"
PASSWORD = "correct-horse-77"
ROLES = ("documenter", "reviewer", "analyst", "admin")

KO_TEXT = ("저는 1998년 봄에 무산에서 두만강을 건넜습니다. 연길에서 브로커가 저를 농촌 남자에게 "
           "팔았는데 값은 3000위안이었습니다. 2002년에 중국 공안에 잡혀 북송되었습니다.")
EN_TEXT = ("In the spring of 1999 I crossed the Tumen river near Hoeryong. A broker in Yanji "
           "sold me to a farmer for 5,000 yuan. Police arrested me in 2003.")


def quiet_record(text: str, status: str = ACCEPTED, year: int = 1998) -> Record:
    """A small reviewed record whose evidence points into ``text``."""
    n = min(len(text), 20)
    return Record(
        facts=[Fact("birth_year", 1980, Evidence.of(text, 0, n), status=status)],
        events=[Event("border_crossing", date=UncertainDate(year=year), place="river-tumen",
                      place_text="Tumen", evidence=Evidence.of(text, 0, n), status=status),
                Event("sale", date=UncertainDate(year=year), place="cn-jilin-yanbian-yanji",
                      amount=Amount(3000, "CNY", year), evidence=Evidence.of(text, 0, n),
                      status=status)])


def add(book, text: str, org: str, pseudonym: str, *, consent=(), record=None,
        language: str = "ko") -> tuple[int, int]:
    t = Testimony(text=text, language=language, organisation=org,
                  consent=Consent.of(list(consent)))
    tid, _ = book.testimonies.add(t, Person(pseudonym=pseudonym, organisation=org), record)
    return tid, t.person_id


class World:
    """What the fixture built: ids to aim requests at."""

    def __init__(self, book):

        self.book = book
        users = book.users
        self.users = {}
        for org, tag in ((ORG_A, "a"), (ORG_B, "b")):
            for role in ROLES:
                self.users[(role, tag)] = users.add(f"{role}-{tag}", PASSWORD, org, role,
                                                    create_organisation=True)
        self.users[("analyst+", "a")] = users.add("analyst-plus-a", PASSWORD, ORG_A, "analyst",
                                                  can_read_narratives=True)
        self.own, self.own_person = add(book, KO_TEXT, ORG_A, "김순희",
                                        consent=["aggregate_statistics"],
                                        record=quiet_record(KO_TEXT, "suggested"))
        self.other, self.other_person = add(book, EN_TEXT, ORG_B, "Ms. Ri", language="en",
                                            record=quiet_record(EN_TEXT, "suggested"))
        self.shared, self.shared_person = add(
            book, EN_TEXT + " Shared.", ORG_B, "Ms. Choe", language="en",
            consent=[share_scope(ORG_A)], record=quiet_record(EN_TEXT + " Shared."))
        self.restricted, self.restricted_person = add(
            book, KO_TEXT + " 비공개.", ORG_A, "박영옥", record=quiet_record(KO_TEXT + " 비공개."))
        users.restrict(self.restricted, [self.users[("reviewer", "a")].id])
        self.own_fact = book.facts.record(self.own).events[0].id
        self.other_fact = book.facts.record(self.other).events[0].id


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrftoken" value="([^"]+)"', html)
    assert m, "page has no CSRF token"
    return m.group(1)


def login(client, username: str, password: str = PASSWORD, code: str | None = None):
    page = client.get("/login")
    data = {"username": username, "password": password, "csrftoken": csrf_of(page.text)}
    if code:
        data["code"] = code
    return client.post("/login", data=data, follow_redirects=False)


@pytest.fixture
def world(sqlite_book):
    return World(sqlite_book)


@pytest.fixture
def app(world):
    from casebook.web import create_app

    return create_app(world.book)


@pytest.fixture
def client_as(app):
    """``client_as("reviewer-a")``: a TestClient logged in as that user."""
    from fastapi.testclient import TestClient

    clients = []

    def make(username: str | None):
        c = TestClient(app, base_url="http://testserver")
        clients.append(c)
        if username:
            r = login(c, username)
            assert r.status_code == 303, r.text
        return c

    yield make
    for c in clients:
        c.close()


def token(client) -> str:
    """The CSRF token of a logged-in client (from any page with a form)."""
    return csrf_of(client.get("/account").text)


@pytest.fixture
def h():
    """Helpers for test modules (``--import-mode=importlib`` cannot import conftest)."""
    import types

    return types.SimpleNamespace(KO_TEXT=KO_TEXT, EN_TEXT=EN_TEXT, PASSWORD=PASSWORD,
                                 ORG_A=ORG_A, ORG_B=ORG_B, csrf_of=csrf_of, login=login,
                                 token=token, add=add, quiet_record=quiet_record)


# -- the browser tests: Debian's Chromium driven by Playwright against `casebook serve` ---------
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@contextlib.contextmanager
def serving(env: dict[str, str], tries: int = 150) -> Iterator[str]:
    """``casebook serve`` on a free loopback port over the casebook ``env`` names (its
    CASEBOOK_DB and passphrase); yields the URL once /login answers, stops the server after."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "casebook.cli.main", "serve", "--port",
                               str(port)], env={**os.environ, **env}, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(tries):
            try:
                urllib.request.urlopen(url + "/login", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError(server.stdout.read().decode()) from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def serve():
    """``with serve(env) as url:`` (see :func:`serving`), for every browser test's set-up."""
    return serving
