"""A denied (planned, feared) fact is shown with its mood and never counted, on every path.

One survivor's reviewed record holds an event of every kind that she says did NOT happen, a
foiled sale and a feared return, beside one sale that did happen. Each path that shows or counts
facts is checked: ``casebook show`` (table and JSON), the testimony, review and person pages,
the API, the export, statistics, the network, the search filter, her route and linkage.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from casebook.model import (
    ACCEPTED,
    Amount,
    Consent,
    Event,
    Evidence,
    Involvement,
    Person,
    Record,
    Testimony,
    UncertainDate,
)

TEXT = ("I was sold in Yanji in 2009 for 8,000 yuan. The police never arrested me. I was never "
        "sent back. Nobody beat me. I have no children. They planned to sell me again but I "
        "ran away. I was afraid they would send me back.")
DENIED_TYPES = ("arrest_china", "repatriation", "violence", "child_birth", "border_crossing",
                "detention_nk", "forced_marriage", "prostitution", "registration")
PLAIN = {"arrest_china": "Arrest in China", "repatriation": "Forced repatriation",
         "violence": "Violence", "child_birth": "Birth of a child",
         "border_crossing": "Border crossing", "detention_nk": "Detention in North Korea",
         "forced_marriage": "Forced marriage", "prostitution": "Forced prostitution",
         "registration": "Registration (hukou or ID)"}


def _record() -> Record:
    def ev(kind, word, **kw):
        start = TEXT.index(word)
        return Event(kind, UncertainDate(2009), evidence=Evidence.of(TEXT, start,
                                                                     start + len(word)),
                     status=ACCEPTED, **kw)

    events = [ev("sale", "sold", place="cn-jilin-yanbian-yanji",
                 amount=Amount(8000, "RMB", 2009),
                 involvements=[Involvement("perpetrator", "buyer", who="a farmer",
                                           group="han_chinese")])]
    for kind in DENIED_TYPES:
        events.append(ev(kind, "never", place="cn-jilin-yanbian-tumen",
                         attributes={"denied": True},
                         involvements=[Involvement("perpetrator", "police", who="the police")]))
    events.append(ev("sale", "planned", place="cn-liaoning", attributes={
        "mood": "planned", "foiled": True}))
    events.append(ev("repatriation", "afraid", attributes={"mood": "feared"}))
    return Record(events=events, language="en")


@pytest.fixture
def world(book):
    """A casebook (both backends) with the survivor's testimony and a reviewer."""
    t = Testimony(TEXT, "en", organisation="Hanul", consent=Consent.of(
        ["aggregate_statistics", "anonymous_quotation", "legal_proceedings"]))
    tid, _ = book.testimonies.add(t, Person("Ms. Han", organisation="Hanul"), _record())
    book.users.add("rev", "correct-horse-77", "Hanul", "reviewer", create_organisation=True)
    return book, tid, t.person_id


def _not_plain(text: str) -> None:
    """No denied kind of event is named by its bare label as a headline (the summary bar names
    stages, each with its count or "not happened (she says)": checked apart; the review form
    offers every event type in a select)."""
    panel = re.search(r'<table class="record".*?</table>', text, re.S)
    if panel:  # the review's record panel: each profile key with its state, checked here
        for key in ("arrested_in_china", "repatriated", "violence", "children_in_china"):
            row = re.search(rf'<tr class="k-(\w+)" data-key="{key}"', panel.group(0))
            assert row is None or row.group(1) != "accepted", (key, row and row.group(0))
    text = re.sub(r'<ol class="stages".*?</ol>|<select.*?</select>|<table class="record".*?'
                  r'</table>', "", text, flags=re.S)
    for kind, label in PLAIN.items():
        found = re.search(rf">\s*{re.escape(label)}\s*<", text)
        assert not found, (kind, text[max(0, found.start() - 300):found.end() + 80])


def test_store_paths_count_only_what_happened(world):
    book, tid, person_id = world
    from casebook.linkage.network import build_graph, victim_events
    from casebook.linkage.records import perpetrator_records, person_records
    from casebook.publish.dataset import dataset_of
    from casebook.store import SearchFilters

    row = dataset_of(book.read_for("statistics")).rows[0]
    assert [e.type for e in row.events] == ["sale"]
    assert row.profile["arrested_in_china"] == 0 and row.profile["repatriated"] == 0
    assert row.profile["times_sold"] == 1 and row.profile["children_in_china"] == 0
    assert row.profile["violence"] == [] and row.profile["exploitation"] == []
    assert row.profile["first_crossing_year"] is None
    graph = build_graph(victim_events(book.read_for("network")))
    assert "place:cn-jilin-yanbian-tumen" not in graph and "place:cn-liaoning" not in graph
    assert not any(d.get("role") == "police" for _, d in graph.nodes(data=True))
    people = person_records(book.read_for("linkage_persons"))[0]
    assert people.places == ("cn-jilin-yanbian-yanji",)
    perpetrators = perpetrator_records(book.read_for("linkage_perpetrators"))
    assert [p.aliases for p in perpetrators] == [("a farmer",)]  # not "the police"
    reviewer = book.as_user(book.users.by_name("rev"))
    for kind in ("arrest_china", "repatriation", "child_birth", "violence"):
        _, rows = reviewer.testimonies.search("", SearchFilters(event_type=kind))
        assert rows == [], kind  # she was not arrested: the filter must not find her
    _, rows = reviewer.testimonies.search("", SearchFilters(event_type="sale"))
    assert [r.id for r in rows] == [tid]


