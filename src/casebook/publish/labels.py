"""Words of the statistics and the report in English and Korean.

Category codes that belong to a shared vocabulary (recruitment, exploitation, detention, hukou)
take their labels from ``casebook.vocab``; bands and titles invented here are labelled here.
"""

from __future__ import annotations

from casebook.publish.tables import ALL, NOT_STATED, STATED
from casebook.vocab import load

VOCAB_OF = {"pathway": "recruitment", "exploitation": "exploitation", "detention": "nk_detention",
            "hukou": "hukou"}

TITLES = {
    "pathway": ("Pathway into trafficking", "인신매매 경로"),
    "exploitation": ("Main form of exploitation", "주된 착취 형태"),
    "times_sold": ("Number of times sold", "팔린 횟수"),
    "price_rmb": ("Price paid at first sale (RMB)", "첫 매매 가격 (위안)"),
    "price_usd": ("Price paid at first sale (USD of that year)", "첫 매매 가격 (당해 연도 미화)"),
    "age_first_sale": ("Age when first sold", "처음 팔렸을 때 나이"),
    "origin_province": ("Province of origin in North Korea", "북한 출신 도"),
    "province_china": ("Province of residence in China", "중국 거주 성"),
    "years_in_china": ("Years spent in China", "중국 체류 기간"),
    "children_in_china": ("Children born in China", "중국에서 낳은 자녀 수"),
    "child_registration": ("Registration of children born in China", "중국 출생 자녀의 호구 등록"),
    "hukou": ("Her own registration (hukou) in China", "본인의 중국 호구"),
    "arrests": ("Arrests by Chinese police", "중국 공안 체포 횟수"),
    "repatriations": ("Forced repatriations to North Korea", "강제북송 횟수"),
    "detention": ("Most severe detention after repatriation", "북송 후 가장 무거운 구금 시설"),
    "crossing_to_sale": ("Time from crossing to first sale", "도강에서 첫 매매까지 걸린 기간"),
    "organisation": ("Organisation", "기관"),
}

BANDS = {
    "le_2000": ("2,000 or less", "2,000 이하"), "2001_5000": ("2,001–5,000", "2,001–5,000"),
    "5001_8000": ("5,001–8,000", "5,001–8,000"), "gt_8000": ("more than 8,000", "8,000 초과"),
    "other_currency": ("paid in another currency", "다른 통화로 지불"),
    "lt_250": ("under $250", "250달러 미만"), "250_499": ("$250–499", "250–499달러"),
    "500_999": ("$500–999", "500–999달러"), "1000_1999": ("$1,000–1,999", "1,000–1,999달러"),
    "ge_2000": ("$2,000 or more", "2,000달러 이상"),
    "under_20": ("under 20", "20세 미만"), "20_29": ("20–29", "20–29세"),
    "30_39": ("30–39", "30–39세"), "40_plus": ("40 or older", "40세 이상"),
    "lt_1": ("less than 1 year", "1년 미만"), "1_2": ("1–2 years", "1–2년"),
    "3_5": ("3–5 years", "3–5년"), "6_10": ("6–10 years", "6–10년"),
    "gt_10": ("more than 10 years", "10년 초과"),
    "0": ("none", "없음"), "1": ("once / one", "1"), "2": ("twice / two", "2"),
    "3": ("three times", "3"), "3_plus": ("three or more", "3 이상"),
    "4_plus": ("more than three times", "4회 이상"),
    "lt_1_month": ("less than a month", "1개월 미만"), "1_11_months": ("1–11 months", "1–11개월"),
    "1_2_years": ("1–2 years", "1–2년"), "3_plus_years": ("3 years or more", "3년 이상"),
    "all_registered": ("all registered", "모두 등록"),
    "some_registered": ("some registered", "일부 등록"),
    "none_registered": ("none registered", "등록 안 됨"),
    "no_children": ("no children born in China", "중국 출생 자녀 없음"),
    "other": ("other", "기타"), "none": ("none", "없음"), "fake": ("false papers", "위조"),
    "obtained": ("obtained", "취득"),
    NOT_STATED: ("not stated", "언급 없음"), STATED: ("stated (n)", "응답 (n)"),
    ALL: ("all persons", "전체"),
}

