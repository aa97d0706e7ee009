"""Gazetteer: spellings resolve to the right place, running text is scanned, places coarsen."""

import time
import unicodedata

import pytest

from casebook.errors import InvalidInput, NotFound
from casebook.vocab.places import LEVELS, Gazetteer, Place, fold, gazetteer, province_of

HOERYONG = "kp-hamgyong-bukdo-hoeryong"
YANJI = "cn-jilin-yanbian-yanji"


@pytest.fixture(scope="module")
def g():
    return gazetteer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hoeryong", HOERYONG),
        ("Hoeryŏng", HOERYONG),
        ("HOERYONG", HOERYONG),
        ("Hoeryeong", HOERYONG),
        ("Heoryung", HOERYONG),
        ("회령", HOERYONG),
        ("회령시", HOERYONG),
        ("Hoeryong City", HOERYONG),
        ("Hoeryong-si", HOERYONG),
        ("  hoeryong ", HOERYONG),
        ("Hoeryong, North Hamgyong", HOERYONG),
        ("会宁", HOERYONG),
        ("Chongjin", "kp-hamgyong-bukdo-chongjin"),
        ("Ch'ŏngjin", "kp-hamgyong-bukdo-chongjin"),
        ("Ch’ongjin", "kp-hamgyong-bukdo-chongjin"),
        ("Cheongjin", "kp-hamgyong-bukdo-chongjin"),
        ("Chungjin", "kp-hamgyong-bukdo-chongjin"),
        ("청진", "kp-hamgyong-bukdo-chongjin"),
        ("Yanji", YANJI),
        ("Yenji", YANJI),
        ("延吉", YANJI),
        ("延吉市", YANJI),
        ("연길", YANJI),
        ("옌지", YANJI),
        ("Sinuiju", "kp-pyongan-bukdo-sinuiju"),
        ("Sinŭiju", "kp-pyongan-bukdo-sinuiju"),
        ("신의주", "kp-pyongan-bukdo-sinuiju"),
        ("Sin-uiju", "kp-pyongan-bukdo-sinuiju"),
        ("North Hamgyong Province", "kp-hamgyong-bukdo"),
        ("함경북도", "kp-hamgyong-bukdo"),
        ("Hamgyŏng-pukto", "kp-hamgyong-bukdo"),
        ("Hamgyongbuk-do", "kp-hamgyong-bukdo"),
        ("North Hamgyŏng province", "kp-hamgyong-bukdo"),
        ("함북", "kp-hamgyong-bukdo"),
        ("Ryanggang", "kp-ryanggang-do"),
        ("량강도", "kp-ryanggang-do"),
        ("양강도", "kp-ryanggang-do"),
        ("Yanggang-do", "kp-ryanggang-do"),
        ("Musan County", "kp-hamgyong-bukdo-musan"),
        ("무산군", "kp-hamgyong-bukdo-musan"),
        ("Kimchaek City", "kp-hamgyong-bukdo-kimchaek"),
        ("Onsŏng", "kp-hamgyong-bukdo-onsong"),
        ("Hyesan", "kp-ryanggang-do-hyesan"),
        ("혜산시", "kp-ryanggang-do-hyesan"),
        ("Pyongyang", "kp-pyongyang"),
        ("평양시", "kp-pyongyang"),
        ("Jilin", "cn-jilin"),
        ("Jilin Province", "cn-jilin"),
        ("吉林省", "cn-jilin"),
        ("길림성", "cn-jilin"),
        ("길림", "cn-jilin"),
        ("지린성", "cn-jilin"),
        ("Jilin City", "cn-jilin-jilin-city"),
        ("吉林市", "cn-jilin-jilin-city"),
        ("Yanbian", "cn-jilin-yanbian"),
        ("Yangbin", "cn-jilin-yanbian"),
        ("연변조선족자치주", "cn-jilin-yanbian"),
        ("延边朝鲜族自治州", "cn-jilin-yanbian"),
        ("Shandong", "cn-shandong"),
        ("Shangdong Province", "cn-shandong"),
        ("산동성", "cn-shandong"),
        ("Heilongjiang Province", "cn-heilongjiang"),
        ("흑룡강성", "cn-heilongjiang"),
        ("Inner Mongolia", "cn-inner-mongolia"),
        ("내몽골", "cn-inner-mongolia"),
        ("Tumen", "cn-jilin-yanbian-tumen"),
        ("Tumen River", "river-tumen"),
        ("두만강", "river-tumen"),
        ("the Yalu", "river-yalu"),
        ("압록강", "river-yalu"),
        ("Longjing", "cn-jilin-yanbian-longjing"),
        ("룡정", "cn-jilin-yanbian-longjing"),
        ("Dandong", "cn-liaoning-dandong"),
        ("단동", "cn-liaoning-dandong"),
        ("Shenyang", "cn-liaoning-shenyang"),
        ("심양", "cn-liaoning-shenyang"),
        ("Qingdao", "cn-shandong-qingdao"),
        ("청도", "cn-shandong-qingdao"),
        ("Laos", "la"),
        ("라오스", "la"),
        ("Burma", "mm"),
        ("Viet Nam", "vn"),
        ("Vientiane", "la-vientiane"),
        ("Ulan Bator", "mn-ulaanbaatar"),
        ("Bangkok", "th-bangkok"),
        ("Kunming", "cn-yunnan-kunming"),
        ("Seoul", "kr-seoul"),
        ("서울", "kr-seoul"),
        ("DPRK", "kp"),
        ("북한", "kp"),
        ("South Korea", "kr"),
        ("中国", "cn"),
        ("kp-rason", "kp-rason"),
    ],
)
def test_lookup_resolves_spellings(g, text, expected):
    found = g.lookup(text)
    assert found is not None, text
    assert found.id == expected