def test_export_carries_the_mood(world):
    book, tid, _ = world
    from casebook.exchange.export import ExportRequest, collect, serialise

    rows = collect(book, ExportRequest(include_text=False))
    events = [f for f in rows[0]["facts_accepted"] if "type" in f]
    moods = {(e["type"], e["mood"]) for e in events}
    assert ("arrest_china", "denied") in moods and ("sale", "planned") in moods
    assert ("repatriation", "feared") in moods and ("sale", "fact") in moods
    assert all(e["happened"] is (e["mood"] == "fact") for e in events)
    assert next(e["reads"] for e in events if e["type"] == "arrest_china").startswith(
        "Never arrested in China (she says)")
    csv = serialise(rows, "csv").decode()
    assert "events_happened,events_not_happened" in csv.splitlines()[0]
    assert ",1,11," in csv.splitlines()[1] + ","


def test_partner_formats_count_only_what_happened(world):
    """HTCDS and Uwazi rows are built from her profile: a denied arrest, a denied crossing and
    a denied forced marriage are not exported as an arrest, a crossing date, an exploitation."""
    book, _, _ = world
    from casebook.exchange.export import ExportRequest
    from casebook.exchange.htcds import export_rows
    from casebook.exchange.uwazi import export_csv

    htcds = export_rows(book, ExportRequest("htcds")).rows
    assert len(htcds) == 1
    assert htcds[0]["vic_TypeOfExploitation"] == "" and htcds[0]["hte_Date"] == ""
    assert htcds[0]["vic_MethodsOfControl"] == ""
    import csv
    import io

    data, n = export_csv(book, ExportRequest("uwazi", include_text=False))
    row = next(csv.DictReader(io.StringIO(data.decode())))
    assert n == 1
    assert row["Arrests in China"] == "0" and row["Repatriations"] == "0"
    assert row["Times sold"] == "1" and row["Children born in China"] == "0"
    assert row["Exploitation__en"] == "" and row["First crossing year"] == ""


def test_a_reviewer_can_retell_an_event_in_another_mood(world):
    """The extractor read "they never caught me" as an arrest: the reviewer says it was denied
    (and back); other attributes stay; the count follows."""
    book, tid, _ = world
    from casebook.corrections import parse_edit
    from casebook.model.mood import mood_of
    from casebook.publish.dataset import dataset_of

    record = book.facts.record(tid, ["accepted"])
    sale = next(e for e in record.events if e.type == "sale" and mood_of(e) == "fact")
    sale.attributes["purpose"] = "marriage"
    book.facts.set_status(sale.id, ACCEPTED, {"attributes": sale.attributes})
    book.facts.set_status(sale.id, ACCEPTED, parse_edit(sale, "mood=denied"))
    retold = next(e for e in book.facts.record(tid, ["accepted"]).events if e.id == sale.id)
    assert mood_of(retold) == "denied" and retold.attributes["purpose"] == "marriage"
    assert dataset_of(book.read_for("statistics")).rows[0].profile["times_sold"] == 0
    book.facts.set_status(sale.id, ACCEPTED, parse_edit(retold, "mood=fact"))
    assert dataset_of(book.read_for("statistics")).rows[0].profile["times_sold"] == 1
    planned = next(e for e in record.events if mood_of(e) == "planned")
    from casebook.errors import InvalidInput

    for bad in ("mood=maybe", "foiled=perhaps", "mood=denied foiled=yes"):
        with pytest.raises(InvalidInput):
            parse_edit(planned, bad)
    assert parse_edit(planned, "mood=feared")["attributes"] == {"mood": "feared",
                                                               "denied": True}


