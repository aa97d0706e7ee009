"""Splitting one document into accounts: where each starts, what its header says, and what is
left out (a report's introduction), in English and Korean."""

from __future__ import annotations

from casebook.intake.split import MIN_ACCOUNT_CHARS, is_header, split_accounts

BODY_EN = ("She said she was taken across the river by a man her neighbour knew, and that she "
           "was sold twice before she could leave the farm.")
BODY_KO = ("그녀는 이웃이 아는 남자를 따라 강을 건넜고, 농가를 떠날 수 있기 전까지 두 번 팔렸다고 "
           "말했다. 그 뒤 몇 년을 숨어 지냈고, 아이를 두고 떠나야 했던 일을 가장 힘들었던 기억으로 "
           "꼽았다. 지금은 남쪽에서 지낸다.")


def test_numbered_case_lines_open_accounts_in_both_languages():
    assert is_header("Case 7: Ms. Han", "")
    assert is_header("(Testimony No. 12)", "")
    assert is_header("사례 3", "")
    assert is_header("증언 번호 4", "")
    assert not is_header("In case 7 people came, we hid.", "")
    assert not is_header("Case" + " x" * 200, "")  # no number: not a case line


def test_a_very_long_line_is_never_a_header():
    assert not is_header("Case 1 " + "word " * 80, "")


def test_three_accounts_with_an_introduction_left_out():
    intro = "This report collects accounts gathered over two years by our field team.\n\n"
    text = (intro + "Case 1: Ms. Ryu, born 1976\n" + BODY_EN + "\n\nCase 2: Ms. Song\n" + BODY_EN
            + "\n\n사례 3\n" + BODY_KO + "\n")
    accounts, preamble = split_accounts(text)
    assert preamble == len(intro)
    assert [a.header for a in accounts] == ["Case 1: Ms. Ryu, born 1976", "Case 2: Ms. Song",
                                            "사례 3"]
    assert accounts[0].birth_year == 1976
    for a, b in zip(accounts, accounts[1:]):
        assert a.end <= b.start  # no account overlaps the next
    assert text[accounts[2].start:accounts[2].end].rstrip().endswith("지낸다.")
    # every account's text starts at its header
    for a in accounts:
        assert text[a.start:].startswith(a.header)


def test_a_stray_header_too_short_to_be_an_account_joins_the_previous_one():
    text = "Case 1: Ms. Ryu\n" + BODY_EN + "\n\nCase 2\n\nCase 3: Ms. Song\n" + BODY_EN + "\n"
    accounts, _ = split_accounts(text)
    assert len("Case 2") < MIN_ACCOUNT_CHARS
    assert [a.header for a in accounts] == ["Case 1: Ms. Ryu", "Case 3: Ms. Song"]
    # the stray header's words are not lost: they lie inside the first account
    first = text[accounts[0].start:accounts[0].end]
    assert "Case 2" in first


def test_a_document_without_headers_has_no_accounts_and_all_of_it_is_preamble():
    text = BODY_EN + "\n\n" + BODY_EN
    accounts, preamble = split_accounts(text)
    assert accounts == [] and preamble == len(text)


def test_headers_are_cut_to_120_characters():
    long_header = "Case 9: " + "Ms. Jo who " * 15
    accounts, _ = split_accounts(long_header + "\n" + BODY_EN)
    assert len(accounts) == 1 and len(accounts[0].header) == 120
