"""A Word file or PDF of many accounts splits into one testimony per account, previewed first."""

from __future__ import annotations

import pytest

from casebook.intake.readers import read_file
from casebook.intake.split import split_accounts

INTRO = ("This report gathers interviews held in 2019 with women who left the North. "
         "Names are pseudonyms and places are coarsened.")
ACCOUNTS = [
    ("Case 1: Ms. Ahn, born 1976, from Musan County",
     ("I crossed the Tumen in the winter of 1998 with a woman from my village. A broker took us "
     "to a house near Yanji and I was sold to a farmer for 4,000 yuan.")),
    ("Case 2: Ms. Seo in Jilin Province, born 1988",
     ("My aunt said there was restaurant work in China. When we arrived a man paid her and locked "
     "me in a room. I escaped after two years.")),
    ("구술자: 한○○ (가명) / 출생: 1981년 / 고향: 함경북도 회령",
     ("2002년 겨울에 두만강을 건넜다. 중국에서 조선족 브로커가 나를 한족 남자에게 팔았고, "
     "그 집에서 3년을 살았다.")),
]


def write_docx(path, accounts=ACCOUNTS, intro=INTRO):
    import docx

    doc = docx.Document()
    doc.add_heading("Interviews, 2019", level=1)
    doc.add_paragraph(intro)
    for header, body in accounts:
        doc.add_paragraph(header)
        for sentence in body.split(". "):
            doc.add_paragraph(sentence)
    doc.save(path)
    return path


def test_a_docx_of_three_accounts_splits_at_their_headers(tmp_path):
    text = read_file(write_docx(tmp_path / "report.docx"))[0].text
    accounts, preamble = split_accounts(text)
    assert [a.header for a in accounts] == [h for h, _ in ACCOUNTS]
    assert [(a.surname, a.birth_year) for a in accounts] == [("Ahn", 1976), ("Seo", 1988),
                                                             ("한", 1981)]
    assert INTRO not in text[accounts[0].start:] and preamble >= len(INTRO)
    for a, (_, body) in zip(accounts, ACCOUNTS):
        assert body.split(". ")[-1] in text[a.start:a.end]


def test_names_and_years_inside_a_story_do_not_start_an_account(tmp_path):
    body = ("Ms. Kim from the next village, born 1970, was sold too. She said nothing to me about "
            "it, and I never saw her again after the police came.")
    accounts = [*ACCOUNTS[:1], ("Case 2: Ms. Seo in Jilin Province, born 1988", body)]
    text = read_file(write_docx(tmp_path / "r.docx", accounts))[0].text
    found, _ = split_accounts(text)
    assert len(found) == 2


@pytest.mark.slow
def test_a_pdf_of_accounts_splits_too(tmp_path):
    from weasyprint import HTML

    html = "<h1>Interviews</h1><p>" + INTRO + "</p>" + "".join(
        f"<p>{h}</p><p>{b}</p>" for h, b in ACCOUNTS)
    pdf = tmp_path / "report.pdf"
    page = f"<html><body style='font-family: Noto Sans CJK KR'>{html}</body></html>"
    HTML(string=page).write_pdf(pdf)
    accounts, _ = split_accounts(read_file(pdf)[0].text)
    assert len(accounts) == 3 and accounts[2].birth_year == 1981


def test_cli_previews_then_stores_only_when_told(tmp_path):
    from cli.test_cli import run

    env = {"CASEBOOK_DB": str(tmp_path / "cb.db"), "CASEBOOK_PASSPHRASE": "first pass"}
    assert run(["init"], env).returncode == 0
    path = write_docx(tmp_path / "report.docx")
    first = run(["import", str(path), "--split", "--no-extract"], env, input="")
    assert first.returncode == 1 and "nothing stored" in first.stderr and "--yes" in first.stderr
    assert "Case 2: Ms. Seo" in first.stdout  # the preview
    assert run(["list", "--json"], env).stdout.strip() == "[]"
    second = run(["import", str(path), "--split", "--yes", "--no-extract",
                  "--consent", "aggregate_statistics"], env)
    assert second.returncode == 0 and "Imported 3 testimonies" in second.stdout
    again = run(["import", str(path), "--split", "--yes", "--no-extract"], env)
    assert "0 testimonies; 3 already present" in again.stdout


@pytest.mark.parametrize("folder", ["real-accounts", "more-accounts"])
def test_real_accounts_joined_into_one_report_split_back_exactly(shared_dir, folder):
    """Real published accounts (read at run time), each under a header of our own, in one
    document: every account is found and no line inside a real story starts a new one."""
    import json

    root = shared_dir / "research" / folder
    if not (root / "gold.jsonl").exists():
        pytest.skip(f"{root} is absent: this evaluation reads real accounts from ../shared")
    parts, expected = ["Introduction to a collection of accounts."], []
    for n, line in enumerate((root / "gold.jsonl").read_text().splitlines(), start=1):
        gold = json.loads(line)
        path = root / "texts" / gold["source"]
        ko, s, y = gold["source"].startswith("ko"), gold.get("surname"), gold.get("birth_year")
        if n % 2 and s:
            born = (f" / 출생: {y}년" if ko else f", born {y}") if y else ""
            header = (f"구술자: {s}○○ (가명){born}" if ko
                      else f"Interviewee: Ms. {s} (pseudonym){born}")
        else:
            header = f"사례 {n}" if ko else f"Case {n}"
        expected.append(header)
        parts.append(header + "\n" + path.read_text(encoding="utf-8").strip())
    accounts, _ = split_accounts("\n".join(parts))
    assert [a.header for a in accounts] == expected
