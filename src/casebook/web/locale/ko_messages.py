"""Korean interface strings (msgid → 한국어). ``python -m casebook.web.locale.build`` writes the
catalogues (messages.pot, ko/en .po) from the templates and code and compiles them with Babel."""

KO = {
    "documenter": "기록 담당",
    "reviewer": "검토자",
    "analyst": "분석가",
    "admin": "관리자",
    "suggested": "제안됨",
    "accepted": "승인됨",
    "rejected": "기각됨",
    "accept": "같은 사람으로 확인",
    "not_same": "다른 사람으로 확인",
    "split": "나눔",
    "revoke": "결정 취소",
    "suppressed": "비공개",
    "Person": "인물",
    "Language": "언어",
    "Interview": "면담",
    "Organisation": "기관",
    "To review": "검토 대기",
    "Accepted": "승인",
    "Nothing here.": "항목이 없습니다.",
    "Account": "계정",
    "Saved.": "저장했습니다.",
    "Two-factor login (TOTP)": "2단계 인증 (TOTP)",
    "Two-factor login is on.": "2단계 인증이 켜져 있습니다.",
    "Password": "비밀번호",
    "Current code": "현재 코드",
    "Turn off": "끄기",
    "Add this key to your authenticator app, then type the code it shows.":
        "인증 앱에 이 키를 추가한 뒤 앱에 표시되는 코드를 입력하세요.",
    "Code": "코드",
    "Turn on": "켜기",
    "Two-factor login is off.": "2단계 인증이 꺼져 있습니다.",
    "Set up two-factor login": "2단계 인증 설정",
    "Change password": "비밀번호 변경",
    "Current password": "현재 비밀번호",
    "New password (10+ characters)": "새 비밀번호 (10자 이상)",
    "Users": "사용자",
    "Users of %(org)s": "%(org)s 사용자",
    "Vocabularies": "통제 어휘",
    "Username": "사용자 이름",
    "Role": "역할",
    "Two-factor": "2단계 인증",
    "Status": "상태",
    "Change": "변경",
    "set": "적용",
    "reads narratives": "진술 열람 가능",
    "no narratives": "진술 열람 불가",
    "active": "활성",
    "deactivated": "비활성",
    "locked": "잠김",
    "Deactivate": "비활성화",
    "Activate": "활성화",
    "Unlock": "잠금 해제",
    "Revoke narratives": "진술 열람 회수",
    "Grant narratives": "진술 열람 허용",
    "Reset two-factor": "2단계 인증 초기화",
    "Add a user": "사용자 추가",
    "Name shown": "표시 이름",
    "Initial password (10+ characters)": "초기 비밀번호 (10자 이상)",
    "Analyst may read narratives": "분석가의 진술 열람 허용",
    "Add user": "사용자 추가",
    "Organisations": "기관",
    "Organisation name": "기관 이름",
    "Add organisation": "기관 추가",
    "Audit log": "감사 기록",
    "The chain of %(n)s entries is intact.": "%(n)s개 항목의 해시 체인이 온전합니다.",
    "The audit chain is broken:": "감사 기록 체인이 손상되었습니다:",
    "Check the whole chain": "전체 체인 검증",
    "When (UTC)": "시각 (UTC)",
    "Who": "누가",
    "Action": "작업",
    "Record": "기록",
    "Detail": "세부",
    "newer": "최근",
    "older": "이전",
    "Dashboard": "대시보드",
    "Intake": "접수",
    "Review": "검토",
    "Persons": "인물",
    "Search": "검색",
    "Network": "네트워크",
    "Statistics": "통계",
    "Log out": "로그아웃",
    "Encrypted casebook. Every reading of a testimony is recorded in the audit log.":
        "암호화된 케이스북입니다. 증언을 열람할 때마다 감사 기록에 남습니다.",
    "testimonies you can see": "열람 가능한 증언",
    "persons": "인물",
    "shared with your organisation": "우리 기관에 공유됨",
    "testimonies waiting for review": "검토 대기 증언",
    "facts to review": "검토할 사실",
    "facts accepted": "승인된 사실",
    "Record a testimony": "증언 기록하기",
    "Open the review queue": "검토 대기열 열기",
    "Statistics and reports": "통계와 보고서",
    "Waiting for review": "검토 대기",
    "Recent testimonies": "최근 증언",
    "all": "전체",
    "Not found": "찾을 수 없습니다",
    "Not allowed": "권한이 없습니다",
    "Not possible": "할 수 없습니다",
    "Something is wrong": "문제가 생겼습니다",
    "Back to the dashboard": "대시보드로 돌아가기",
    "Testimony": "증언",
    "Paste the testimony (Korean or English)": "증언을 붙여 넣으세요 (한국어 또는 영어)",
    "…or upload a file (.txt, .md, .docx, .pdf)": "…또는 파일 올리기 (.txt, .md, .docx, .pdf)",
    "detect": "자동 감지",
    "Pseudonym (never her real name)": "가명 (실명은 절대 쓰지 마세요)",
    "Surname as told": "진술된 성",
    "Birth year": "출생 연도",
    "Interview date (YYYY, YYYY-MM or YYYY-MM-DD)": "면담 날짜 (YYYY, YYYY-MM, YYYY-MM-DD)",
    "Interview place (city or country only)": "면담 장소 (도시나 국가만)",
    "Consent — what she agreed to": "동의 — 당사자가 동의한 범위",
    "Who may open it": "열람 가능한 사람",
    "Only me and the colleagues ticked below (otherwise: everyone in my organisation)":
        "나와 아래에서 선택한 동료만 (선택하지 않으면 기관 전체)",
    "Save testimony": "증언 저장",
    "Log in": "로그인",
    "Your session ended after a period without activity. Please log in again.":
        "한동안 사용하지 않아 세션이 끝났습니다. 다시 로그인하세요.",
    "Two-factor code (if enabled)": "2단계 인증 코드 (설정한 경우)",
    "Broker network": "브로커 네트워크",
    "Brokers who bridge groups": "집단을 잇는 브로커",
    "Perpetrator": "가해자",
    "Links": "연결",
    "Betweenness": "매개 중심성",
    "Cut point": "단절점",
    "No broker links two groups yet.": "아직 두 집단을 잇는 브로커가 없습니다.",
    "Connected groups": "연결된 집단",
    ("%(num)s woman", "%(num)s women"): ("여성 %(num)s명",),
    "No perpetrators in accepted events yet.": "승인된 사건에 가해자가 아직 없습니다.",
    "born %(year)s": "%(year)s년생",
    ("%(num)s testimony", "%(num)s testimonies"): ("증언 %(num)s건",),
    "Journey": "여정",
    "None of her testimonies is one you may read, so her journey cannot be drawn here.":
        "열람할 수 있는 그녀의 증언이 없어 여기에서는 여정을 그릴 수 없습니다.",
    ("No testimony of hers that you may read: a testimony of another organisation, or one whose "
     "consent does not allow it, stays hidden."):
        ("열람할 수 있는 그녀의 증언이 없습니다. 다른 기관의 증언이나 동의가 허락하지 않는 증언은 "
         "보이지 않습니다."),
    "No journey events yet: review the suggested facts first.":
        "아직 여정 사건이 없습니다. 먼저 제안된 사실을 검토하세요.",
    "About her": "인적 사항",
    "Testimonies": "증언",
    "Pseudonym": "가명",
    "%(n)s facts still to review": "검토할 사실 %(n)s개",
    "testimony record": "증언 기록",
    "person page": "인물 페이지",
    "next testimony": "다음 증언",
    "Testimony recorded. Check each suggested fact against the words it rests on.":
        "증언을 기록했습니다. 제안된 사실마다 근거가 된 문장과 대조해 확인하세요.",
    "Keyboard: j / k move between facts · a accept · e edit · r reject":
        "키보드: j / k 사실 이동 · a 승인 · e 수정 · r 기각",
    "Accept": "승인",
    "Reject": "기각",
    "Undo": "되돌리기",
    "Edit": "수정",
    "Event": "사건",
    "Year": "연도",
    "Month": "월",
    "Place as told": "진술된 장소",
    "Told as": "진술 방식",
    "Amount": "금액",
    "Currency": "통화",
    "Notes": "메모",
    "Save and accept": "저장하고 승인",
    "No suggested facts for this testimony.": "이 증언에는 제안된 사실이 없습니다.",
    "Review queue": "검토 대기열",
    (
        "Testimonies of your organisation with suggested facts that nobody has accepted or "
        "rejected yet."
    ):
        "우리 기관 증언 가운데 아직 승인이나 기각되지 않은 제안 사실이 있는 증언입니다.",
    "Words in Korean or English, e.g. 연길 or sold": "한국어나 영어 단어, 예: 연길, sold",
    "any event": "모든 사건",
    "Place": "장소",
    "any place": "모든 장소",
    "from": "부터",
    "from year": "시작 연도",
    "to": "까지",
    "to year": "끝 연도",
    "any language": "모든 언어",
    ("%(num)s result", "%(num)s results"): ("결과 %(num)s건",),
    (
        "Persons counted: %(n)s (only those who consented to statistics, in records you can see). "
        "Cells below k = %(k)s are withheld."
    ):
        (
            "집계 인원: %(n)s명 (열람 가능한 기록 중 통계 이용에 동의한 사람만). k = %(k)s 미만인 "
            "칸은 공개하지 않습니다."
        ),
    "Price at first sale by period of the sale": "매매 시기별 첫 매매 가격",
    "Period": "기간",
    "Persons with a price": "가격을 아는 사람",
    "Median RMB (95%% CI)": "중앙값 위안 (95%% 신뢰구간)",
    "Quartiles RMB": "사분위수 위안",
    "Median USD (95%% CI)": "중앙값 미화 (95%% 신뢰구간)",
    "Quartiles USD": "사분위수 미화",
    "withheld": "비공개",
    "Number of persons": "인원",
    "Share": "비율",
    "95%% interval": "95%% 신뢰구간",
    "Median (quartiles)": "중앙값 (사분위수)",
    "Show the finer categories (more cells withheld)": "세부 범주 보기 (비공개 칸이 늘어남)",
    "Show coarser groups (small categories joined)": "더 넓은 범주로 보기 (작은 범주를 묶음)",
    "Download report (HTML)": "보고서 내려받기 (HTML)",
    "Download report (PDF)": "보고서 내려받기 (PDF)",
    "review %(n)s suggested facts": "제안된 사실 %(n)s개 검토",
    "Testimony recorded.": "증언을 기록했습니다.",
    "This text was already in the casebook: nothing new was stored.":
        "이미 케이스북에 있는 글입니다. 새로 저장하지 않았습니다.",
    "Shared with your organisation by its survivor's consent; only %(org)s can change it.":
        "생존자의 동의로 우리 기관에 공유된 기록입니다. 수정은 %(org)s만 할 수 있습니다.",
    "Text": "본문",
    "Your role does not open testimony texts or their facts. Here you can see her consent and "
    "choose who may open it.":
        "현재 역할로는 증언 본문과 사실을 열 수 없습니다. 여기서는 동의 내용을 보고 열람할 수 있는 "
        "사람을 정할 수 있습니다.",
    "Your role does not open testimony texts. The facts and statistics are available to you.":
        "현재 역할로는 증언 본문을 열 수 없습니다. 사실과 통계는 볼 수 있습니다.",
    "Consent": "동의",
    "withdrawn": "철회",
    "withdraw": "철회하기",
    "No consent recorded: this testimony is used for nothing beyond the casebook.":
        "기록된 동의가 없습니다. 이 증언은 케이스북 밖에서 쓰이지 않습니다.",
    "Record consent": "동의 기록",
    "She agrees to share with": "공유 동의 기관",
    "Only:": "열람 가능:",
    "Everyone in the organisation (and partners it is shared with).":
        "기관 구성원 전체 (공유된 협력 기관 포함).",
    "Restrict to the ticked users (none ticked: no restriction)":
        "선택한 사용자로 제한 (선택 없음: 제한 없음)",
    "Facts": "사실",
    "No facts.": "사실이 없습니다.",
    "Controlled vocabularies shipped with this version (changed through releases, not here).":
        "이 버전에 포함된 통제 어휘입니다 (변경은 여기가 아니라 새 버전으로 합니다).",
    "The code does not match.": "코드가 맞지 않습니다.",
    "Wrong password or code.": "비밀번호나 코드가 틀렸습니다.",
    "Wrong username, password or code.": "사용자 이름, 비밀번호 또는 코드가 틀렸습니다.",
    # scanned testimonies (issue 21)
    "Recognised text": "인식된 글",
    "Scanned original": "스캔 원본",
    "%(n)s pages": "총 %(n)s쪽",
    "uncertain reading: check it on the scan": "불확실한 인식: 스캔에서 확인하세요",
    "uncertain reading": "불확실한 인식",
    "Page %(n)s": "%(n)s쪽",
    "This page could not be read:": "이 쪽은 읽지 못했습니다:",
    # journeys (#14)
    ("%(num)s year not told", "%(num)s years not told"): ("%(num)s년간 진술 없음",),
    "Her route": "이동 경로",
    "No place of her journey is known yet.": "아직 알려진 이동 장소가 없습니다.",
    "Places she was taken to, in order; only what happened (denied or planned events are not "
    "drawn). Outlines: Natural Earth (public domain).":
        "끌려간 장소를 순서대로 표시합니다. 실제로 일어난 일만 그립니다 "
        "(부인하거나 계획에 그친 일은 그리지 않음). 지도: Natural Earth (퍼블릭 도메인).",
    "Places without coordinates (not drawn)": "좌표가 없는 장소 (지도에 없음)",
    "not happened (she says)": "없었음 (본인 진술)",
    "not told": "진술 없음",
    "on": "켜짐",
    "also searched:": "함께 검색:",
    "Routes: from where, across which river, sold into which province, through which country":
        "경로: 출신지, 건넌 강, 팔려 간 성(省), 거쳐 간 나라",
    "Published counts of persons only (disclosure control as the tables). Outlines: Natural "
    "Earth (public domain).": "공개 가능한 인원수만 표시합니다 (표와 같은 공개 통제). "
    "지도: Natural Earth (퍼블릭 도메인).",
    "No flow is large enough to publish.": "공개할 만큼 큰 경로가 없습니다.",
    "The routes are withheld: with so few persons they cannot be published beside the tables "
    "without identifying someone.": "경로는 공개하지 않습니다: 인원이 너무 적어 표와 함께 "
    "공개하면 누군가를 특정할 수 있습니다.",
    "Withheld (fewer than k persons, or to protect another cell):":
        "비공개 (k명 미만이거나 다른 칸을 보호하기 위해):",
    "Aliases merged by reviewers": "검토자가 합친 별칭",
    "Clear filters": "필터 지우기",
    "Groups": "집단",
    "Also groups around one woman": "여성 한 명뿐인 집단도 보기",
    ("Drawn: the groups that link two or more women. %(num)s group around one woman is not "
     "drawn; tick “Also groups around one woman” to see it.",
     "Drawn: the groups that link two or more women. %(num)s groups around one woman are not "
     "drawn; tick “Also groups around one woman” to see them."):
        ("여성 두 명 이상을 잇는 집단만 그렸습니다. 여성 한 명뿐인 집단 %(num)s개는 그리지 "
         "않았습니다. ‘여성 한 명뿐인 집단도 보기’를 선택하면 볼 수 있습니다.",),
    "No aliases merged yet: each mention is its own node.":
        "아직 합친 별칭이 없습니다: 언급마다 따로 표시합니다.",
    "No perpetrators in accepted events yet (or none in this period and these roles).":
        "승인된 사건에 가해자가 아직 없습니다 (또는 이 기간·역할에 없음).",
    "One node stands for several mentions only where a reviewer confirmed they are the same "
    "person (casebook link review).": "검토자가 같은 사람이라고 확인한 경우에만 여러 언급을 "
    "하나로 표시합니다 (casebook link review).",
    "Perpetrator (pseudonym)": "가해자 (가명)",
    "Recruiters, brokers, buyers and the places where they acted, from accepted events that "
    "happened, in testimonies whose consent allows analysis: %(nodes)s nodes, %(edges)s links. "
    "Names are pseudonyms; a woman is never joined to where she went to safety or lives now.":
        "분석에 동의한 증언의, 실제로 일어나 승인된 사건에서 모집책·브로커·구매자와 그들이 "
        "활동한 장소: 노드 %(nodes)s개, 연결 %(edges)s개. 이름은 가명이며, 여성을 피신한 곳이나 "
        "지금 사는 곳으로 연결하지 않습니다.",
    "Roles": "역할",
    "Show": "보기",
    "Woman (pseudonym)": "여성 (가명)",
    "yes": "예",
}

from casebook.web.locale.ko_review import KO_REVIEW  # noqa: E402 - the review page's strings

KO.update(KO_REVIEW)