@pytest.fixture
def client(world):
    from fastapi.testclient import TestClient

    from casebook.web import create_app

    book, tid, person_id = world
    with TestClient(create_app(book), base_url="http://testserver") as c:
        page = c.get("/login")
        token = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)
        r = c.post("/login", data={"username": "rev", "password": "correct-horse-77",
                                   "csrftoken": token}, follow_redirects=False)
        assert r.status_code == 303
        yield c, tid, person_id


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_pages_and_api_show_the_denial(client, lang):
    c, tid, person_id = client
    page = c.get("/account").text
    token = re.search(r'name="csrftoken" value="([^"]+)"', page).group(1)
    c.post("/lang", data={"lang": lang, "next": "/", "csrftoken": token})
    never = "Never arrested in China (she says)" if lang == "en" else "중국에서 체포된 적 없음"
    for path in (f"/testimonies/{tid}", f"/persons/{person_id}", f"/review/{tid}"):
        html = c.get(path).text
        assert never in html, path
        _not_plain(html)
    person = c.get(f"/persons/{person_id}").text
    assert ("Planned sale, foiled" if lang == "en" else "매매 계획, 모면") in person
    stages = re.search(r'<ol class="stages".*?</ol>', person, re.S).group(0)
    arrest = re.search(r'<li class="(\w+) t-arrest_china">', stages).group(1)
    assert arrest == "never"  # the summary bar: not "Arrest in China 1"
    sale = re.search(r't-sale"><span>[^<]*</span><b>(\d+)</b>', stages).group(1)
    assert sale == "1"
    route = re.search(r'<ol class="plain stops">.*?</ol>', person, re.S).group(0)
    assert "Tumen" not in route and "투먼" not in route and "도문" not in route
    api = c.get(f"/api/persons/{person_id}").json()
    denied = [s for s in api["timeline"] if s["mood"] != "fact"]
    assert len(denied) == 11 and not any(s["counted"] for s in denied)
    facts = c.get(f"/api/testimonies/{tid}/facts").json()["events"]
    assert {e["mood"] for e in facts} == {"fact", "denied", "planned", "feared"}


def test_casebook_show_never_prints_a_denial_as_the_event(world, location):
    book, tid, _ = world
    env = {**os.environ, "CASEBOOK_DB": location, "CASEBOOK_PASSPHRASE":
           "correct horse battery staple", "COLUMNS": "200"}
    cli = [sys.executable, "-m", "casebook.cli.main"]
    book.close()
    out = subprocess.run([*cli, "show", str(tid), "--no-text"], env=env, capture_output=True,
                         text=True, check=True).stdout
    for kind, label in PLAIN.items():
        for line in out.splitlines():
            cell = line.split("│")[3].strip() if line.count("│") > 4 else ""
            assert not cell.startswith(label), (kind, line)
    assert "Never arrested in China (she says)" in out
    assert "Never sent back to North Korea (she says)" in out
    assert "Planned sale, foiled" in out and "No children (she says)" in out
    data = json.loads(subprocess.run([*cli, "show", str(tid), "--json", "--no-text"], env=env,
                                     capture_output=True, text=True, check=True).stdout)
    assert sum(e["mood"] == "denied" for e in data["events"]) == len(DENIED_TYPES)


def test_the_review_form_retells_an_event(client):
    """The review form offers the mood of each event (the current one selected); saving
    "denied" on the sale that happened takes it out of the counts, in both languages."""
    c, tid, person_id = client
    page = c.get(f"/review/{tid}").text
    forms = re.findall(r'action="/review/facts/(\d+)" class="grid edit-form">(.*?)</form>', page,
                       re.S)
    selected = [re.search(r'<select name="mood">.*?value="(\w+)" selected', f, re.S)
                for _, f in forms if 'name="mood"' in f]
    assert len(selected) == len(DENIED_TYPES) + 3  # every event has the choice
    assert sorted(m.group(1) for m in selected) == sorted(
        ["fact", "foiled", "feared"] + ["denied"] * len(DENIED_TYPES))
    sale_id = next(i for i, f in forms if 'value="fact" selected' in f)
    token = re.search(r'name="csrftoken" value="([^"]+)"', page).group(1)
    r = c.post(f"/review/facts/{sale_id}", data={"csrftoken": token, "action": "edit",
                                                 "mood": "denied", "type": "sale"},
               follow_redirects=False)
    assert r.status_code == 303, r.text
    bar = re.search(r'<ol class="stages".*?</ol>', c.get(f"/persons/{person_id}").text,
                    re.S).group(0)
    assert not re.search(r't-sale"><span>[^<]*</span><b>\d+</b>', bar)  # no sale counted
    r = c.post(f"/review/facts/{sale_id}", data={"csrftoken": token, "action": "edit",
                                                 "mood": "sometimes"}, follow_redirects=False)
    assert r.status_code == 400 and "mood" in r.text
    c.post("/lang", data={"lang": "ko", "next": "/", "csrftoken": token})
    ko = c.get(f"/review/{tid}").text
    assert "진술 방식" in ko and ">없었음 (본인 진술)</option>" in ko
