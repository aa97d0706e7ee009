# ruff: noqa: E501 - a translation table: whole help texts, one per key
"""Korean for ``casebook case …`` (help texts), merged into ``ko_messages.KO`` by
``python -m casebook.cli.locale.build``; kept apart so case work and other commands change
their words without touching the same lines."""

KO_CASES: dict[str, str] = {
    'Case management: her safety, needs, services, referrals and tasks, stage by stage on the route to safety.':
        '사례 관리: 그녀의 안전, 필요, 서비스, 의뢰와 할 일을 안전을 향한 경로의 단계마다 기록합니다.',
    'Open her case: one per woman and organisation.\n\nExample: casebook case open 12 --caseworker mina --stage safe_house --place Kunming\n--risk high --risk-reason "a buyer is looking for her"':
        '그녀의 사례를 엽니다: 여성과 기관마다 하나.\n\n예: casebook case open 12 --caseworker mina --stage safe_house --place Kunming\n--risk high --risk-reason "a buyer is looking for her"',
    'Her person id (`casebook list`).':
        '그녀의 인물 id (`casebook list`).',
    "Organisation caring for her (default: her record's).":
        '그녀를 돌보는 기관 (기본: 그녀 기록의 기관).',
    'Username of her caseworker.':
        '담당자의 사용자 이름.',
    'Stage on the route: hiding_china, safe_house, transit_third_country, arrived, south_korea.':
        '경로의 단계: hiding_china, safe_house, transit_third_country, arrived, south_korea.',
    'Where she is now: a gazetteer id or name (Kunming, Vientiane, Bangkok, Seoul…).':
        '지금 있는 곳: 지명 사전 id 또는 이름 (Kunming, Vientiane, Bangkok, Seoul…).',
    'Since when she is at this stage: 2019-04-12, 2019-04, spring 2019, about 2019.':
        '이 단계에 있은 지: 2019-04-12, 2019-04, spring 2019, about 2019.',
    'Risk level: high, medium or low.':
        '위험도: high, medium 또는 low.',
    'Why the risk is what it is (required with --risk).':
        '위험도의 이유 (--risk와 함께 필수).',
    'Show her case: status, stage and place, risk, needs, services, referrals, tasks and\nthe dated history of every change. Reading it is audited.\n\nExample: casebook case show 3':
        '그녀의 사례를 보여 줍니다: 상태, 단계와 위치, 위험도, 필요, 서비스, 의뢰, 할 일과\n모든 변경의 날짜별 이력. 열람은 감사 기록에 남습니다.\n\n예: casebook case show 3',
    'Case id (`casebook case list`).':
        '사례 id (`casebook case list`).',
    'Newest history lines to show (0: all).':
        '보여 줄 최근 이력 줄 수 (0: 전부).',
    'Change her status, stage and place, risk or caseworker; each change is dated history.\n\nExample: casebook case update 3 --stage transit_third_country --place Vientiane\n--status in_transit':
        '상태, 단계와 위치, 위험도 또는 담당자를 바꿉니다. 바뀐 것은 모두 날짜별 이력에 남습니다.\n\n예: casebook case update 3 --stage transit_third_country --place Vientiane\n--status in_transit',
    'open, in_transit, resettled or closed (closing needs --closure-reason).':
        'open, in_transit, resettled 또는 closed (종결에는 --closure-reason이 필요합니다).',
    'Why it is closed: resettled_stable, her_choice, lost_contact, transferred, repatriated, died, duplicate, other.':
        '종결 사유: resettled_stable, her_choice, lost_contact, transferred, repatriated, died, duplicate, other.',
    'When the risk was assessed (default: today, when --risk changes).':
        '위험도를 평가한 날 (기본: --risk가 바뀌면 오늘).',
    'Also add a dated note.':
        '날짜가 붙은 메모도 남깁니다.',
    'Record a need of her assessment, or change its state.\n\nExample: casebook case need 3 medical --note "untreated injury"':
        '필요 평가의 한 항목을 기록하거나 그 상태를 바꿉니다.\n\n예: casebook case need 3 medical --note "untreated injury"',
    'safety, shelter, medical, reproductive_health, psychosocial, legal_documents, children, livelihood, family_tracing.':
        'safety, shelter, medical, reproductive_health, psychosocial, legal_documents, children, livelihood, family_tracing.',
    'open, met or not_needed.':
        'open, met 또는 not_needed.',
    'A short note on the need.':
        '이 필요에 대한 짧은 메모.',
    'When assessed (default today).':
        '평가한 날 (기본: 오늘).',
    'Plan a service, or record it given (with an outcome) or cancelled.\n\nExample: casebook case service 3 medical_care --state given --on 2026-11 --outcome completed':
        '서비스를 계획하거나, 제공(결과와 함께) 또는 취소를 기록합니다.\n\n예: casebook case service 3 medical_care --state given --on 2026-11 --outcome completed',
    'safe_house, escort, medical_care, reproductive_care, counselling, legal_aid, documents, child_support, education, livelihood, basic_needs, family_tracing.':
        'safe_house, escort, medical_care, reproductive_care, counselling, legal_aid, documents, child_support, education, livelihood, basic_needs, family_tracing.',
    'planned, given or cancelled.':
        'planned, given 또는 cancelled.',
    'When planned for or given.':
        '계획한 때 또는 제공한 때.',
    'Who gives it.':
        '제공하는 사람이나 기관.',
    'completed, partly, ongoing, declined, not_possible, referred_on.':
        'completed, partly, ongoing, declined, not_possible, referred_on.',
    'The need it serves.':
        '이 서비스가 채우는 필요.',
    'A short note.':
        '짧은 메모.',
    'Change this service (its id from `case show`) instead of adding one; without it, marking a service given updates the planned one.':
        '새로 추가하지 않고 이 서비스(`case show`의 id)를 바꿉니다. 없으면, 제공으로 표시할 때 계획된 서비스를 갱신합니다.',
    'Refer her to another organisation, if her consent shares with it (share_with:ORG).\n\nWithout that consent the referral is refused with one line and exit code 2, and nothing\nis shared. Example: casebook case refer 3 --to "Bridge of Light" --service legal':
        '그녀의 동의가 공유를 허락하는 경우(share_with:ORG)에만 다른 기관에 의뢰합니다.\n\n그 동의가 없으면 한 줄과 종료 코드 2로 거절되고, 아무것도\n공유되지 않습니다. 예: casebook case refer 3 --to "Bridge of Light" --service legal',
    'The receiving organisation.':
        '의뢰를 받는 기관.',
    'What she is referred for: legal (legal_aid), medical_care, counselling, documents, …':
        '의뢰하는 서비스: legal (legal_aid), medical_care, counselling, documents, …',
    'What the partner should know.':
        '협력 기관이 알아야 할 내용.',
    'Write an age-encrypted referral file for an organisation outside this casebook (else the partner sees it in this casebook).':
        '이 케이스북 밖의 기관을 위한 age 암호화 의뢰 파일을 씁니다 (없으면 협력 기관이 이 케이스북에서 봅니다).',
    "The partner's age public key (age1…), repeatable; else $CASEBOOK_EXPORT_PASSPHRASE or a prompt.":
        '협력 기관의 age 공개 키 (age1…), 여러 번 가능. 없으면 $CASEBOOK_EXPORT_PASSPHRASE 또는 입력 요청.',
    'Include the text of the testimonies she lets the partner have (default: accepted facts only).':
        '그녀가 협력 기관에 허락한 증언의 본문도 넣습니다 (기본: 승인된 사실만).',
    "Record the receiving organisation's answer, or cancel a referral.\n\nExample: casebook case referral 2 accept":
        '의뢰받은 기관의 응답을 기록하거나 의뢰를 취소합니다.\n\n예: casebook case referral 2 accept',
    'Referral id (`casebook case show`).':
        '의뢰 id (`casebook case show`).',
    'accept, refuse, complete or cancel.':
        'accept, refuse, complete 또는 cancel.',
    'Why (needed to refuse or cancel).':
        '이유 (거절이나 취소에 필요).',
    'Add a dated task (follow-up visit, document appointment, move to the next stop), or\nmark one done.\n\nExample: casebook case task 3 --due 2026-12-20 "visit at the safe house"':
        '날짜가 정해진 할 일(후속 방문, 서류 약속, 다음 경유지로 이동)을 추가하거나\n완료로 표시합니다.\n\n예: casebook case task 3 --due 2026-12-20 "visit at the safe house"',
    'What is to be done.':
        '해야 할 일.',
    'Due date, YYYY-MM-DD.':
        '기한, YYYY-MM-DD.',
    'follow_up, document_appointment, medical_appointment, move, other.':
        'follow_up, document_appointment, medical_appointment, move, other.',
    'Who does it (default: her caseworker).':
        '맡은 사람 (기본: 그녀의 담당자).',
    'Mark this task (its id from `case show`) done today.':
        '이 할 일(`case show`의 id)을 오늘 완료로 표시합니다.',
    'Add a dated note to her history (a visit, a call).\n\nExample: casebook case note 3 "called; she is well"':
        '그녀의 이력에 날짜가 붙은 메모(방문, 통화)를 남깁니다.\n\n예: casebook case note 3 "called; she is well"',
    'The note.':
        '메모.',
    'List cases (never her place), or with --overdue the tasks past their due date.\n\nExample: casebook case list --overdue --caseworker mina':
        '사례 목록 (위치는 보이지 않음), --overdue이면 기한이 지난 할 일.\n\n예: casebook case list --overdue --caseworker mina',
    'Overdue tasks, one list per caseworker.':
        '기한 지난 할 일, 담당자별 목록.',
    "Only this caseworker's.":
        '이 담당자의 것만.',
    'open, in_transit, resettled, closed, active (all but closed) or all (the default).':
        'open, in_transit, resettled, closed, active (closed 외 전부) 또는 all (기본).',
    'Record consent she gave for her case (e.g. share_with:ORG), or withdraw it.\n\nHer consent for a partner is read from her testimonies and her case together: some\nrecord must grant it and none may have withdrawn it. Withdrawing it takes her case out of\nthe partner\'s view at once.\nExample: casebook case consent 3 grant "share_with:Bridge of Light"':
        '그녀가 사례에 대해 준 동의(예: share_with:ORG)를 기록하거나 철회합니다.\n\n협력 기관에 대한 동의는 그녀의 증언들과 사례를 함께 읽습니다: 어느\n기록이 허락해야 하고 어느 기록도 철회하지 않았어야 합니다. 철회하면 그녀의 사례가\n곧바로 협력 기관의 화면에서 사라집니다.\n예: casebook case consent 3 grant "share_with:Bridge of Light"',
    'grant or withdraw.':
        'grant 또는 withdraw.',
    'share_with:ORG (or another consent scope).':
        'share_with:ORG (또는 다른 동의 범위).',
    'Counts of cases by status, stage, risk and open need, and overdue tasks.\n\nExact counts are for the team; --publish suppresses every count below k (and whatever\nwould give one away). Example: casebook case dashboard --publish':
        '상태, 단계, 위험도, 미충족 필요별 사례 수와 기한 지난 할 일.\n\n정확한 수는 팀 내부용입니다. --publish는 k 미만인 수(와 그것을 드러낼 수 있는\n수)를 모두 가립니다. 예: casebook case dashboard --publish',
    'Apply disclosure control, for anything that leaves the organisation.':
        '기관 밖으로 나가는 것에는 공개 통제를 적용합니다.',
    'Minimum cases per published cell.':
        '공개 칸마다 최소 사례 수.',
    'Round published counts.':
        '공개하는 수를 반올림합니다.',
    'Open, in your casebook, the case of a woman referred to you in an encrypted file.\n\nExample: casebook case receive referral.age --organisation "Bridge of Light" --identity key.age':
        '암호화된 파일로 의뢰받은 여성의 사례를 귀 기관의 케이스북에서 엽니다.\n\n예: casebook case receive referral.age --organisation "Bridge of Light" --identity key.age',
    'A referral file from `casebook case refer --out`.':
        '`casebook case refer --out`으로 만든 의뢰 파일.',
    'Your organisation (the referral must be addressed to it).':
        '귀 기관 (의뢰가 이 기관 앞이어야 합니다).',
    'Your key file (`casebook field keygen`), if it was sent to your public key; else $CASEBOOK_EXPORT_PASSPHRASE or a prompt.':
        '공개 키로 보낸 경우 귀 기관의 키 파일 (`casebook field keygen`). 아니면 $CASEBOOK_EXPORT_PASSPHRASE 또는 입력 요청.',
}