@pytest.mark.parametrize("text", ["", "   ", None, "Atlantis", "Hoeryongville", "회", "Province"])
def test_lookup_returns_none_for_non_places(g, text):
    assert g.lookup(text) is None


def test_lookup_ignores_unicode_normal_form(g):
    decomposed = unicodedata.normalize("NFD", "Hoeryŏng")
    assert decomposed != "Hoeryŏng"
    assert g.lookup(decomposed).id == HOERYONG


def test_fold_removes_case_accents_and_separators():
    assert fold("Ch'ŏngjin") == fold("chongjin") == fold("CH’ONG-JIN") == "chongjin"
    assert fold("함경 북도") == "함경북도"


def test_find_all_in_english(g):
    text = (
        "Ms. Ha was born in Hoeryŏng, North Hamgyong Province. In 1998 she crossed the "
        "Tumen River near Namyang, was taken to Yanji and sold to a farmer in Heilongjiang. "
        "Years later she travelled through Kunming and Laos to Bangkok, and reached Seoul."
    )
    hits = g.find_all(text)
    assert [p.id for _, _, p in hits] == [
        HOERYONG,
        "kp-hamgyong-bukdo",
        "river-tumen",
        "kp-hamgyong-bukdo-onsong-namyang",
        YANJI,
        "cn-heilongjiang",
        "cn-yunnan-kunming",
        "la",
        "th-bangkok",
        "kr-seoul",
    ]
    spans = {text[s:e] for s, e, _ in hits}
    assert {"Hoeryŏng", "North Hamgyong Province", "Tumen River"} <= spans
    assert all(s < e for s, e, _ in hits)
    assert [s for s, _, _ in hits] == sorted(s for s, _, _ in hits)


def test_find_all_respects_word_boundaries_and_case(g):
    assert g.find_all("Musanville and Yanjiang are not places here.") == []
    assert [p.id for *_, p in g.find_all("Fine china. Then China.")] == ["cn"]
    # all-lowercase text (e.g. typed notes) still matches
    assert [p.id for *_, p in g.find_all("from hoeryong to yanji")] == [HOERYONG, YANJI]