NK_KO = {"North Hamgyong": "함경북도", "South Hamgyong": "함경남도", "Ryanggang": "양강도",
         "Chagang": "자강도", "North Pyongan": "평안북도", "South Pyongan": "평안남도",
         "North Hwanghae": "황해북도", "South Hwanghae": "황해남도", "Kangwon": "강원도",
         "Pyongyang": "평양", "Rason": "라선", "Nampo": "남포", "Jilin": "지린성",
         "Heilongjiang": "헤이룽장성", "Liaoning": "랴오닝성", "Shandong": "산둥성",
         "Inner Mongolia": "내몽골", "Hebei": "허베이성", "Beijing": "베이징",
         "Tianjin": "톈진", "Shanghai": "상하이", "Guangdong": "광둥성", "Yunnan": "윈난성",
         "Sichuan": "쓰촨성"}

TEXT = {
    "title": ("Trafficking of North Korean women and girls in China: what the testimonies show",
              "중국 내 북한 여성·소녀 인신매매: 증언이 보여주는 것"),
    "summary": ("Summary", "요약"),
    "persons_counted": ("Persons counted", "집계된 사람"),
    "figures": ("Figures", "도표"),
    "tables": ("Tables", "표"),
    "methods": ("Methods", "방법"),
    "quotes": ("In their words", "증언에서"),
    "category": ("Category", "범주"), "count": ("Persons", "인원"),
    "share": ("Share", "비율"), "ci": ("95% interval", "95% 신뢰구간"),
    "suppressed": ("hidden", "비공개"),
    "suppressed_note": ("hidden: fewer than {k} persons, or would reveal such a cell",
                        "비공개: {k}명 미만이거나 그런 칸을 드러낼 수 있는 값"),
    "median": ("Median (quartiles)", "중앙값 (사분위수)"),
    "period": ("Period", "기간"),
    "share_axis": ("share of persons (%)", "사람 비율 (%)"),
    "missing": ("Missing per field", "항목별 결측"),
    "by_period": ("by period of {anchor}", "{anchor} 기간별"),
    "sale_year": ("sale", "매매 연도"), "crossing_year": ("crossing", "도강 연도"),
    "all_hidden": ("Not drawn, every category hidden (fewer than {k} persons)",
                   "모든 범주가 비공개라 그리지 않은 도표({k}명 미만)"),
    "dp_hidden": ("Noisy counts under {k} are hidden; the casebook's privacy budget records "
                  "this release, and releases stop when the budget is spent.",
                  "잡음을 더한 값이 {k} 미만이면 비공개로 했습니다. 이 공개는 사례집의 프라이버시 "
                  "예산에 기록되며 예산이 소진되면 더 이상 공개할 수 없습니다."),
    "no_quotes": ("No testimony in this casebook allows anonymous quotation.",
                  "익명 인용에 동의한 증언이 없습니다."),
    "shares_of_answered": ("shares of the {n:,} who answered", "응답한 {n:,}명 기준 비율"),
    "shares_of_all": ("shares of all {n} persons counted (the number who answered is withheld)",
                      "집계된 전체 {n}명 기준 비율(응답자 수는 비공개)"),
    "not_stated_n": ("not stated: {n}", "언급 없음: {n}"),
    "bars_ci": ("bars: 95% Wilson intervals", "막대의 선: 95% 윌슨 신뢰구간"),
    "price_by_period": ("Price at first sale by period of the sale",
                        "매매 시기별 첫 매매 가격"),
    "col_period": ("Period of the sale", "매매 시기"),
    "col_priced": ("Persons with a price", "가격을 아는 사람"),
    "col_median_rmb": ("Median RMB (95% CI)", "중앙값 위안 (95% 신뢰구간)"),
    "col_iqr_rmb": ("Quartiles RMB", "사분위수 위안"),
    "col_median_usd": ("Median USD (95% CI)", "중앙값 미화 (95% 신뢰구간)"),
    "col_iqr_usd": ("Quartiles USD", "사분위수 미화"),
    "price_note": ("Medians and quartiles are shown only for periods with at least {k} priced "
                   "first sales, rounded to 100 RMB and 10 USD; the interval of a median is the "
                   "distribution-free 95% interval from order statistics. Ranges are given as "
                   "quartiles, never as the lowest and highest price, which would be one "
                   "woman's price.",
                   "중앙값과 사분위수는 가격을 아는 첫 매매가 {k}건 이상인 기간에만 "
                   "보이며 100위안·10달러 단위로 반올림했습니다. 중앙값의 구간은 "
                   "순서통계량에 근거한 분포 무관 95% 구간입니다. 범위는 사분위수로 "
                   "나타내며, 한 사람의 가격이 되는 최저·최고 가격은 보이지 않습니다."),
    "price_hidden": ("A period shows 'hidden' when fewer than {k} persons have a price in it, "
                     "or when its number would reveal such a count; wider periods "
                     "(--period 10) release more.",
                     "가격을 아는 사람이 {k}명 미만이거나 그 수가 그런 칸을 드러낼 수 있는 기간은 "
                     "'비공개'로 표시했습니다. 더 넓은 기간(--period 10)으로 보면 더 많이 "
                     "공개됩니다."),
    "synthetic": ("This casebook includes a synthetic cohort: fictional persons generated for "
                  "the demo from the figures of published reports. Its numbers illustrate the "
                  "method and describe no one.",
                  "이 사례집에는 데모용 합성 집단(공개 보고서의 수치를 따라 생성한 가상의 인물)이 "
                  "들어 있습니다. 여기의 수치는 방법을 보여 줄 뿐 실제 누구도 나타내지 않습니다."),
    "too_few": ("Fewer than {k} persons consent to statistics, so every number is withheld. "
                "Tables are published once at least {k} consenting persons are counted.",
                "통계 이용에 동의한 사람이 {k}명 미만이라 모든 수치를 비공개로 했습니다. 동의한 "
                "사람이 {k}명 이상이 되면 표가 공개됩니다."),
    "rates": ("Exchange rates", "환율"),
    "dp_note": ("Counts carry random noise (differential privacy, ε = {eps}); ±{acc} covers the "
                "noise 95% of the time.", "집계에는 차등 프라이버시 잡음(ε = {eps})이 더해져 "
                "있으며 ±{acc}는 잡음의 95% 범위입니다."),
}


