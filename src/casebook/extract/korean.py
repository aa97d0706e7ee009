"""Korean cues: what one sentence of a Korean testimony says about her journey.

Korean drops the subject ("한족 남자한테 팔았어요" — someone sold me to a Han man), so a cue is
hers unless the clause names another woman as its topic ("언니 하나는 … 팔려 왔다고"). Negation
and mood follow the verb ("팔리지 않았다", "팔려고 했다"); kiwipiepy's morphology tells them
apart from look-alikes ("팔 개월" is eight months, not a sale). The Kiwi model ships inside the
``kiwipiepy-model`` package: nothing is downloaded.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from casebook.extract.cues import Context, Cue
from casebook.extract.negation import DENIED, FACT, UNREAL, korean_status
from casebook.model import Fact

NONE = None


@lru_cache(maxsize=1)
def kiwi():
    """The shared Kiwi analyser (loaded once, from the installed model package)."""
    from kiwipiepy import Kiwi

    return Kiwi()


_SALE_VERBS = {"팔", "팔리", "되팔", "팔아넘기", "팔아먹", "넘기"}
_UNREAL_EC = {"려고", "려다", "으려고", "으려다", "면", "으면", "려면", "기로", "자고", "ᆯ까", "을까", "려는", "도록"}


def _verb_status(tokens, start: int) -> str:
    """Fact/denied/unreal of the verb token at character ``start`` (kiwi tokens of the sentence)."""
    idx = next((k for k, t in enumerate(tokens) if t.start == start), None)
    if idx is None:
        return FACT
    if idx > 0 and tokens[idx - 1].tag == "MAG" and tokens[idx - 1].form in ("안", "못"):
        return DENIED
    for k in range(idx + 1, min(len(tokens), idx + 8)):
        t = tokens[k]
        if t.tag == "EP" and t.form == "겠":
            return UNREAL
        if t.tag.startswith("EC") and t.form in _UNREAL_EC:
            return UNREAL
        if t.tag == "VX" and t.form in ("않", "못하"):
            return DENIED
        if t.tag == "NNB" and t.form in ("뻔", "척"):
            return UNREAL
        if t.tag == "ETN" and t.form == "기" and k + 1 < len(tokens) and tokens[k + 1].form == "전":
            return UNREAL  # "팔리기 전에 도망쳤어요"
        if t.tag == "NNB" and t.form == "적":
            return DENIED if any(x.form in ("없",) for x in tokens[idx + 1: idx + 10]) else FACT
        if t.tag == "NNB" and t.form in ("것", "거", "게"):
            if any(x.tag == "VCN" and x.form == "아니" for x in tokens[k + 1: k + 4]):
                return DENIED  # "팔린 게 아니에요", "팔려 온 게 아니라니까요"
            if tokens[k - 1].tag == "ETM" and tokens[k - 1].form in ("ᆯ", "을"):
                return UNREAL  # "팔 거라고 했다"
        if t.tag in ("EF", "SF"):
            break
        if t.tag.startswith("EC") and t.form not in ("지", "어", "아", "고", "어서", "아서"):
            break
    return FACT


_OTHER_TOPIC = re.compile(
    r"(?:언니|친구|동생|여자|여자들|여자애|애|애들|아이|아이들|딸|누나|사람들|그녀|조카|처녀|아가씨|여성|다른\s?\S+|"
    r"동생들|친구들|어떤\s?여자|한\s?명)\s?(?:하나|둘|한\s?명)?\s?(?:는|은|가|이|도|들은|들이)(?=\s)")
_ME = re.compile(r"(?:^|\s)(?:(?:저|제|나|내|저를|나를|날|저도|나도|저는|나는|제가|내가|저희)(?:를|는|가|도|한테|에게)?|"
                 r"우리(?:를|는|가|도|한테|에게|끼리))(?=\s|$)")
_TOGETHER = re.compile(r"같이|함께|데리고|저까지|저를\s?포함")

_P = lambda p: re.compile(p)
_CROSSING = _P(r"(?:강|두만강|압록강|국경|얼음|물)\S*\s?(?:\S+\s){0,3}?(?P<t>건너|건넜|건넌|넘어|넘었|넘은)|(?P<t2>건너왔|건너갔|넘어왔|"
               r"탈북했|탈북을)|중국(?:으로|에|에\s?처음)\s?(?:\S+\s)?(?P<t3>왔|갔|넘어|건너|들어|나왔|도망)")
_BARE_CROSSING = _P(r"(?:^|\s)(?P<t>건넜|건너왔|넘어왔)")  # "98년 봄에 건넜어요": the river is understood
_NOT_RIVER_OBJECT = _P(r"(?:다리|길|도로|철길|산|고개|선)(?:을|를)\s?$")
_ARREST = _P(r"(?:공안|경찰|변방대|변방|단속|파출소)\S*\s?(?:\S+\s){0,3}?(?P<t>잡히|잡혔|잡혀|잡힌|체포|붙잡|끌려|연행|걸려|걸렸)|"
             r"(?P<t2>체포(?:되|됐|당))")
_ARREST_BARE = _P(r"(?P<t>잡혔|잡혀\s?갔|잡혀갔|붙잡혔|잡혀서|잡혔는데)")
_POLICE = _P(r"공안|경찰|변방대|변방|단속|파출소|검문|수용소|구류소")
_NOT_POLICE = _P(r"사내|남자|브로커|주인|남편|시어머니|시댁|그\s?사람|사장|사람들한테")
_ARREST_DENIED = _P(r"(?P<t>(?:잡힌|잡혀\s?간|잡혀간|붙잡힌|체포된|걸린)\s?적(?:은|이|도)?\s?(?:한\s?번도\s?)?없|"
                    r"(?:한\s?번도\s?)?안\s?잡혔|잡히지\s?(?:는\s?)?(?:않|안))")
_REPAT = _P(r"(?P<t>북송|강제\s?송환|송환(?:되|됐|당)|북한으로\s?(?:다시\s?)?(?:보내|넘겨|돌려보내|끌려)|조선으로\s?(?:보내|넘겨))|"
            r"(?:도문|단동|남양|신의주|혜산|장백|훈춘|삼합|회령|무산|온성|만포)\S*\s?(?:거쳐서?|으로\s?해서|로\s?해서)\s"
            r"(?:\S+\s){0,2}?(?P<t2>넘겨졌|넘겨져|나갔|넘어갔|보내졌)|"
            r"(?:남양|신의주|혜산|회령|무산|온성|만포)(?:으로|로)\s?(?P<t3>넘겨졌|넘겨져|보내졌|넘어갔)")
_REPAT_DENIED = _P(r"북송(?:은|도|이)?\s?(?:안|못)\s?(?:되|됐|당)|북송(?:되|당하)지\s?(?:는\s?)?않|북송(?:된|당한)\s?적(?:은|이)?\s?없")
_TOTAL = _P(r"(?P<what>북송|송환|잡혔|잡혀|잡힌|체포|팔렸|팔린|팔려)\S*\s?(?:\S+\s)?(?P<n>한|두|세|네|다섯)\s?번(?!도|째)|"
            r"(?P<n2>한|두|세|네|다섯)\s?번\s?(?:이나\s?)?(?P<what2>북송|잡혔|잡혀|팔렸|팔려)")
_CAUSATIVE_CROSSING = _P(r"건너게\s?(?:해|도와|시켜)|넘겨\s?줬|건네\s?줬")
_ANSWER_NONE = _P(r"^\s?(?:아니요|아뇨|없어요|없습니다|한\s?번도\s?(?:없어요|안\s?잡혔어요)|안\s?잡혔어요|안\s?당했어요)[.!,]?")
_ANSWER_TOTAL = _P(r"^\s?(?P<n>한|두|세|네|다섯)\s?번(?:이요|이에요|요|입니다|이었어요|)?[.!]?\s*$")
_ORDINAL_SALE = _P(r"그게\s?(?P<n>두|세|네)\s?번째")
_ESCAPE = _P(r"(?P<t>도망(?:쳤|갔|나왔|치|가|을\s?쳤)|탈출|빠져나왔|도망)")
_TRANSIT = _P(r"(?P<t>몽골|라오스|태국|베트남|캄보디아|미얀마|메콩|방콕|쿤밍|곤명|울란바토르)")
_ARRIVAL = _P(r"(?:한국|서울|인천|남한)(?:에|으로|에\s?다시)?\s?(?P<t>왔|들어왔|도착|입국|들어갔|갔)|(?P<t2>하나원)")
_RIVER = _P(r"(?P<r>두만강|압록강)")
_ALONE = _P(r"혼자|스스로|저\s?혼자|아무도\s?(?:없이|데려|안)")
_BROKER_VOL = _P(r"브로커\S*\s?(?:\S+\s)?(?:돈을?\s?(?:주고|내고|대고|냈|줬)|통해|통해서|와\s?함께|랑\s?같이)|"
                 r"(?:돈을?\s?(?:주고|내고))\s?(?:\S+\s)?브로커|브로커를\s?(?:구해|찾아|불러)")
# how she came to leave: crossed of her own will, alone or with a broker she (or her family) paid
_VOL_ALONE = _P(r"혼자\s?(?:\S+\s){0,2}?(?:건너|건넜|넘|나왔|떠났|왔|갔)|^\s?혼자(?:서)?요|브로커(?:는|도)\s?없|"
                r"누구\s?따라간\s?것도\s?아니|아무도\s?없이")
_VOL_BROKER = _P(r"브로커(?:한테|에게)\s?(?:\S+\s){0,3}?(?:\S*\s)?(?:돈\S*\s?)?(?:줬|주고|냈|내고|대고)|브로커를\s?(?:붙|구해|찾아|불러|통해)|"
                 r"브로커(?:를|에게|한테)?\s?통해")
_TO_SOUTH = _P(r"한국(?:에|으로|까지)?\s?(?:가|가는|갈|가려|가고)")

_VIOLENCE = [
    ("rape", _P(r"강간|성폭행|겁탈|성추행|강제로\s?(?:했|관계|잠자리|당했|범했|범하)|범했|몸을\s?(?:빼앗|요구)|성폭력|"
                r"(?:싫다고\s?해도|억지로)\s?(?:강제로\s?)?(?:했|잤|관계)")),
    ("beating", _P(r"때렸|때리|때려|맞았|맞고|맞아|맞는|구타|폭행|발로\s?(?:찼|차|걷어)|발길질|매질|두들겨|얻어맞|뺨을|머리채")),
    ("confinement", _P(r"가둬|가두|가뒀|감금|갇혀|갇혔|못\s?나가|못\s?나갔|나가지\s?못|문을\s?잠|잠가|잠갔|잠그|잠겨|밖에\s?못|"
                       r"감시|나가지\s?못하게|못\s?나가게|묶어|묶였|지켜봤")),
    ("threat_of_denunciation", _P(r"신고(?:한다|하겠|해\s?버린다|할\s?거)|공안에\s?(?:넘기|넘긴|알리|신고|넘겨)|북송(?:시킨|시키|시켜|당하게)|"
                                  r"경찰에\s?(?:넘기|넘긴|신고|알리)|보위부로\s?보낸|잡아가게\s?(?:한다|하겠)")),
    ("drugging", _P(r"약을\s?(?:탔|타|먹였|넣)|수면제|마취")),
    ("other", _P(r"옷을\s?(?:다\s?)?벗기|앉았다\s?일어났다|잠을\s?(?:못\s?자게|안\s?재우|안\s?재웠|못\s?재우)|바늘로|"
                 r"전기\s?고문|물고문")),
]
_VIOLENCE_DENIED_AFTER = _P(r"^[가-힣]{0,4}\s?(?:그런\s?)?(?:건|것은|것도|적은|일은)\s?(?:한\s?번도\s?)?없")
_OTHER_HUSBAND = _P(r"(?:주인|사장|그\s?여자|언니|업주)\s?남편")
_EXPLOIT = [
    ("prostitution", _P(r"성매매|매춘|매음|노래방|술집|안마|마사지|사우나|목욕탕|유흥|손님(?:하고|을|방|과|들|한테|이)|접대|"
                        r"몸을\s?팔|창녀|포주|아가씨\s?일")),
    ("cybersex", _P(r"화상\s?채팅|화상|채팅|웹캠|카메라|캠\s|인터넷\s?방송|컴퓨터\s?앞|음란\s?방송")),
    ("forced_marriage", _P(r"시집|결혼|아내|마누라|남편|부인으로|색시|각시|며느리|장가|살림|"
                           r"(?:남자|농민|농부|노총각|홀아비)(?:한테|에게)\s?(?:저를\s?)?(?:\S+\s){0,2}?팔")),
    ("forced_labour", _P(r"강제\s?노동|돈도\s?안\s?주고|월급도\s?없이|일만\s?(?:시키|시켰|했)|돈\s?한\s?푼\s?(?:안|못)|품삯도|"
                         r"임금(?:도|을)?\s?(?:안|못|없)|빚을\s?갚(?:을\s?때까지|으라)|일하면\s?갚")),
    ("domestic_servitude", _P(r"가정부|집안일만|식모")),
]
_FACILITIES = [
    ("state_security_interrogation", _P(r"보위부|보위성|국가보위|보위원")),
    ("police_detention", _P(r"안전부|보안서|보안부|안전원|구류장|보안원|안전국")),
    ("holding_centre", _P(r"집결소")),
    ("labour_training_camp", _P(r"노동\s?단련대|단련대|노동\s?교양대")),
    ("kyohwaso", _P(r"교화소|교도소|감옥")),
    ("kwanliso", _P(r"관리소|정치범\s?수용소")),
]
_CHINESE_FACILITY = _P(r"변방대|공안국|구류소|수용소|파출소|간수소")
_BIRTH = _P(r"(?P<what>아들|딸|아이|애기|아기|애|쌍둥이|자식)(?:\s?(?P<n>하나|둘|셋|한\s?명|두\s?명|세\s?명|\d\s?명))?"
            r"(?:을|를)?\s?(?:\S+\s)?(?P<t>낳|출산|태어났|태어나)")
_BIRTH_ALL = _P(r"(?P<what>아들|딸)\s?(?P<n>하나|둘|셋|한\s?명|두\s?명)")
# "애는 둘이에요", "애가 셋이에요", "딸 하나요", "아들 하나 있어요": how many children she has
_CHILDREN_TOTAL = _P(r"(?:^|\s)(?P<what>애|아이|자녀|자식|애들|아들|딸)(?:은|는|이|가)?\s?(?P<n>하나|둘|셋|넷|한\s?명|두\s?명|세\s?명|\d\s?명)"
                     r"\s?(?:이에요|예요|요|이|있|입니다|이었|,|\.)")
_CHILDREN_NONE = _P(r"(?:^|\s)(?:애|아이|자녀|자식|애기|아기)(?:는|도|가|은)\s?(?:하나도\s?)?(?:없|안\s?생겼)")
_HUKOU = _P(r"호구|신분증|호적|거민증|신분")
_HUKOU_FAKE = _P(r"가짜|위조|남의|다른\s?(?:사람|여자)\s?(?:의\s?)?(?:이름|것|명의)|죽은\s?(?:사람|여자)|샀|사서|돈\s?주고")
_HUKOU_NONE = _P(r"없|못\s?(?:받|만들|얻)|안\s?(?:나왔|되)")
_HUKOU_GOT = _P(r"받았|만들었|생겼|나왔|얻었|올렸|등록")
_CHILD = _P(r"아이|애들|아들|딸|자녀|애기|아기")
_CHILD_ANY = _P(r"아이|애|아들|딸|자녀|자식|아기|쌍둥이")
_RECRUIT = [
    ("deception_job_offer", _P(r"(?:일자리|식당|공장|농장|돈(?:을|도)?\s?(?:많이\s?)?벌|일하|취직|돈\s?벌|일할|식모|보모|장사|일\s?하)\S*\s?(?:\S+\s){0,6}?"
                               r"(?:준다|주겠|해\s?준다|시켜\s?준|소개|있다고|하자고|벌\s?수\s?있|속였|속아|거짓말|데려다\s?준|"
                               r"온다고|번다고|한다고|된다고|받을\s?수)")),
    ("drugged", _P(r"(?:(?:술|물|음료|음식|약|차)\S*|마시고|먹고|마신|먹은)\s?(?:\S+\s){0,8}?(?:기억이\s?(?:하나도\s?)?없|정신을\s?잃|잠이\s?들|"
                   r"깨어\s?보니|눈을\s?떠\s?보니|정신이\s?들|의식을\s?잃)|약을\s?(?:먹여|먹였|탄|탔)|수면제")),
    ("abducted", _P(r"납치|끌고\s?(?:가|갔)|차에\s?(?:밀어|강제로|억지로|태워|실려)|끌려갔|잡아\s?(?:갔|끌)|붙잡아|"
                    r"(?:사내|남자)\S*\s?(?:\S+\s)?잡혔")),
    ("introduced_marriage", _P(r"소개|중매|시집\s?(?:가라|가면|보내)|남자를\s?(?:만나|소개)|장가")),
]
_RELATIONS = [
    ("neighbour_or_villager", _P(r"이웃|(?:동네|마을)\s?(?:\S+\s)?(?:사람|여자|아줌마|아주머니|아저씨|할머니|언니|남자)|한\s?마을|"
                                 r"같은\s?동네|옆집")),
    ("friend", _P(r"친구")),
    ("relative", _P(r"친척|고모|이모|삼촌|사촌|외삼촌|큰아버지|작은아버지|형부|시누이|올케|친언니|외숙모|숙모|조카")),
    ("north_korean_trafficker", _P(r"북한\s?(?:남자|여자|브로커|사람|장사꾼)|조선\s?사람\s?브로커")),
    ("korean_chinese_broker", _P(r"조선족\s?(?:브로커|남자|여자|부부|사람|아줌마|아주머니|아저씨|할머니|할아버지|집)|"
                                 r"조선족(?:한테|에게|이|은|이가)(?=\s)")),
    ("han_chinese_broker", _P(r"(?:한족|중국인|중국)\s?(?:브로커|인신매매|거간|중개)")),
    ("couple", _P(r"부부")),
    ("stranger", _P(r"모르는\s?(?:사람|남자|여자)|낯선|남자\s?(?:셋|둘|세\s?명|두\s?명|넷)|사내")),
]
_KNOWN_PERSON = _P(r"이웃|동네|마을|친척|친구|고모|이모|삼촌|사촌|언니|오빠|남편|시어머니|브로커|주인|사장|공안|경찰")
_RELATIONSHIP_FIRST = _P(r"(?:이웃|동네|마을|친척|사촌|친구|고모|이모)(?:의)?\s$")
_CLAUSE_END = _P(r"고,|는데|지만|[.?!]")
_BROKER_NOUN = _P(r"브로커|중매|거간|부부|장사꾼")
_BROKER_ROLE = _P(r"브로커|중매|거간|장사꾼")
_BOUGHT_HER = _P(r"(?:산|사\s?간|사간)\s?(?:사람|남자|여자|집|놈)")
_ROLE = _P(r"팔|판\s?(?:거|것|게)|넘기|넘겼|넘겨|데려|데리고|속|소개|가둬|가두|브로커|데려갔|데려가|태워|끌고|납치|받았|받고|맡겼|건너게|인계|"
           r"가자|중매|잡혔|끌려|데리러|따라갔|준다고|꼬드|꼬셔|꼬였")
_NK_BROKER = _P(r"(?:북한\s?돈|우리\s?돈|조선\s?돈)")
_BUYER = [
    ("korean_chinese", _P(r"조선족")),
    ("han_chinese", _P(r"한족|중국\s?(?:남자|사람|농민|농부|노총각|홀아비|집)|중국인")),
    ("north_korean", _P(r"북한\s?(?:남자|사람)")),
    ("other", _P(r"한국\s?(?:남자|사람)|노래방\s?하는|사장|포주|업주|마담")),
]
_PURPOSE = [
    ("prostitution", _P(r"노래방|술집|안마|마사지|사우나|목욕탕|유흥|성매매|포주|업소")),
    ("other", _P(r"화상|채팅|웹캠|카메라")),
    ("labour", _P(r"공장|농장\s?일|노동")),
    ("marriage", _P(r"시집|결혼|아내|남편|농민|농부|노총각|홀아비|장가|색시|각시|남자(?:한테|에게)\s?(?:\S+\s){0,3}?팔")),
]
_PROVINCE_NOW = _P(r"(?P<p>길림성|지린성|흑룡강성|헤이룽장성|요녕성|랴오닝성|산동성|산둥성|내몽골|내몽고)\S*\s?(?:\S+\s){0,3}?"
                   r"(?:살고\s?있|거주|삽니다|살아요|살고요|지내고\s?있)")
_TRIGGER_HINT = _P(r"팔|판|넘기|넘겼|사\s?갔|샀|사서|산\s?(?:거|게|것|사람|남자|놈|집)")
# an interviewer's question or remark ("[북송되신 적이 있다고 하셨죠.]"): context, not her words
_INTERVIEWER = _P(r"^\s*\[(?![^\]]*(?:메모|설명))[^\]]*\]\s*$")


def _her(sentence: str, trigger: int) -> bool:
    head = sentence[:trigger]
    if _ME.search(head) or _ME.search(sentence[trigger:trigger + 12]):
        return True
    others = list(_OTHER_TOPIC.finditer(head))
    if not others:
        return True
    # "동네 언니들이 … 같이 건넜어요": she went with them; "같이 일하던 언니 하나는 …" is about the other woman
    return bool(_TOGETHER.search(head[others[-1].end():]))


_TOPIC_ONLY = re.compile(r"(?:는|은|도|들은)$")


def _done_to_her(sentence: str, trigger: int) -> bool:
    """Violence: "그 부부 중 여자가 바늘로 찔렀어요" (a subject doing it) is against her; "언니는 맞았어요" is not."""
    if _her(sentence, trigger):
        return True
    topics = list(_OTHER_TOPIC.finditer(sentence[:trigger]))
    return bool(topics) and not _TOPIC_ONLY.search(topics[-1].group())


def _add(cues: list[Cue], kind: str, rx: re.Pattern, s: str, status_fn=None, code: str | None = None,
         once: bool = True) -> None:
    for m in rx.finditer(s):
        g = next((x for x in ("t", "t2", "t3") if x in rx.groupindex and m.group(x)), None)
        a, b = (m.start(g), m.end(g)) if g else (m.start(), m.end())
        st = korean_status(s, a, b) if status_fn is None else status_fn(a, b)
        cues.append(Cue(kind, a, b, code, st))
        if once:
            return


def analyse(sentence: str, ctx: Context) -> list[Cue]:
    """All cues of one Korean sentence.

    The previous sentence is kept on ``ctx`` (sentences arrive in order) so that an answer can
    borrow its question's topic ("[잡히신 적 있어요?] 두 번이요.") and a bare "잡혔어요" the
    police raid told just before it.
    """
    prev = getattr(ctx, "_ko_prev", "")
    ctx._ko_prev = sentence  # type: ignore[attr-defined]
    if _INTERVIEWER.match(sentence):
        return []
    if _ME.search(sentence):
        ctx._ko_first = True  # type: ignore[attr-defined]
    elif not getattr(ctx, "_ko_first", False) and _SHE.search(sentence):
        ctx._ko_third = True  # type: ignore[attr-defined]  # a report about her: "그녀는 … 건넜다"
    if getattr(ctx, "_ko_third", False):
        # read 그녀 as the survivor; same length, so offsets stay valid ("그녀는 " → "저는  ")
        sentence = _SHE.sub(lambda m: "저" + m.group("p") + " ", sentence)
    return _analyse(sentence, prev)


_SHE = re.compile(r"그녀(?P<p>는|가|를|의|도|에게|한테)")


def _relations(s: str, cues: list[Cue]) -> None:
    """Everyone who recruited, moved, held or sold her: coded by relationship first, then ethnicity."""
    m = re.search(r"(?P<p>[가-힣]{2,4})에서\s?(?:왔다는|온)\s?(?:여자|남자|사람|아줌마|아주머니)", s)
    if m:
        from casebook.extract.places import nk_place

        if nk_place(m.group("p")):  # "혜산에서 왔다는 여자": a North Korean who lured her
            cues.append(Cue("relation", m.start(), m.end(), "north_korean_trafficker"))
    lure = _RECRUIT[0][1].search(s)  # "동네 아주머니가 공장에서 일할 수 있다고 했어요"
    if not (_ROLE.search(s) or _BROKER_NOUN.search(s) or lure):
        return
    taken: list[tuple[int, int]] = []
    for code, rx in _RELATIONS:
        for m in rx.finditer(s):
            after = s[m.end():m.end() + 30]
            broker = _BROKER_ROLE.search(m.group()) or re.match(r"^\S*\s?(?:브로커|중매)", after) or \
                _BROKER_ROLE.search(s[max(0, m.start() - 10):m.start()])
            if _BOUGHT_HER.search(s[:m.start()]):
                continue  # "저를 마지막으로 산 사람은 … 부부였어요": the buyer
            end = _CLAUSE_END.search(s, m.end())
            clause = s[m.end():end.end() if end else len(s)]
            if not (broker or _ROLE.search(clause) or (lure and lure.start() >= m.end() and re.match(r"^\s?\S*?(?:가|이|께서|는|은)\s", after)) or re.match(r"^\S*\s?(?:는|은)?\s?\S*(?:였|이었)", after)):
                continue  # "외삼촌은 못 찾았고": named, but did nothing to her
            # the buyer ("한족 남자한테 팔았어요") and the man she was introduced to are not recruiters
            if not broker and re.match(r"^\S*?(?:한테|에게|에)\s?(?:\S+\s){0,4}?(?:\S+로\s)?(?:팔|시집)", after):
                continue
            if re.match(r"^(?:를|을)\s?(?:\S+\s)?소개", after):
                continue
            if code not in ("neighbour_or_villager", "friend", "relative", "couple") and \
                    _RELATIONSHIP_FIRST.search(s[max(0, m.start() - 12):m.start()]):
                continue  # "그 마을 조선족 아주머니": her neighbour, whatever her ethnicity
            if code != "couple" and any(a <= m.start() < b for a, b in taken):
                continue
            if not _her(s, m.start()) and not _ME.search(s):
                continue
            cues.append(Cue("relation", m.start(), m.end(), code))
            taken.append((m.start(), m.end()))
            break
    if "브로커" in s and _NK_BROKER.search(s):
        m = re.search("브로커", s)
        cues.append(Cue("relation", m.start(), m.end(), "north_korean_trafficker"))


def _crossing(s: str, cues: list[Cue]) -> None:
    m = _CROSSING.search(s)
    if m is None:
        for b in _BARE_CROSSING.finditer(s):
            if not _NOT_RIVER_OBJECT.search(s[:b.start("t")]):
                m = b
                break
    if m is None:
        return
    g = next(x for x in ("t", "t2", "t3") if x in m.re.groupindex and m.group(x))
    a, b = m.start(g), m.end(g)
    cues.append(Cue("crossing", a, b, None, korean_status(s, a, b)))


def _arrests(s: str, prev: str, cues: list[Cue]) -> None:
    m = _ARREST_DENIED.search(s)
    if m and not re.search(r"북한|보위부|안전부", s):
        cues.append(Cue("arrest", m.start("t"), m.end("t"), None, DENIED))
        return
    m = _ARREST.search(s)
    if m:
        g = "t" if m.group("t") else "t2"
        cues.append(Cue("arrest", m.start(g), m.end(g), None, korean_status(s, m.start(g), m.end(g))))
        return
    m = _ARREST_BARE.search(s)
    if m and (_POLICE.search(s) or _POLICE.search(prev)) and not _NOT_POLICE.search(s[:m.start()]) \
            and not re.search(r"도망\S*\s?(?:\S+\s)?$", s[:m.start()]):
        cues.append(Cue("arrest", m.start("t"), m.end("t"), None, korean_status(s, m.start("t"), m.end("t"))))


def _repatriations(s: str, cues: list[Cue]) -> None:
    m = _REPAT_DENIED.search(s)
    if m:
        cues.append(Cue("repatriation", m.start(), m.end(), None, DENIED))
        return
    m = _REPAT.search(s)
    if m:
        g = next(x for x in ("t", "t2", "t3") if m.group(x))
        cues.append(Cue("repatriation", m.start(g), m.end(g), None, korean_status(s, m.start(g), m.end(g))))


def _totals(s: str, prev: str, cues: list[Cue]) -> None:
    """Stated counts: "북송을 두 번 당했어요", "[잡히신 적 있어요?] 두 번이요."."""
    for m in _TOTAL.finditer(s):
        what = m.group("what") or m.group("what2")
        n = _KO_SMALL[m.group("n") or m.group("n2")]
        kind = "repatriation_total" if what.startswith(("북송", "송환")) else \
            "sale_total" if what.startswith("팔") else "arrest_total"
        cues.append(Cue(kind, m.start(), m.end(), value=n))
    m = _ANSWER_NONE.match(s)
    if m and _INTERVIEWER.match(prev):  # "[공안에 잡히신 적은요?] 없어요."
        kind = "repatriation" if re.search(r"북송|송환", prev) else \
            "arrest" if re.search(r"잡히|잡혀|잡힌|잡혔|체포", prev) else None
        if kind:
            cues.append(Cue(kind, m.start(), m.end(), None, DENIED))
    m = _ANSWER_TOTAL.match(s)
    if m and _INTERVIEWER.match(prev):
        kind = "repatriation_total" if re.search(r"북송|송환", prev) else \
            "arrest_total" if re.search(r"잡히|잡혀|잡힌|잡혔|체포", prev) else None
        if kind:
            cues.append(Cue(kind, m.start(), m.end(), value=_KO_SMALL[m.group("n")]))
    m = _ORDINAL_SALE.search(s)
    if m:
        cues.append(Cue("sale_total", m.start(), m.end(), value=_KO_SMALL[m.group("n")]))


_ONLY_ONCE = _P(r"(?P<n>한|두|세)\s?번(?:뿐|밖에)")
_KO_SMALL = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5}


def _violence(s: str, cues: list[Cue]) -> None:
    for code, rx in _VIOLENCE:
        for m in rx.finditer(s):
            st = korean_status(s, m.start(), m.end())
            if code in ("threat_of_denunciation", "confinement"):
                st = FACT if st == UNREAL else st
            if code == "confinement" and st == DENIED:
                st = FACT  # "못 나가게" is itself the confinement
            if code == "beating" and _OTHER_HUSBAND.search(s[:m.start()]) and re.search(r"여자들|남들", s):
                continue
            if _VIOLENCE_DENIED_AFTER.search(s[m.end():m.end() + 16]):
                st = DENIED  # "때리거나 그런 건 없어요"
            if st == FACT and _done_to_her(s, m.start()):
                cues.append(Cue("violence", m.start(), m.end(), code, st))
                break


def _births(s: str, cues: list[Cue]) -> None:
    first = _CHILD_ANY.search(s)
    if first is None or not _her(s, first.start()):
        return
    m = _CHILDREN_NONE.search(s)
    if m:
        cues.append(Cue("children_none", m.start(), m.end(), value=0))
        return
    births = list(_BIRTH_ALL.finditer(s)) if re.search(r"낳|출산|태어", s) else []
    if births:
        n = sum(_ko_count(m.group("n")) for m in births)
        cues.append(Cue("birth", births[0].start(), births[-1].end(), value=n, extra={"total": True, "what": "pair"}))
        return
    m = _CHILDREN_TOTAL.search(s)
    if m and not re.search(r"낳|출산", s[m.end():m.end() + 12]):
        cues.append(Cue("birth", m.start("what"), m.end("n"), value=_ko_count(m.group("n")),
                        extra={"total": True, "what": m.group("what")}))
        return
    m = _BIRTH.search(s)
    if m:
        n = _ko_count(m.group("n")) if m.group("n") else (2 if m.group("what") == "쌍둥이" else 1)
        st = korean_status(s, m.start("t"), m.end("t"))
        cues.append(Cue("birth", m.start(), m.end(), value=n, status=st, extra={"total": False, "what": m.group("what")}))


def _recruitment(s: str, cues: list[Cue]) -> None:
    for code, rx in _RECRUIT:
        m = rx.search(s)
        if not m:
            continue
        if code in ("deception_job_offer", "drugged"):
            # the lie is reported speech ("일자리 준다고 해서"): only an explicit denial cancels it
            st = DENIED if re.match(r"^\S*\s?(?:건|것은)?\s?(?:아니|거짓말이\s?아니)", s[m.end():]) else FACT
        else:
            st = korean_status(s, m.end() - 1, m.end())
        cues.append(Cue("recruitment", m.start(), m.end(), code, st))
        if code == "abducted" and st == FACT and not _KNOWN_PERSON.search(s):
            cues.append(Cue("relation", m.start(), m.end(), "stranger"))  # abductors nobody names
        if code == "drugged":
            cues.append(Cue("violence", m.start(), m.end(), "drugging", FACT, extra={"recruitment": True}))
    if not _TO_SOUTH.search(s):
        m = _VOL_ALONE.search(s)
        if m:
            cues.append(Cue("recruitment", m.start(), m.end(), "voluntary_alone", FACT))
        m = _VOL_BROKER.search(s)
        if m:
            cues.append(Cue("recruitment", m.start(), m.end(), "voluntary_with_broker", FACT))


class _Tok(NamedTuple):
    form: str
    tag: str
    start: int
    len: int


def _tokens_near_triggers(s: str) -> list[_Tok]:
    """Kiwi tokens of the words around each possible sale verb (±~20 characters, whole words).

    Analysing short windows instead of the whole sentence keeps Korean fast (Kiwi's cost grows
    with the input); a verb's negation and mood follow it within a few words.
    """
    windows: list[list[int]] = []
    for m in _TRIGGER_HINT.finditer(s):
        a = s.rfind(" ", 0, max(0, m.start() - 20)) + 1
        b = s.find(" ", min(len(s), m.end() + 20))
        b = len(s) if b < 0 else b
        if windows and a <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], b)
        else:
            windows.append([a, b])
    out: list[_Tok] = []
    for a, b in windows:
        out.extend(_Tok(t.form, t.tag, t.start + a, t.len) for t in kiwi().tokenize(s[a:b]))
    return out


def _analyse(s: str, prev: str) -> list[Cue]:
    cues: list[Cue] = []
    tokens = _tokens_near_triggers(s)
    # sales: verb lemmas from the morphology
    for t in tokens:
        form = t.form
        is_sale = t.tag == "VV" and form in _SALE_VERBS
        if t.tag == "VV" and form == "넘기":
            is_sale = bool(re.search(r"돈|위안|원\b|값", s[t.start:]))
        if t.tag == "VV" and form in ("사", "사가"):
            is_sale = bool(re.search(r"(?:저|나|날|우리)(?:를|을)?\s?(?:\S+\s){0,3}$", s[:t.start])) or \
                bool(re.search(r"(?:위안|원|달러)\S*\s?(?:\S+\s)?$", s[:t.start]))
        if t.tag == "VV" and form == "살" and s.startswith("산", t.start):
            # "저를 마지막으로 산 사람": with her as the object, 산 is 사다 (bought), not 살다
            is_sale = bool(re.search(r"(?:저|나|우리)를\s?(?:\S+\s){0,3}$", s[:t.start]))
        if not is_sale:
            continue
        if not _her(s, t.start):
            continue
        cues.append(Cue("sale", t.start, t.start + t.len, status=_verb_status(tokens, t.start)))
    if re.search(r"(?:돈을?|값을?)\s?(?:\S+\s)?받(?:았|고)", s) and re.search(r"넘기|넘겨|데려", s) and _her(s, 0) \
            and not any(c.kind == "sale" for c in cues):
        m = re.search(r"넘기|넘겨|데려", s)
        cues.append(Cue("sale", m.start(), m.end(), status=korean_status(s, m.start(), m.end())))
    m = re.search(r"(?:한테|에게|에게서)\s?(?:\S+\s){0,2}?(?:\d[\d,]*|[일이삼사오육칠팔구십백천만]+)\s?(?:천\s?)?(?:만\s?)?(?:위안|원|달러)\S*\s?"
                  r"(?:\S+\s)?(?P<t>줬|주고|줬대|줬더|냈|건넸|주었|내고)", s)
    if m:
        cues.append(Cue("payment", m.start("t"), m.end("t"), status=korean_status(s, m.start("t"), m.end("t"))))
    if _ONLY_ONCE.search(s) and any(c.kind == "sale" for c in cues):
        # "팔린 건 그 한 번뿐이에요": a summary of the sales told, not one more
        cues = [c for c in cues if c.kind != "sale"]
        m = _ONLY_ONCE.search(s)
        cues.append(Cue("sale_total", m.start(), m.end(), value=_KO_SMALL[m.group("n")]))
    if re.search(r"(?:몇|여러)\s?(?:번|차례)\s?(?:이나\s?)?(?:팔|되팔)", s):
        cues.append(Cue("vague_times", 0, len(s)))
    _totals(s, prev, cues)
    _violence(s, cues)
    _births(s, cues)
    if not _her(s, len(s)) and _CAUSATIVE_CROSSING.search(s):
        _crossing(s, cues)  # "아는 사람이 강을 건너게 해 줬어요": someone else made her cross
    if _her(s, len(s)):
        _crossing(s, cues)
        _arrests(s, prev, cues)
        _repatriations(s, cues)
        _add(cues, "escape", _ESCAPE, s)
        _add(cues, "transit", _TRANSIT, s)
        _add(cues, "arrival", _ARRIVAL, s)
        for code, rx in _EXPLOIT:
            m = rx.search(s)
            if m and code == "forced_marriage" and _OTHER_HUSBAND.search(s[max(0, m.start() - 6):m.end()]):
                m = None  # "주인 남편": the brothel owner's husband, not hers
            if m:
                sale = next((c for c in cues if c.kind == "sale" and m.start() <= c.start < m.end()), None)
                st = sale.status if sale is not None else korean_status(s, m.start(), m.end())
                cues.append(Cue("exploitation", m.start(), m.end(), code, st))
        rep = _REPAT.search(s)
        for code, rx in _FACILITIES:
            m = rx.search(s)
            if m and rep and m.start() < rep.start() and _CHINESE_FACILITY.search(s[:m.start()]):
                continue  # "도문 변방대 구류장에 … 북송됐어요": a Chinese lock-up before the handover
            if m:
                cues.append(Cue("detention", m.start(), m.end(), code, FACT))
    m = _HUKOU.search(s)
    if m and _done_to_her(s, m.start()) and not (_CHILD.search(s) and not _ME.search(s)):
        if _HUKOU_FAKE.search(s):
            cues.append(Cue("hukou", m.start(), m.end(), "fake"))
        elif _HUKOU_NONE.search(s[m.start():]):
            cues.append(Cue("hukou", m.start(), m.end(), "none"))
        elif _HUKOU_GOT.search(s[m.start():]):
            cues.append(Cue("hukou", m.start(), m.end(), "obtained"))
    for m in _RIVER.finditer(s):
        if re.match(r"[이가]?\s?아니(?:라|고)", s[m.end():]):
            continue  # "압록강이 아니라 두만강을"
        cues.append(Cue("river", m.start(), m.end(), "Tumen" if m.group("r") == "두만강" else "Yalu"))
    if _TRANSIT.search(s):
        cues.append(Cue("abroad", 0, 0))
    m = _ALONE.search(s)
    if m:
        cues.append(Cue("alone", m.start(), m.end()))
    m = _BROKER_VOL.search(s)
    if m:
        cues.append(Cue("broker_voluntary", m.start(), m.end()))
    _recruitment(s, cues)
    _relations(s, cues)
    for code, rx in _BUYER:
        m = rx.search(s)
        if m:
            cues.append(Cue("buyer", m.start(), m.end(), code))
    for code, rx in _PURPOSE:
        m = rx.search(s)
        if m:
            cues.append(Cue("purpose", m.start(), m.end(), code))
    m = _PROVINCE_NOW.search(s)
    if m:
        from casebook.extract.places import china_province

        cues.append(Cue("province_now", m.start("p"), m.end("p"), china_province(m.group("p"))))
    return cues


def _ko_count(s: str | None) -> int:
    if not s:
        return 1
    s = s.replace(" ", "")
    if s[0].isdigit():
        return int(s[0])
    return {"하나": 1, "한명": 1, "둘": 2, "두명": 2, "셋": 3, "세명": 3}.get(s, 1)


def person_facts(text: str, header_end: int, existing: list[Fact]) -> list[Fact]:
    """Origin, birth year, surname and province stated in the text (see :mod:`korean_person`)."""
    from casebook.extract.korean_person import person_facts as _person_facts

    return _person_facts(text, header_end, existing)


def refine(b, sents) -> None:
    """Document-level corrections after the walk (see :mod:`casebook.extract.korean_refine`)."""
    from casebook.extract.korean_refine import refine as _refine

    _refine(b, sents)