def test_find_all_in_korean(g):
    text = (
        "저는 함경북도 회령시에서 태어났습니다. 1998년 두만강을 건너 연길로 갔고 흑룡강성 농촌에 "
        "팔려 갔습니다. 무산에서 온 친구는 계획이 무산되었다고 했고, "
        "조선족 브로커가 길림성 통화시로 "
        "데려갔습니다. 전화 통화를 했습니다. 그 후 라오스를 거쳐 서울에 왔습니다."
    )
    hits = g.find_all(text)
    assert [text[s:e] for s, e, _ in hits] == [
        "함경북도",
        "회령시",
        "두만강",
        "연길",
        "흑룡강성",
        "무산",
        "길림성",
        "통화시",
        "라오스",
        "서울",
    ]
    assert [p.id for *_, p in hits][:2] == ["kp-hamgyong-bukdo", HOERYONG]
    assert hits[5][2].id == "kp-hamgyong-bukdo-musan"


def test_find_all_in_chinese_and_mixed(g):
    text = "她从会宁过江到延吉市，后来去了山东省。Later: Dandong."
    assert [p.id for *_, p in g.find_all(text)] == [
        HOERYONG,
        YANJI,
        "cn-shandong",
        "cn-liaoning-dandong",
    ]


def test_find_all_keeps_offsets_with_accents(g):
    text = "Née à Ch’ŏngjin — vendue à Yanji."
    hits = g.find_all(text)
    assert [text[s:e] for s, e, _ in hits] == ["Ch’ŏngjin", "Yanji"]


def test_find_all_is_fast(g):
    filler = ["the", "broker", "took", "her", "across", "the", "river", "at", "night", "and", "she",
              "was", "sold", "to", "a", "farmer"]
    words = (filler * 40)[:580] + ["Hoeryong", "Yanji", "Shenyang", "Laos", "Bangkok", "Seoul",
                                   "Musan", "Hyesan"]
    text = " ".join(words)
    g.find_all(text)
    runs = 50
    start = time.perf_counter()
    for _ in range(runs):
        g.find_all(text)
    per_call = (time.perf_counter() - start) / runs
    assert per_call < 0.005, f"{per_call * 1000:.2f} ms for a 600-word text"


def test_province_of(g):
    assert province_of(HOERYONG).id == "kp-hamgyong-bukdo"
    assert g.province_of("kp-hamgyong-bukdo-onsong-namyang").id == "kp-hamgyong-bukdo"
    assert g.province_of(g.place(YANJI)).id == "cn-jilin"
    assert g.province_of("cn-jilin-changbai").id == "cn-jilin"
    assert g.province_of("kp-pyongyang").id == "kp-pyongyang"
    assert g.province_of("la-vientiane").id == "la"
    assert g.province_of("th-bangkok").id == "th"
    assert g.province_of("kr-seoul").id == "kr"
    assert g.province_of("cn").id == "cn"
    assert g.province_of("river-tumen").id == "river-tumen"


def test_every_kp_and_cn_place_below_province_has_a_province(g):
    for p in g:
        if p.country in ("KP", "CN") and p.level in (
            "prefecture",
            "city",
            "county",
            "district",
            "town",
        ):
            assert g.province_of(p).level == "province", p.id


def test_data_is_consistent(g):
    ids = [p.id for p in g]
    assert len(ids) == len(set(ids))
    for p in g:
        assert p.level in LEVELS
        assert p.en and p.ko, p.id
        assert p.id == p.id.lower() and " " not in p.id
        if p.parent:
            parent = g.place(p.parent)
            assert LEVELS.index(parent.level) < LEVELS.index(p.level) or parent.level == "country"
            assert parent.country == p.country
        if p.level not in ("country", "river"):
            # ids begin with their province's id (or their country's): kp-hamgyong-bukdo-hoeryong
            assert p.id.startswith(g.province_of(p).id + "-") or p.id == g.province_of(p).id, p.id
        if p.country == "CN":
            assert p.zh, f"{p.id}: Chinese place without a Chinese name"
        # every written form resolves back to its own place
        for name in p.names():
            assert g.lookup(name) is p, (p.id, name)