UNITS = {"RMB (nominal)": ("RMB (nominal)", "위안 (명목)"),
         "USD of the sale year": ("USD of the sale year", "매매 연도의 미화")}


def unit(name: str, lang: str = "en") -> str:
    return UNITS.get(name, (name, name))[_i(lang)]


def _i(lang: str) -> int:
    return 1 if lang == "ko" else 0


def text(key: str, lang: str = "en", **fmt) -> str:
    return TEXT[key][_i(lang)].format(**fmt)


def title(table: str, lang: str = "en") -> str:
    """Title of a table; a coarser version ("pathway~coarser") says it is grouped."""
    base, _, coarser = table.partition("~")
    text = TITLES.get(base, (base, base))[_i(lang)]
    if coarser:
        text += (" (더 넓은 범주)", " (coarser groups)")[1 - _i(lang)]
    return text


TIMES = {"0": ("never sold", "팔리지 않음"), "1": ("once", "1회"), "2": ("twice", "2회"),
         "3": ("three times", "3회"), "4_plus": ("more than three times", "4회 이상"),
         "3_plus": ("three or more times", "3회 이상")}
NUMBER = {"0": ("none", "없음"), "1": ("one", "1명"), "2": ("two", "2명"),
          "3_plus": ("three or more", "3명 이상")}


def category(table: str, code: str, lang: str = "en") -> str:
    """Label of a category code: shared vocabulary first, then the bands above, then the code.

    A joined group of a coarser table ("3|4_plus") is the labels of its parts joined by "or".
    """
    table = table.split("~")[0]
    if "|" in code:
        return (" 또는 " if lang == "ko" else " or ").join(
            category(table, part, lang) for part in code.split("|"))
    if table in ("arrests", "repatriations") and code == "0":
        return ("never", "없음")[_i(lang)]
    if table in ("times_sold", "arrests", "repatriations") and code in TIMES:
        return TIMES[code][_i(lang)]
    if table == "children_in_china" and code in NUMBER:
        return NUMBER[code][_i(lang)]
    if table in VOCAB_OF and code not in (NOT_STATED, STATED, ALL):
        vocabulary = load(VOCAB_OF[table])
        if code in vocabulary.codes():
            return vocabulary.label(code, "ko" if lang == "ko" else "en")
    if code in BANDS:
        return BANDS[code][_i(lang)]
    if lang == "ko" and code in NK_KO:
        return NK_KO[code]
    return code.replace("_", " ")
