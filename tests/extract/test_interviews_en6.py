"""First-person interviews, session 6 of issue 11: error classes that recur across interview
sets (form fields, a date and an age told together, cybersex told as "computer chatting").
Fixtures are our own fiction."""

from __future__ import annotations

from casebook.extract import extract, profile


def prof(text: str) -> dict:
    return profile(extract(text, lang="en"))


def test_computer_chatting_is_cybersex_not_a_marriage():
    p = prof("I crossed the Tumen in 2011. A woman from my street sold me to a Chinese man in "
             "Yanji. He made me do computer chatting with men every night.")
    assert p["times_sold"] == 1
    assert p["exploitation"] == ["cybersex"]


def test_a_sale_to_a_man_without_chatting_stays_a_marriage():
    p = prof("I crossed the Tumen in 2011. A woman from my street sold me to a Chinese man in "
             "Yanji. He made me cook every night.")
    assert "forced_marriage" in p["exploitation"]


def test_clients_in_a_chatting_room_are_not_prostitution():
    p = prof("I crossed the Tumen in 2011 and was sold to a boss in Yanji. I was forced to work "
             "in a chatting room, and the clients paid him by the minute.")
    assert p["exploitation"] == ["cybersex"]