def test_all_north_korean_provinces_and_the_main_places_are_present(g):
    provinces = {p.id for p in g if p.country == "KP" and p.level == "province"}
    assert len(provinces) == 11  # 9 provinces + Pyongyang + Rason
    for name in [
        "Hoeryong",
        "Musan",
        "Onsong",
        "Hyesan",
        "Sinuiju",
        "Chongjin",
        "Kimchaek",
        "Hamhung",
        "Pyongyang",
        "Namyang",
        "Saebyol",
        "Manpo",
        "Kanggye",
        "Wonsan",
        "Cholsan",
        "Yonsa",
        "Sinpo",
        "Anju",
        "Kaesong",
        "Jilin",
        "Yanbian",
        "Yanji",
        "Tumen",
        "Longjing",
        "Helong",
        "Hunchun",
        "Changbai",
        "Dandong",
        "Shenyang",
        "Harbin",
        "Mudanjiang",
        "Qingdao",
        "Beijing",
        "Shanghai",
        "Inner Mongolia",
        "Shandong",
        "Heilongjiang",
        "Liaoning",
        "Changchun",
        "Tonghua",
        "Wangqing",
        "Anshan",
        "Panjin",
        "Dalian",
        "Zhuhai",
        "Chengdu",
        "Tianjin",
        "Laos",
        "Vietnam",
        "Thailand",
        "Mongolia",
        "Cambodia",
        "Myanmar",
        "Bangkok",
        "Vientiane",
        "Kunming",
        "South Korea",
        "Seoul",
    ]:
        assert g.lookup(name) is not None, name


def test_place_by_id(g):
    assert g.place(HOERYONG).ko == "회령"
    assert g.place(YANJI).name("zh") == "延吉"
    assert g.place(HOERYONG).name("zh") == "会宁"
    assert g.place("la").name("zh") == "老挝"
    with pytest.raises(NotFound, match="kp-nowhere"):
        g.place("kp-nowhere")


def test_gazetteer_is_cached():
    assert gazetteer() is gazetteer()


def test_conflicting_spellings_are_rejected():
    a = Place("xx-a", "KP", "city", "Alpha", "알파", spellings=("Same",))
    b = Place("xx-b", "KP", "city", "Beta", "베타", spellings=("same",))
    with pytest.raises(InvalidInput, match="names both"):
        Gazetteer([a, b])


def test_unknown_parent_is_rejected():
    with pytest.raises(InvalidInput, match="unknown parent"):
        Gazetteer([Place("xx-a", "KP", "city", "Alpha", "알파", parent="xx")])


def test_korean_false_friends(g):
    text = (
        "남양에서 강을 건넜다. 남양주에 산다. 원산지는 중국산. "
        "장백산을 보았다. 위해서 일했다. 안주를 먹었다."
    )
    assert [(text[s:e], p.id) for s, e, p in g.find_all(text)] == [
        ("남양", "kp-hamgyong-bukdo-onsong-namyang")
    ]
    # the same words still resolve as field values, and with a suffix in running text
    assert g.lookup("안주").id == "kp-pyongan-namdo-anju"
    assert [p.id for *_, p in g.find_all("안주시 출신")] == ["kp-pyongan-namdo-anju"]


def test_the_tumen_is_the_river_but_tumen_city_is_the_city(g):
    text = "We crossed the Tumen at night and later lived in Tumen city, then in Tumen."
    assert [p.id for *_, p in g.find_all(text)] == [
        "river-tumen",
        "cn-jilin-yanbian-tumen",
        "cn-jilin-yanbian-tumen",
    ]
    assert [p.id for *_, p in g.find_all("메콩강을 건너 라오스로")] == ["river-mekong", "la"]


def test_province_of_accepts_names_and_rejects_unknowns(g):
    from casebook.vocab import province_of as exported

    assert exported("Hoeryŏng").id == "kp-hamgyong-bukdo"
    assert g.province_of("연길").id == "cn-jilin"
    with pytest.raises(NotFound, match="Atlantis"):
        g.province_of("Atlantis")


def test_a_value_naming_a_province_and_its_town_is_the_town():
    """"양강도 혜산" (province first, Korean order) and "Province, Town" resolve to the town;
    two places that do not nest resolve to nothing new."""
    from casebook.vocab.places import gazetteer

    g = gazetteer()
    town = g.lookup("혜산")
    assert town is not None and g.lookup("양강도 혜산") == town
    chongjin = g.lookup("Chongjin")
    assert g.lookup("North Hamgyong Province, Chongjin") == chongjin
    assert g.lookup("함경북도 청진시") == chongjin
    assert g.lookup("Yanji and Hyesan") is None  # two places, neither inside the other
