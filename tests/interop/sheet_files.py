"""Real coding sheets for the interoperability tests, written by the libraries teams use.

openpyxl writes the .xlsx, odfpy the .ods, the csv module the .csv. All content is fictional.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

KOREAN_HEADERS = ["사례번호", "가명", "성별", "출생년도", "고향", "탈북 시기", "착취 유형",
                  "구매자 민족", "매매 가격(위안)", "강제북송", "호구", "실명", "동의", "면담 내용"]

KOREAN_ROWS = [
    ["HN-001", "진달래", "여", 1979, "함경북도 회령", "1998-03", "강제결혼",
     "조선족", 4000, 1, "없음", "김○○", "통계; 인용",
     "1998년 봄에 두만강을 건넜고, 중국에서 조선족 남자에게 팔려 갔다."],
    ["HN-002", "민들레", "여성", 1985, "무산", "2004", "강제결혼; 성매매",
     "한족", "5,000", 0, "가짜", "박○○", "통계",
     "친구의 소개로 일자리를 찾아 나섰다가 한족 마을로 팔려 갔다."],
    ["HN-003", "해바라기", "F", 1990, "혜산", "2010.7", "화상채팅",
     "KC", None, 2, "없음", "이○○", "",
     None],
    ["HN-004", "코스모스", "여", "1982년", "청진", "2001", "식당 일",
     "Korean-Chinese", "3000", "두 번", "취득", "최○○", "통계",
     "식당에서 일하게 해 준다고 했지만 거짓말이었다."],
]


def write_xlsx(path: Path, headers=KOREAN_HEADERS, rows=KOREAN_ROWS, sheet="면담 기록",
               title: str | None = "2019년 면담 코딩표") -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    if title:
        ws.append([title])
    ws.append(headers)
    for r in rows:
        ws.append(r)
    wb.create_sheet("메모").append(["이 시트는 무시"])
    wb.save(path)
    return path


def write_ods(path: Path, headers=KOREAN_HEADERS, rows=KOREAN_ROWS, sheet="면담 기록") -> Path:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name=sheet)
    for r in [headers, *rows]:
        tr = TableRow()
        for value in r:
            if value is None:
                tr.addElement(TableCell())
            elif isinstance(value, (int, float)):
                cell = TableCell(valuetype="float", value=value)
                cell.addElement(P(text=str(value)))
                tr.addElement(cell)
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(value)))
                tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def write_csv(path: Path, headers=KOREAN_HEADERS, rows=KOREAN_ROWS, delimiter=",") -> Path:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter)
    w.writerow(headers)
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path
