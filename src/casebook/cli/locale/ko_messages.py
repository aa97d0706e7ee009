"""Korean for the command line (msgid → 한국어): help texts, messages, table headings, and the
words Typer prints. ``python -m casebook.cli.locale.build`` writes the catalogues from it;
a test fails when a help text or message of the main commands has no Korean here."""

KO: dict[str, str] = {
    "Casebook: encrypted testimonies, structured records, statistics and estimates.":
        "Casebook: 암호화된 증언, 구조화된 기록, 통계와 추정.",
    "Language of messages and help: ko or en. Default: from the locale (LANG).":
        "메시지와 도움말의 언어: ko 또는 en. 기본값: 로캘(LANG)에 따름.",
    "Create a new encrypted casebook.\n\nExample: casebook init team.db    ·    "
    "CASEBOOK_DB=team.db casebook init":
        "암호화된 새 케이스북을 만듭니다.\n\n예: casebook init team.db    ·    "
        "CASEBOOK_DB=team.db casebook init",
    "The casebook to create (a file, or a postgresql:// URL); the same as --db.":
        "만들 케이스북(파일 또는 postgresql:// URL). --db와 같습니다.",
    "Casebook file (SQLCipher) or postgresql:// URL. Default: $CASEBOOK_DB.":
        "케이스북 파일(SQLCipher) 또는 postgresql:// URL. 기본값: $CASEBOOK_DB.",
    "Read the passphrase from this file (first line). Otherwise $CASEBOOK_PASSPHRASE or a "
    "prompt.":
        "이 파일(첫 줄)에서 암호문구를 읽습니다. 없으면 $CASEBOOK_PASSPHRASE 또는 입력 요청.",
    "Add one testimony with its person and consent.\n\nExample: casebook add interview.txt "
    "--pseudonym \"Ms. Baek\" --consent aggregate_statistics":
        "증언 하나를 당사자 정보와 동의와 함께 추가합니다.\n\n예: casebook add interview.txt "
        "--pseudonym \"Ms. Baek\" --consent aggregate_statistics",
    "The testimony as a text file ('-' for stdin).": "텍스트 파일로 된 증언('-'는 표준 입력).",
    "Pseudonym of the survivor (never her real name); asked for when omitted.":
        "생존자의 가명(실명은 절대 쓰지 마세요). 빠뜨리면 물어봅니다.",
    "Surname as told (often a pseudonym).": "말한 그대로의 성(가명인 경우가 많음).",
    "Birth year, if known.": "출생 연도(알 경우).",
    "Organisation recording it.": "기록하는 기관.",
    "Interviewer code.": "면담자 코드.",
    "YYYY, YYYY-MM or YYYY-MM-DD.": "YYYY, YYYY-MM 또는 YYYY-MM-DD.",
    "City or country only.": "도시나 나라까지만.",
    "en or ko (detected if omitted).": "en 또는 ko(생략하면 자동 판별).",
    "Consent scope (repeatable): aggregate_statistics, anonymous_quotation, legal_proceedings, "
    "share_with:ORG.":
        "동의 범위(여러 번 지정 가능): aggregate_statistics, anonymous_quotation, "
        "legal_proceedings, share_with:기관.",
    "Propose facts from the text for review.": "본문에서 사실을 찾아 검토할 수 있게 제안합니다.",
    "Print machine-readable JSON.": "기계가 읽을 수 있는 JSON으로 출력합니다.",
    "Import testimonies from files; duplicates (same text) are skipped, bad files reported.\n\n"
    "Coding sheets (.xlsx, .ods, .csv) and Uwazi CSVs import with a mapping (--plan proposes\n"
    "one), HTCDS rows with --format htcds, a report of many accounts with --split.\n\nExample: "
    "casebook import interviews/ --organisation \"Hanul Documentation Centre\"\nExample: "
    "casebook import coding.xlsx --plan   (then: --map coding.mapping.toml)":
        "파일에서 증언을 가져옵니다. 중복(같은 본문)은 건너뛰고, 잘못된 파일은 알려 줍니다.\n\n"
        "코딩 시트(.xlsx, .ods, .csv)와 Uwazi CSV는 매핑으로 가져오고(--plan이 매핑을 제안),\n"
        "HTCDS 행은 --format htcds로, 여러 증언이 든 보고서는 --split으로 가져옵니다.\n\n예: "
        "casebook import interviews/ --organisation \"Hanul Documentation Centre\"\n예: "
        "casebook import coding.xlsx --plan   (다음: --map coding.mapping.toml)",
    "Files or folders: txt, md, docx, pdf, json, jsonl, csv; scans (pdf, png, jpg, tif) read "
    "by OCR; coding sheets xlsx, ods, csv.":
        "파일이나 폴더: txt, md, docx, pdf, json, jsonl, csv. OCR로 읽는 스캔: pdf, png, jpg, "
        "tif. 코딩 시트: xlsx, ods, csv.",
    "reading {name}": "{name} 읽는 중",
    "partly read": "일부만 읽음",
    "Organisation for files that do not say.": "기관을 밝히지 않은 파일에 쓸 기관.",
    "Consent scope for files that do not say (repeatable).":
        "동의 범위를 밝히지 않은 파일에 쓸 동의 범위(여러 번 지정 가능).",
    "Propose facts for review (stored as suggested).":
        "검토할 사실을 제안합니다(제안됨 상태로 저장).",
    "Mapping file for a coding sheet or Uwazi CSV (write one with --plan).":
        "코딩 시트나 Uwazi CSV의 매핑 파일(--plan으로 작성).",
    "Propose a mapping from the sheet's headers and values; write it (to --map or "
    "FILE.mapping.toml) and import nothing.":
        "시트의 머리글과 값으로 매핑을 제안하고 (--map 또는 FILE.mapping.toml에) 저장만 "
        "합니다. 아무것도 가져오지 않습니다.",
    "auto, sheet (coding sheet), uwazi (Uwazi CSV) or htcds (HTCDS rows).":
        "auto, sheet(코딩 시트), uwazi(Uwazi CSV) 또는 htcds(HTCDS 행).",
    "Sheet to read (default: the first).": "읽을 시트(기본값: 첫 번째).",
    "Row holding the column names (default: the first filled row).":
        "열 이름이 있는 행(기본값: 처음으로 채워진 행).",
    "The .docx/.pdf holds many testimonies: split at each account's header (preview first).":
        ".docx/.pdf에 여러 증언이 들어 있음: 증언마다 머리말에서 나눕니다(먼저 미리 보기).",
    "Store what --split found without asking.": "--split이 찾은 것을 묻지 않고 저장합니다.",
    "List testimonies (never their text).\n\nExample: casebook list --json":
        "증언 목록을 보여 줍니다(본문은 보여 주지 않음).\n\n예: casebook list --json",
    "Only this organisation's.": "이 기관의 증언만.",
    "At most this many rows.": "최대 행 수.",
    "Show one testimony: person, consent, facts and (optionally) the text. The read is "
    "audited.\n\nExample: casebook show 3 --no-text":
        "증언 하나를 보여 줍니다: 당사자, 동의, 사실, 그리고 (선택) 본문. 열람은 감사 기록에 "
        "남습니다.\n\n예: casebook show 3 --no-text",
    "Testimony id (see `casebook list`).": "증언 번호(`casebook list` 참고).",
    "Print the testimony's text too.": "증언 본문도 출력합니다.",
    "Search testimonies in Korean and English, with snippets.\n\nA place or a vocabulary term "
    "also finds its other names: 연길 finds Yanji and 延吉,\nbowibu finds 보위부 (they are listed "
    "as \"also searched\"); a \"quoted phrase\" is searched\nas written.\n\nExample: casebook "
    "search 연길   ·   casebook search \"sold me\"":
        "한국어와 영어로 증언을 검색하고 해당 부분을 보여 줍니다.\n\n장소나 용어는 다른 이름으로도 "
        "찾습니다: 연길은 Yanji와 延吉도,\nbowibu는 보위부도 찾습니다(\"함께 검색\"에 나옵니다). "
        "\"따옴표\" 안의 구절은\n쓴 그대로 찾습니다.\n\n예: casebook search 연길   ·   "
        "casebook search \"sold me\"",
    "Words to find (Korean or English); \"quote\" phrases.":
        "찾을 낱말(한국어 또는 영어). \"따옴표\"로 구절 검색.",
    "At most this many results.": "최대 결과 수.",
    "Export records as JSON, CSV, HTCDS or Uwazi CSV — encrypted with age unless "
    "--plaintext.\n\nWithout --recipient, the export is encrypted to "
    "$CASEBOOK_EXPORT_PASSPHRASE (or a prompt).\nExample: casebook export --out share.json.age "
    "--for \"Bridge of Light\" --recipient age1…":
        "기록을 JSON, CSV, HTCDS 또는 Uwazi CSV로 내보냅니다. --plaintext가 아니면 age로 "
        "암호화합니다.\n\n--recipient가 없으면 $CASEBOOK_EXPORT_PASSPHRASE(또는 입력 요청)로 "
        "암호화합니다.\n예: casebook export --out share.json.age --for \"Bridge of Light\" "
        "--recipient age1…",
    "File to write (.age when encrypted).": "쓸 파일(암호화하면 .age).",
    "json, csv, htcds (HTCDS victim rows; k-anonymised with --for) or uwazi (Uwazi CSV).":
        "json, csv, htcds(HTCDS 피해자 행, --for와 함께면 k-익명화) 또는 uwazi(Uwazi CSV).",
    "Partner organisation: only testimonies whose consent allows sharing with it.":
        "협력 기관: 이 기관과의 공유에 동의한 증언만.",
    "'legal': only testimonies allowing legal use.": "'legal': 법적 절차에 쓰도록 동의한 증언만.",
    "Include the testimonies' text.": "증언 본문을 포함합니다.",
    "age public key (age1…) to encrypt to (repeatable).":
        "암호화할 age 공개 키(age1…, 여러 번 지정 가능).",
    "Write UNENCRYPTED (you must ask for it explicitly).":
        "암호화하지 않고 씁니다(명시적으로 요청해야 함).",
    "Replace an existing output file (never the casebook or its key).":
        "이미 있는 출력 파일을 바꿉니다(케이스북과 그 키는 절대 바꾸지 않음).",
    "Build the encrypted demo casebook from the bundled fictional testimonies.\n\nA demo "
    "casebook already at --out is kept and opened again (with CASEBOOK_PASSPHRASE, or the\n"
    "generated passphrase kept beside it in OUT.passphrase); --rebuild builds it anew.\n"
    "Example: casebook demo --out demo.db":
        "함께 제공되는 가상의 증언으로 암호화된 데모 케이스북을 만듭니다.\n\n--out에 데모 "
        "케이스북이 이미 있으면 그대로 두고 다시 엽니다(CASEBOOK_PASSPHRASE 또는 옆의\n"
        "OUT.passphrase에 보관된 생성 암호문구로). --rebuild는 새로 만듭니다.\n예: casebook "
        "demo --out demo.db",
    "Where to write the demo casebook.": "데모 케이스북을 쓸 위치.",
    "Folder with testimonies/ and corpus.jsonl. Default: the fictional testimonies installed "
    "with Casebook.":
        "testimonies/와 corpus.jsonl이 있는 폴더. 기본값: Casebook과 함께 설치된 가상의 증언.",
    "Build the demo casebook anew (new passphrase) even when it exists.":
        "이미 있어도 데모 케이스북을 새로 만듭니다(새 암호문구).",
    "Then serve it in the web app with demo logins.": "이어서 웹 앱에서 데모 로그인으로 엽니다.",
    "Port for --serve (loopback only).": "--serve의 포트(루프백 전용).",
    "Walk through a testimony's suggested facts and accept, edit or reject each one.\n\nAt "
    "each fact, type a (accept), e (edit, then key=value pairs), r (reject), s (skip) or q "
    "(quit).\n\nOnly accepted facts feed statistics and reports. With --json, prints the "
    "suggested facts\nand their supporting words instead of asking.\nExample: casebook review "
    "3    ·    casebook review 3 --accept 17 --reject 18":
        "증언의 제안된 사실을 하나씩 보며 승인, 수정 또는 기각합니다.\n\n사실마다 a(승인), "
        "e(수정, 이어서 key=value), r(기각), s(건너뛰기), q(끝내기)를 입력합니다.\n\n승인된 "
        "사실만 통계와 보고서에 쓰입니다. --json을 주면 묻지 않고 제안된 사실과\n근거 문장을 "
        "출력합니다.\n예: casebook review 3    ·    casebook review 3 --accept 17 --reject 18",
    "Accept every suggested fact without asking.": "제안된 사실을 묻지 않고 모두 승인합니다.",
    "Accept this fact id (repeatable).": "이 사실 번호를 승인합니다(여러 번 지정 가능).",
    "Reject this fact id (repeatable).": "이 사실 번호를 기각합니다(여러 번 지정 가능).",
    "Counts, shares with 95% Wilson intervals, and missing values, per table.":
        "표마다 빈도, 95% Wilson 구간이 붙은 비율, 결측값을 보여 줍니다.",
    "One table (default: all). See docs/statistics.md for the list.":
        "표 하나(기본값: 전체). 목록은 docs/statistics.md 참고.",
    "Split by another field.": "다른 항목으로 나눕니다.",
    "Width in years (5) or a range (2000-2009).": "연 단위 폭(5) 또는 범위(2000-2009).",
    "table | csv | json": "table | csv | json",
    "Apply disclosure control (k, suppression).": "공개 통제를 적용합니다(k, 억제).",
    "Minimum persons per published cell.": "공개하는 칸마다 최소 인원.",
    "Round published counts to this base.": "공개하는 빈도를 이 단위로 반올림합니다.",
    "Differentially private release spending this much budget.":
        "이만큼의 예산을 쓰는 차분 프라이버시 공개.",
    "A self-contained HTML report (optionally PDF) that passed disclosure control.":
        "공개 통제를 거친 독립형 HTML 보고서(선택: PDF).",
    "HTML file to write (PDF beside it).": "쓸 HTML 파일(PDF는 그 옆에).",
    "Also write a PDF (WeasyPrint).": "PDF도 씁니다(WeasyPrint).",
    "en | ko: language of the report.": "en | ko: 보고서 언어.",
    "Range (2000-2009) or trend width (5).": "범위(2000-2009) 또는 추세 폭(5).",
    "Round counts.": "빈도를 반올림합니다.",
    "DP release.": "차분 프라이버시 공개.",
    "Number of redacted quotes (0: none).": "가린 인용문 수(0: 없음).",
    "Replace existing output files (never the casebook or its key).":
        "이미 있는 출력 파일을 바꿉니다(케이스북과 그 키는 절대 바꾸지 않음).",
    "Graph of perpetrators, places and victims from accepted events, with bridging brokers.\n\n"
    "The file is encrypted with age (to --recipient, or $CASEBOOK_EXPORT_PASSPHRASE) unless\n"
    "--plaintext. Women appear only as labels that mean nothing outside the file, and places\n"
    "told by fewer than --k women are coarsened or withheld.\nExample: casebook network "
    "--format graphml --out brokers.graphml.age --recipient age1…":
        "승인된 사건에서 가해자, 장소, 피해자의 그래프를 만들고 연결 브로커를 찾습니다.\n\n"
        "--plaintext가 아니면 파일은 age로 암호화됩니다(--recipient 또는 "
        "$CASEBOOK_EXPORT_PASSPHRASE).\n여성은 파일 밖에서는 아무 뜻 없는 표지로만 나오고, "
        "--k명보다 적은 여성이 말한 장소는\n넓게 묶이거나 빠집니다.\n예: casebook network "
        "--format graphml --out brokers.graphml.age --recipient age1…",
    "json | graphml (Gephi)": "json | graphml (Gephi)",
    "Where to write the graph (.age unless --plaintext).":
        "그래프를 쓸 위치(--plaintext가 아니면 .age).",
    "A place must be told by at least k women, else it is coarsened (village → county → "
    "province) or withheld.":
        "장소는 최소 k명의 여성이 말해야 합니다. 아니면 넓게 묶이거나(마을 → 군 → 도) 빠집니다.",
    "age public key to encrypt to (repeatable).": "암호화할 age 공개 키(여러 번 지정 가능).",
    "Replace an existing output file.": "이미 있는 출력 파일을 바꿉니다.",
    "Write an encrypted, self-verifying backup (database snapshot + key file + manifest).\n\n"
    "Without --recipient it is encrypted to $CASEBOOK_BACKUP_PASSPHRASE (or a prompt).\n"
    "Restoring needs that AND the casebook passphrase of the day of the backup.\nExample: "
    "casebook backup --out casebook-2026-11-23.backup.age":
        "암호화되고 스스로 검증하는 백업을 씁니다(데이터베이스 스냅숏 + 키 파일 + 목록).\n\n"
        "--recipient가 없으면 $CASEBOOK_BACKUP_PASSPHRASE(또는 입력 요청)로 암호화합니다.\n"
        "복원하려면 그것과 백업 당일의 케이스북 암호문구가 모두 필요합니다.\n예: casebook "
        "backup --out casebook-2026-11-23.backup.age",
    "Backup file to write (.age).": "쓸 백업 파일(.age).",
    "Encrypt to this age public key instead of a passphrase (repeatable).":
        "암호문구 대신 이 age 공개 키로 암호화합니다(여러 번 지정 가능).",
    "Verify a backup and restore it into a directory.\n\nExample: casebook restore "
    "casebook-2026-11-23.backup.age --to restored/":
        "백업을 검증하고 폴더에 복원합니다.\n\n예: casebook restore "
        "casebook-2026-11-23.backup.age --to restored/",
    "A file made by `casebook backup`.": "`casebook backup`으로 만든 파일.",
    "Directory to restore into (must not hold it).":
        "복원할 폴더(백업 파일이 그 안에 있으면 안 됨).",
    "age identity file, for backups encrypted to a public key.":
        "공개 키로 암호화한 백업용 age 신원 파일.",
    "Open the restored casebook (casebook passphrase) and compare it with the manifest.":
        "복원한 케이스북을 (케이스북 암호문구로) 열어 목록과 비교합니다.",
    "Destroy the casebook's keys at once (crypto-shredding), then delete its files.\n\nNothing "
    "can bring it back — only a backup made earlier. No passphrase is needed.\nExample: "
    "casebook wipe --yes":
        "케이스북의 키를 즉시 파기하고(암호학적 파쇄) 파일을 지웁니다.\n\n미리 만든 백업 "
        "말고는 되살릴 방법이 없습니다. 암호문구는 필요 없습니다.\n예: casebook wipe --yes",
    "Do not ask (for scripts and panic buttons).": "묻지 않습니다(스크립트와 비상 버튼용).",
    "Keep the (now unreadable) database files instead of deleting them.":
        "(이제 읽을 수 없는) 데이터베이스 파일을 지우지 않고 둡니다.",
    "Read testimonies and print one JSON object per input (JSON Lines), in input order.":
        "증언을 읽고 입력마다 JSON 객체 하나(JSON Lines)를 입력 순서대로 출력합니다.",
    "Testimony files, directories of .txt files, or - for stdin.":
        "증언 파일, .txt 파일 폴더, 또는 표준 입력을 뜻하는 -.",
    "Emit the flat testimony profile instead of the record.":
        "기록 대신 평면화한 증언 프로필을 출력합니다.",
    "auto | en | ko": "auto | en | ko",
    "Per-key precision/recall/F1 of extracted profiles against gold profiles.":
        "추출한 프로필을 정답 프로필과 비교한 항목별 정밀도/재현율/F1.",
    "Gold profiles (JSON Lines with 'source').": "정답 프로필('source'가 있는 JSON Lines).",
    "Testimony files or directories the gold rows name.": "정답 행이 가리키는 증언 파일이나 폴더.",
    "Also write the scores as JSON to this file.": "점수를 이 파일에 JSON으로도 씁니다.",
    "Replace an existing --out file.": "이미 있는 --out 파일을 바꿉니다.",
    "Serve the web application on the casebook (SQLCipher file or PostgreSQL).\n\nExample: "
    "CASEBOOK_DB=team.db casebook serve --port 8000 --workers 2":
        "케이스북(SQLCipher 파일 또는 PostgreSQL)으로 웹 애플리케이션을 실행합니다.\n\n예: "
        "CASEBOOK_DB=team.db casebook serve --port 8000 --workers 2",
    "Address to bind. Loopback unless you mean it.": "바인드할 주소. 의도한 경우가 아니면 루프백.",
    "TCP port.": "TCP 포트.",
    "Log users out after this much inactivity.": "이만큼 활동이 없으면 로그아웃시킵니다.",
    "Behind TLS: Secure cookies and HSTS.": "TLS 뒤에서: Secure 쿠키와 HSTS.",
    "Worker processes (about one per CPU core); each opens the casebook.":
        "작업 프로세스 수(CPU 코어당 하나 정도). 프로세스마다 케이스북을 엽니다.",
    "Write Casebook's Uwazi template and thesauri (CSV, English and Korean) for Uwazi's "
    "import.\n\nThey hold vocabulary labels only, no records. Example: casebook uwazi-template "
    "--out uwazi/":
        "Uwazi 가져오기용 Casebook 템플릿과 시소러스(CSV, 영어와 한국어)를 씁니다.\n\n어휘 "
        "표지만 들어 있고 기록은 없습니다. 예: casebook uwazi-template --out uwazi/",
    "Folder to write the thesauri and template into.": "시소러스와 템플릿을 쓸 폴더.",
    "Check the hash-chained audit log.": "해시 사슬로 이어진 감사 기록을 확인합니다.",
    "Check every audit entry: finds edited, removed or reordered entries.\n\nExample: casebook "
    "audit verify":
        "감사 기록을 모두 확인합니다: 고쳐졌거나 지워졌거나 순서가 바뀐 항목을 찾습니다.\n\n"
        "예: casebook audit verify",
    "Show the newest audit entries (who did what, when).\n\nExample: casebook audit log "
    "--limit 10":
        "가장 최근 감사 기록(누가, 무엇을, 언제)을 보여 줍니다.\n\n예: casebook audit log "
        "--limit 10",
    "Newest entries to show.": "보여 줄 최근 항목 수.",
    "Grant or withdraw a survivor's consent for one testimony.":
        "증언 하나에 대한 생존자의 동의를 기록하거나 철회합니다.",
    "Withdraw consent: from now on every output leaves this testimony out of that use.\n\nA "
    "scope she does not hold, or a mistyped one, is refused (exit 2) and nothing changes.\n"
    "Example: casebook consent withdraw 4 aggregate_statistics":
        "동의 철회: 이제부터 모든 출력에서 이 증언을 그 용도에서 뺍니다.\n\n당사자가 주지 않은 "
        "범위나 잘못 쓴 범위는 거부되고(종료 코드 2) 아무것도 바뀌지 않습니다.\n예: casebook "
        "consent withdraw 4 aggregate_statistics",
    "Testimony id.": "증언 번호.",
    "Scope to withdraw: aggregate_statistics (stats), anonymous_quotation (quote), "
    "legal_proceedings (legal) or share_with:ORG. Only a scope she holds.":
        "철회할 범위: aggregate_statistics (stats), anonymous_quotation (quote), "
        "legal_proceedings (legal) 또는 share_with:기관. 당사자가 준 범위만.",
    "Record a consent scope the survivor has given.\n\nExample: casebook consent grant 4 "
    "anonymous_quotation":
        "생존자가 준 동의 범위를 기록합니다.\n\n예: casebook consent grant 4 "
        "anonymous_quotation",
    "Scope to grant: aggregate_statistics (stats), anonymous_quotation (quote), "
    "legal_proceedings (legal) or share_with:ORG.":
        "기록할 범위: aggregate_statistics (stats), anonymous_quotation (quote), "
        "legal_proceedings (legal) 또는 share_with:기관.",
    "Estimate the unseen: multiple systems estimation and scenario models with uncertainty.":
        "드러나지 않은 규모를 추정합니다: 다중 체계 추정과 불확실성을 포함한 시나리오 모형.",
    "Multiple systems estimation from a list-overlap table.\n\nExample: casebook estimate mse "
    "uk2013_nrm_6list.csv --method stepwise --json\nFrom a casebook: casebook estimate mse "
    "--from-casebook --lists organisation":
        "명단 중복 표로 다중 체계 추정(MSE)을 합니다.\n\n예: casebook estimate mse "
        "uk2013_nrm_6list.csv --method stepwise --json\n케이스북에서: casebook estimate mse "
        "--from-casebook --lists organisation",
    "CSV with one 0/1 column per list and a 'count' column.":
        "명단마다 0/1 열 하나와 'count' 열이 있는 CSV.",
    "bic | downhill | stepwise | bhs | main | fixed":
        "bic | downhill | stepwise | bhs | main | fixed",
    "Fit this model, e.g. '[12,23]' or 'A:B,B:C' (method fixed).":
        "이 모형을 적합합니다. 예: '[12,23]' 또는 'A:B,B:C'(method fixed).",
    "Highest interaction order for bic/downhill (default by number of lists).":
        "bic/downhill의 최고 상호작용 차수(기본값: 명단 수에 따름).",
    "Stepwise threshold (stepwise 0.02, bhs 0.05).": "단계적 선택 임곗값(stepwise 0.02, bhs 0.05).",
    "BCa bootstrap replicates (0: profile interval only).":
        "BCa 부트스트랩 반복 수(0: 프로파일 구간만).",
    "BIC bootstrap re-selects among this many best models.":
        "BIC 부트스트랩이 다시 고를 최선 모형 수.",
    "Random seed for the bootstrap.": "부트스트랩 난수 시드.",
    "Confidence level.": "신뢰 수준.",
    "Profile likelihood: poisson | multinomial (Rcapture).":
        "프로파일 우도: poisson | multinomial (Rcapture).",
    "Name of the count column.": "빈도 열 이름.",
    "Build the table from linked persons in the casebook.":
        "케이스북에서 연결된 인물로 표를 만듭니다.",
    "With --from-casebook: the field naming each person's list (organisation or source).":
        "--from-casebook과 함께: 각 인물의 명단을 정하는 항목(organisation 또는 source).",
    "Print JSON instead of text.": "텍스트 대신 JSON으로 출력합니다.",
    "A headline number rebuilt from its factors, with a sensitivity table.":
        "요인들로 다시 계산한 대표 수치와 민감도 표.",
    "Scenario model TOML (see examples/scenarios/).":
        "시나리오 모형 TOML(examples/scenarios/ 참고).",
    "Monte Carlo draws.": "몬테카를로 추출 수.",
    "Random seed.": "난수 시드.",
    "Write a tornado chart (.png/.svg/.pdf).": "토네이도 차트를 씁니다(.png/.svg/.pdf).",
    "Find the same woman, broker or village across testimonies and organisations.":
        "증언과 기관을 넘어 같은 여성, 브로커, 마을을 찾습니다.",
    "person | perpetrator | place": "person | perpetrator | place",
    "Lowest match probability for a candidate pair.": "후보 쌍의 최저 일치 확률.",
    "Print JSON instead of a table.": "표 대신 JSON으로 출력합니다.",
    "Encode each person's identifying fields as a Bloom filter that hides the names.\n\nOnly "
    "testimonies whose consent allows sharing with the partner are encoded (--for ORG);\na "
    "withdrawn or missing consent leaves her out. Send the file to a neutral linkage unit\n"
    "(--to UNIT_KEY) rather than to the partner: the partner holds the same secret and could\n"
    "test guessed names against your file.\nExample: casebook link encode --secret-file "
    "shared.key --for \"Bridge of Light\"\n--to age1… --out mine.clk.age":
        "각 인물의 식별 항목을 이름을 감추는 블룸 필터로 부호화합니다.\n\n협력 기관과의 공유에 "
        "동의한 증언만 부호화합니다(--for 기관). 동의를 철회했거나\n동의가 없으면 빠집니다. "
        "파일은 협력 기관이 아니라 중립적인 연계 기관(--to UNIT_KEY)에\n보내세요. 협력 기관은 "
        "같은 비밀을 갖고 있어 추측한 이름을 파일에 대 볼 수 있습니다.\n예: casebook link "
        "encode --secret-file shared.key --for \"Bridge of Light\"\n--to age1… --out "
        "mine.clk.age",
    "File holding the secret shared with the partner (>= 16 bytes).":
        "협력 기관과 공유한 비밀이 든 파일(16바이트 이상).",
    "Where to write the .clk file (.clk.age with --to).":
        ".clk 파일을 쓸 위치(--to와 함께면 .clk.age).",
    "Name of this list in the overlap table (e.g. your organisation).":
        "중복 표에서 이 명단의 이름(예: 우리 기관).",
    "Filter length in bits (both partners must agree).": "필터 길이(비트, 양쪽이 같아야 함).",
    "Balanced filters: every filter has half its bits set.":
        "균형 필터: 모든 필터에서 비트의 절반이 켜집니다.",
    "XOR-fold the filter in half.": "필터를 반으로 XOR 접기합니다.",
    "Flip each bit with this probability (randomised response).":
        "각 비트를 이 확률로 뒤집습니다(무작위 응답).",
    "The partner: only testimonies whose consent allows sharing with it (required when reading "
    "the casebook).":
        "협력 기관: 이 기관과의 공유에 동의한 증언만(케이스북을 읽을 때 필수).",
    "The linkage unit's age public key: the file is encrypted so only the unit can match it.":
        "연계 기관의 age 공개 키: 연계 기관만 대조할 수 있도록 파일을 암호화합니다.",
    "Write the .clk unencrypted, for a direct exchange with the partner (see "
    "docs/threat-model.md).":
        "협력 기관과 직접 교환하도록 .clk를 암호화하지 않고 씁니다(docs/threat-model.md 참고).",
    "A key pair for linkage: the unit's (files are encrypted to it) or an organisation's\n(the "
    "unit's answer is encrypted to it). The private key is protected by\n"
    "$CASEBOOK_LINK_KEY_PASSPHRASE (or a prompt); the public key is printed and in OUT.pub.":
        "연계용 키 쌍: 연계 기관의 키(파일을 이 키로 암호화) 또는 기관의 키(연계 기관의 답을\n"
        "이 키로 암호화). 개인 키는 $CASEBOOK_LINK_KEY_PASSPHRASE(또는 입력 요청)로 보호되고,\n"
        "공개 키는 출력되며 OUT.pub에도 저장됩니다.",
    "Where to write the private key (age-encrypted).": "개인 키를 쓸 위치(age로 암호화).",
    "At the neutral linkage unit: match sealed lists without the organisations' secret and\n"
    "write each organisation only its answer (overlap table + its own matched ids), encrypted.":
        "중립적인 연계 기관에서: 기관들의 비밀 없이 봉인된 명단을 대조하고, 기관마다 그 "
        "기관의\n답(중복 표 + 자기 기록 중 일치한 번호)만 암호화해서 씁니다.",
    "Two or more .clk.age files sealed to this unit.":
        "이 연계 기관에 봉인된 .clk.age 파일 두 개 이상.",
    "The unit's private key (from keygen).": "연계 기관의 개인 키(keygen으로 생성).",
    "LABEL=age1…: the organisation's key its answer is encrypted to (one per list).":
        "LABEL=age1…: 그 기관의 답을 암호화할 키(명단마다 하나).",
    "Folder for the answers (LABEL.result.age).": "답을 쓸 폴더(LABEL.result.age).",
    "Lowest similarity score for a match.": "일치로 볼 최저 유사도 점수.",
    "Replace existing answer files.": "이미 있는 답 파일을 바꿉니다.",
    "Open the linkage unit's answer: the overlap table and your own matched record ids.":
        "연계 기관의 답을 엽니다: 중복 표와 우리 기록 중 일치한 번호.",
    "The answer the linkage unit sent you.": "연계 기관이 보내 온 답.",
    "Your organisation's private key.": "우리 기관의 개인 키.",
    "Match encoded lists one-to-one and count how many people each combination of lists saw.":
        "부호화된 명단을 일대일로 대조하고 명단 조합마다 몇 명을 보았는지 셉니다.",
    "Two or more .clk files encoded with the same secret.":
        "같은 비밀로 부호화한 .clk 파일 두 개 이상.",
    "Lowest similarity score for a match (missing-tolerant Dice).":
        "일치로 볼 최저 유사도 점수(결측을 허용하는 Dice).",
    "Write the matched pairs (CSV) here.": "일치한 쌍(CSV)을 여기에 씁니다.",
    "Write the overlap table (CSV for 'casebook estimate mse') here.":
        "중복 표('casebook estimate mse'용 CSV)를 여기에 씁니다.",
    "Replace existing output files.": "이미 있는 출력 파일을 바꿉니다.",
    "Decide about candidate clusters: accept, split or mark \"not the same\" — all "
    "reversible.\n\nWithout options, walks through the open candidate clusters and asks. "
    "Decisions are kept as\nan append-only log in the casebook; every source record stays, and "
    "--revoke undoes one.\nExample: casebook link review    ·    casebook link review --accept "
    "t3,t17":
        "후보 묶음을 결정합니다: 승인, 분리, \"같은 사람 아님\" 표시. 모두 되돌릴 수 "
        "있습니다.\n\n옵션이 없으면 열린 후보 묶음을 차례로 보여 주며 묻습니다. 결정은 "
        "케이스북에 추가만 되는\n기록으로 남고, 원래 기록은 모두 그대로 있으며, --revoke로 "
        "결정 하나를 취소합니다.\n예: casebook link review    ·    casebook link review "
        "--accept t3,t17",
    "Record ids that are the same (t3,t17). Repeatable.":
        "같은 사람인 기록 번호(t3,t17). 여러 번 지정 가능.",
    "Record ids that are different people.": "서로 다른 사람인 기록 번호.",
    "Groups separated by | (t3,t17|t20). Repeatable.":
        "|로 나눈 무리(t3,t17|t20). 여러 번 지정 가능.",
    "Id of an earlier decision to withdraw. Repeatable.":
        "철회할 이전 결정의 번호. 여러 번 지정 가능.",
    "List the decisions made so far.": "지금까지의 결정을 보여 줍니다.",
    "Carry testimonies from a field machine to HQ, sealed.":
        "현장 컴퓨터의 증언을 봉인해서 본부로 옮깁니다.",
    "Create HQ's key pair. The private key file is itself protected by a passphrase.\n\nGive "
    "field machines the public key (printed, and written to OUT.pub); keep OUT at HQ.\n"
    "Example: CASEBOOK_HQ_KEY_PASSPHRASE=… casebook field keygen --out hq-key.age":
        "본부의 키 쌍을 만듭니다. 개인 키 파일도 암호문구로 보호됩니다.\n\n현장 컴퓨터에는 "
        "공개 키(출력되며 OUT.pub에도 저장)를 주고, OUT은 본부에 둡니다.\n예: "
        "CASEBOOK_HQ_KEY_PASSPHRASE=… casebook field keygen --out hq-key.age",
    "Where to write the HQ private key (age-encrypted).": "본부 개인 키를 쓸 위치(age로 암호화).",
    "Seal new testimonies into a bundle only HQ can open, then delete them here.\n\nExample: "
    "casebook field seal --out 2026-11-23.age --to age1…":
        "새 증언을 본부만 열 수 있는 묶음으로 봉인하고 여기서는 지웁니다.\n\n예: casebook "
        "field seal --out 2026-11-23.age --to age1…",
    "Bundle file to write (.age).": "쓸 묶음 파일(.age).",
    "HQ's age public key (age1…); remembered in the casebook after first use.":
        "본부의 age 공개 키(age1…). 처음 쓴 뒤 케이스북이 기억합니다.",
    "Keep the local copies (they are still marked as sealed). Not for checkpoints.":
        "로컬 사본을 남깁니다(봉인됨으로 표시는 됨). 검문 대비용으로는 쓰지 마세요.",
    "Verify a field bundle and import it at HQ; the same bundle twice changes nothing.\n\n"
    "Example: casebook field open 2026-11-23.age --identity hq-key.age":
        "현장 묶음을 검증하고 본부에서 가져옵니다. 같은 묶음을 두 번 가져와도 바뀌는 것은 "
        "없습니다.\n\n예: casebook field open 2026-11-23.age --identity hq-key.age",
    "A bundle made by `casebook field seal`.": "`casebook field seal`로 만든 묶음.",
    "HQ private key file (from keygen).": "본부 개인 키 파일(keygen으로 생성).",
    "Change or reset the casebook passphrase.": "케이스북 암호문구를 바꾸거나 재설정합니다.",
    "Change the passphrase: re-wraps the data key, nothing is re-encrypted.\n\nExample: "
    "casebook passphrase change":
        "암호문구를 바꿉니다: 데이터 키만 다시 감싸고, 다시 암호화하는 것은 없습니다.\n\n예: "
        "casebook passphrase change",
    "Read the new passphrase from this file. Otherwise $CASEBOOK_NEW_PASSPHRASE or a prompt.":
        "새 암호문구를 이 파일에서 읽습니다. 없으면 $CASEBOOK_NEW_PASSPHRASE 또는 입력 요청.",
    "Set a new passphrase with the organisation recovery key (the old one is lost).\n\n"
    "Example: casebook passphrase reset --recovery-key-file /media/safe/recovery.txt":
        "기관 복구 키로 새 암호문구를 정합니다(이전 암호문구는 잃어버린 경우).\n\n예: casebook "
        "passphrase reset --recovery-key-file /media/safe/recovery.txt",
    "File holding the recovery key (CBRK-…).": "복구 키(CBRK-…)가 든 파일.",
    "The organisation recovery key.": "기관 복구 키.",
    "Wrap the data key a second time under an organisation recovery key.\n\nExample: casebook "
    "recovery add --out /media/usb/recovery-key.txt":
        "데이터 키를 기관 복구 키로 한 번 더 감쌉니다.\n\n예: casebook recovery add --out "
        "/media/usb/recovery-key.txt",
    "Write a NEW recovery key to this file (move it offline, then delete it).":
        "새 복구 키를 이 파일에 씁니다(오프라인으로 옮긴 뒤 지우세요).",
    "Use the organisation's existing recovery key from this file.":
        "이 파일에 있는 기관의 기존 복구 키를 씁니다.",
    "Organisations, users and roles of the web application.":
        "웹 애플리케이션의 기관, 사용자, 역할.",
    "Add a user (and the organisation if it is new).\n\nExample: casebook user add mina "
    "--organisation \"Hanul Documentation Centre\" --role reviewer":
        "사용자를 추가합니다(새 기관이면 기관도).\n\n예: casebook user add mina --organisation "
        "\"Hanul Documentation Centre\" --role reviewer",
    "Login name (no spaces).": "로그인 이름(공백 없이).",
    "Organisation (created if new).": "기관(없으면 새로 만듦).",
    "documenter, reviewer, analyst or admin.": "documenter, reviewer, analyst 또는 admin.",
    "Name shown in the interface.": "화면에 보일 이름.",
    "Analysts only: may read testimony texts.": "분석가만: 증언 본문을 열람할 수 있음.",
    "Turn on TOTP two-factor and print the key.": "TOTP 2단계 인증을 켜고 키를 출력합니다.",
    "Read the password from this environment variable (else a prompt).":
        "이 환경 변수에서 비밀번호를 읽습니다(없으면 입력 요청).",
    "List organisations, users and roles.": "기관, 사용자, 역할 목록.",
    "Show this message and exit.": "이 도움말을 보여 주고 끝냅니다.",
    "give the casebook once: {path} or --db {db}, not both":
        "케이스북은 한 번만 주세요: {path} 또는 --db {db}, 둘 다는 안 됩니다",
    "Created encrypted casebook {path} with key file {key} — keep both; lose the key file and "
    "the passphrase, and the data is gone.":
        "암호화된 케이스북 {path}와 키 파일 {key}를 만들었습니다. 둘 다 보관하세요. 키 파일과 "
        "암호문구를 모두 잃으면 데이터는 사라집니다.",
    "Created casebook schema in PostgreSQL at {where}":
        "PostgreSQL {where}에 케이스북 스키마를 만들었습니다",
    "Added testimony {id} ({pseudonym}) with {n} suggested facts":
        "증언 {id}({pseudonym})를 추가했습니다. 제안된 사실 {n}개",
    "Added testimony {id} ({pseudonym})": "증언 {id}({pseudonym})를 추가했습니다",
    "Already in the casebook as testimony {id}; nothing added.":
        "이미 케이스북에 증언 {id}(으)로 있습니다. 추가하지 않았습니다.",
    "Counted (anonymously) in statistics?": "통계에 (익명으로) 집계해도 됩니까?",
    "Quoted anonymously in reports?": "보고서에 익명으로 인용해도 됩니까?",
    "Used in legal proceedings?": "법적 절차에 써도 됩니까?",
    "Organisations she agreed to share with (comma-separated, or empty)":
        "공유에 동의한 기관(쉼표로 구분, 없으면 비워 두기)",
    "import: no readable files found in {paths}":
        "import: {paths}에서 읽을 수 있는 파일을 찾지 못했습니다",
    "importing": "가져오는 중",
    "Imported {added} testimonies; {duplicates} already present; {failed} failed":
        "증언 {added}건을 가져왔습니다. 이미 있음 {duplicates}건, 실패 {failed}건",
    "; stopped, {n} files given.": ". 중단됨, 주어진 파일 {n}개.",
    "Imported {added} testimonies; {duplicates} already present.":
        "증언 {added}건을 가져왔습니다. 이미 있음 {duplicates}건.",
    "id": "번호",
    "person": "당사자",
    "organisation": "기관",
    "lang": "언어",
    "year": "연도",
    "facts ✓/?": "사실 ✓/?",
    "consent": "동의",
    "Testimony {id}": "증언 {id}",
    "no person": "당사자 없음",
    "consent:": "동의:",
    "status": "상태",
    "fact": "사실",
    "value": "값",
    "words": "근거 문장",
    "No testimony contains {query}.": "{query}가 들어 있는 증언이 없습니다.",
    "No testimony contains {query} or its other names.":
        "{query}나 그 다른 이름이 들어 있는 증언이 없습니다.",
    "also searched:": "함께 검색:",
    "an encrypted export needs --recipient, CASEBOOK_EXPORT_PASSPHRASE, or a terminal to ask in":
        "암호화된 내보내기에는 --recipient, CASEBOOK_EXPORT_PASSPHRASE, 또는 물어볼 터미널이 "
        "필요합니다",
    "Passphrase for the export: ": "내보내기 암호문구: ",
    "writing an UNENCRYPTED export: anyone who gets this file can read it. Delete it as soon "
    "as it has served its purpose.":
        "암호화하지 않은 내보내기를 씁니다: 이 파일을 가진 사람은 누구나 읽을 수 있습니다. "
        "쓸모가 끝나면 바로 지우세요.",
    "Wrote {what} to {path} ({how}).": "{what}을(를) {path}에 썼습니다({how}).",
    "PLAINTEXT": "평문",
    "age-encrypted": "age 암호화",
    "{n} entries.": "항목 {n}개.",
    "seq": "순번",
    "when": "시각",
    "who": "누가",
    "action": "작업",
    "target": "대상",
    "Withdrew {scope} for testimony {id}.": "증언 {id}의 {scope} 동의를 철회했습니다.",
    "Granted {scope} for testimony {id}.": "증언 {id}에 {scope} 동의를 기록했습니다.",
    "{problem}; nothing was changed": "{problem}. 아무것도 바꾸지 않았습니다",
    "no casebook given: use --db PATH or set CASEBOOK_DB":
        "케이스북이 지정되지 않았습니다: --db PATH를 쓰거나 CASEBOOK_DB를 설정하세요",
    "passphrase": "암호문구",
    "secret": "비밀",
    "{path}: the {what} file is empty": "{path}: {what} 파일이 비어 있습니다",
    "no passphrase: set CASEBOOK_PASSPHRASE, use --passphrase-file, or run in a terminal":
        "암호문구가 없습니다: CASEBOOK_PASSPHRASE를 설정하거나 --passphrase-file을 쓰거나 "
        "터미널에서 실행하세요",
    "Casebook passphrase: ": "케이스북 암호문구: ",
    "Repeat the passphrase: ": "암호문구를 한 번 더: ",
    "the two passphrases differ": "두 암호문구가 다릅니다",
    "{path} is UNENCRYPTED: anyone who gets this file can read it. Delete it as soon as it has "
    "served its purpose.":
        "{path}는 암호화되지 않았습니다: 이 파일을 가진 사람은 누구나 읽을 수 있습니다. 쓸모가 "
        "끝나면 바로 지우세요.",
    "building the demo casebook": "데모 케이스북을 만드는 중",
    "Demo casebook {path}": "데모 케이스북 {path}",
    "all": "전체",
    "testimonies": "증언",
    "Korean": "한국어",
    "English": "영어",
    "facts accepted": "승인된 사실",
    "consent to statistics": "통계 동의",
    "{n} shown": "{n}건 표시",
    "Demo casebook (kept from the last run; --rebuild builds it anew): {path}":
        "데모 케이스북(지난번 것을 그대로 씀, --rebuild는 새로 만듦): {path}",
    "Demo casebook: {path}": "데모 케이스북: {path}",
    "(key file {path})": "(키 파일 {path})",
    "Passphrase (generated): {secret}. Kept in {path} for the next run: the demo is fictional; "
    "never keep a real casebook's passphrase beside it.":
        "암호문구(생성됨): {secret}. 다음 실행을 위해 {path}에 보관했습니다. 데모는 가상 "
        "자료이기 때문입니다. 실제 케이스북의 암호문구는 절대 그 옆에 두지 마세요.",
    "Passphrase: in {path}": "암호문구: {path}에 있음",
    "Passphrase: the value of CASEBOOK_PASSPHRASE": "암호문구: CASEBOOK_PASSPHRASE의 값",
    "Try: {command}": "해 보기: {command}",
    "port {port} is already in use (is Casebook already running?): stop the other server, or "
    "choose another port with --port (make demo PORT=8001)":
        "포트 {port}은(는) 이미 사용 중입니다(Casebook이 이미 실행 중인가요?). "
        "다른 서버를 멈추거나 --port로 다른 포트를 고르세요(make demo PORT=8001).",
    "Demo logins (fictional data; passwords are new each run)":
        "데모 로그인(가상 자료, 실행할 때마다 비밀번호가 바뀜)",
    "user": "사용자",
    "password": "비밀번호",
    "role": "역할",
    "Usage: ": "사용법: ",
    "suggested": "제안됨",
    "accepted": "승인됨",
    "rejected": "기각됨",
    "method": "방식",
    "purpose": "목적",
    "kind": "종류",
    "facility": "시설",
    "places": "장소",
    "river": "강",
    "count": "횟수",
    "total": "총계",
    "repeat": "반복",
    "sellers": "판 사람",
    "sellers named": "이름이 나온 판 사람",
    "denied": "부인됨",
    "foiled": "무산됨",
    "implied": "암시됨",
    "vague": "모호함",
    "episode": "회차",
    "order": "순서",
    "stated total": "말한 총계",
    "summary": "요약",
    "what": "무엇",
    "surname": "성",
    "birth year": "출생 연도",
    "origin in North Korea": "북한 내 출신지",
    "province in China": "중국 내 거주 성",
    "children in China": "중국에서 낳은 자녀",
    "hukou or ID": "호구·신분증",
    "sex": "성별",
    "yes": "예",
    "no": "아니요",
    "in {place}": "{place}에서",
    "for {amount}": "{amount}에",
    "--lang: {value} is not a language of Casebook; use ko or en":
        "--lang: {value}는 Casebook의 언어가 아닙니다. ko 또는 en을 쓰세요",
    "interrupted; what was stored before is kept": "중단됨. 그 전에 저장한 것은 남아 있습니다",
    "internal error in `{command}` ({where}); nothing of the records is shown. Report this "
    "line; the casebook itself is unchanged unless the command said otherwise.":
        "`{command}`에서 내부 오류({where}). 기록 내용은 보여 주지 않습니다. 이 줄을 알려 "
        "주세요. 명령이 따로 말하지 않았다면 케이스북은 바뀌지 않았습니다.",
    "fact {fact}: not a suggested fact of testimony {id}":
        "사실 {fact}: 증언 {id}의 제안된 사실이 아닙니다",
    "Accepted {accepted}, rejected {rejected}.": "승인 {accepted}개, 기각 {rejected}개.",
    "Testimony {id} has no facts waiting for review.":
        "증언 {id}에는 검토를 기다리는 사실이 없습니다.",
    "(no supporting words)": "(근거 문장 없음)",
    "{n}/{total} · fact {id} · confidence {confidence}":
        "{n}/{total} · 사실 {id} · 신뢰도 {confidence}",
    "[a]ccept [e]dit [r]eject [s]kip [q]uit": "[a]승인 [e]수정 [r]기각 [s]건너뛰기 [q]끝내기",
    "Stopped. {a} accepted, {e} edited, {r} rejected.": "멈춤. 승인 {a}개, 수정 {e}개, 기각 {r}개.",
    "change (e.g. year=1999 amount=3500 currency=RMB place=Yanji, or value=…)":
        "수정 내용(예: year=1999 amount=3500 currency=RMB place=Yanji, 또는 value=…)",
    "Done. {a} accepted, {e} edited and accepted, {r} rejected, {s} left for later.":
        "끝. 승인 {a}개, 수정 후 승인 {e}개, 기각 {r}개, 나중으로 미룸 {s}개.",
    "[default: {}]": "[기본값: {}]",
    "[env var: {}]": "[환경 변수: {}]",
    "[required]": "[필수]",
    "Arguments": "인자",
    "Options": "옵션",
    "Commands": "명령",
    "Error": "오류",
    "Aborted.": "중단했습니다.",
    "Try [blue]'{command_path} {help_option}'[/] for help.":
        "도움말: [blue]'{command_path} {help_option}'[/]",
    "skipped": "건너뜀",
    "none": "없음",
    "warning:": "경고:",
    "Audit chain intact": "감사 기록 사슬 온전함",
    "audit:": "감사:",
    "error:": "오류:",
    "Or: make shell (casebook on the PATH, opened on the demo casebook)":
        "또는: make shell (casebook이 PATH에 있고 데모 케이스북이 열린 셸)",
    "{path}: cannot read {what} file ({reason})":
        "{path}: {what} 파일을 읽을 수 없습니다({reason})",
    "the passphrase does not open this casebook ({key})":
        "이 암호문구로는 케이스북을 열 수 없습니다({key})",
    "the passphrase does not open this casebook": "이 암호문구로는 케이스북을 열 수 없습니다",
    "{path}: no casebook here (create one with `casebook init`)":
        "{path}: 여기에 케이스북이 없습니다(`casebook init`으로 만드세요)",
    "testimony {id}: no such testimony": "증언 {id}: 그런 증언이 없습니다",
    "{path}: a file is already there; choose another path":
        "{path}: 이미 파일이 있습니다. 다른 경로를 고르세요",
    "(none)": "(없음)",
    # issue 12: review completes the record; learning from review
    "Walk through a testimony's suggested facts and accept, edit or reject each one.\n\nAt each "
    "fact, type a (accept), e (edit, then key=value pairs), r (reject), s (skip) or q (quit).\n"
    "An event takes year= month= place= amount= currency= type= notes=, and mood= when she told\n"
    "it otherwise than as having happened: mood=denied (\"they never caught me\"), planned,\n"
    "feared, uncertain, or fact; foiled=yes with mood=planned (a sale she escaped).\n\n"
    "Only accepted facts feed statistics and reports. With --json, prints the suggested facts\n"
    "and their supporting words instead of asking. --add stores a fact the extractor missed,\n"
    "accepted, with the given words as its evidence; --done closes the review.\n"
    "Example: casebook review 3    ·    casebook review 3 --accept 17 --reject 18\n"
    "Example: casebook review 3 --add exploitation=forced_marriage --words \"married me to a "
    "farmer\"":
        "증언에서 제안된 사실을 하나씩 보며 수락, 수정 또는 거부합니다.\n\n각 사실에서 a(수락), "
        "e(수정 후 key=value 쌍), r(거부), s(건너뛰기), q(끝내기)를 입력하세요.\n"
        "사건은 year= month= place= amount= currency= type= notes=를 받고, 일어난 일로\n"
        "말하지 않은 사건은 mood=도 받습니다: mood=denied(\"잡힌 적 없어요\"), planned, feared,\n"
        "uncertain 또는 fact. 계획되었으나 모면한 일(팔려 갈 뻔한 매매)은 "
        "mood=planned foiled=yes.\n\n"
        "수락된 사실만 통계와 보고서에 들어갑니다. --json을 주면 묻지 않고 제안된 사실과\n"
        "그 근거가 되는 말을 출력합니다. --add는 추출기가 놓친 사실을 주어진 말을 근거로\n"
        "수락된 상태로 저장합니다. --done은 검토를 마칩니다.\n"
        "예: casebook review 3    ·    casebook review 3 --accept 17 --reject 18\n"
        "예: casebook review 3 --add exploitation=forced_marriage --words \"농부에게 시집보냈다\"",
    "Add a fact the extractor missed: KEY=VALUE (a profile key, e.g. "
    "exploitation=forced_marriage) or an event type and its fields ('sale amount=3000 "
    "currency=RMB year=1999'). Needs --words; repeatable.":
        "추출기가 놓친 사실 추가: KEY=VALUE(프로필 항목, 예: exploitation=forced_marriage) 또는 "
        "사건 유형과 그 항목('sale amount=3000 currency=RMB year=1999'). --words가 필요하며 "
        "여러 번 쓸 수 있습니다.",
    "The exact words of the text the --add rests on (one per --add, in order).":
        "--add의 근거가 되는 본문의 정확한 말(--add마다 하나씩, 순서대로).",
    "Which time the --words stand in the text when they stand more than once (1 = first); one "
    "for each such --add, in order.":
        "--words가 본문에 여러 번 나올 때 몇 번째인지(1 = 처음). 그런 --add마다 하나씩, "
        "순서대로.",
    "Close the testimony's review (it counts as reviewed).":
        "증언의 검토를 마칩니다(검토 완료로 셉니다).",
    "Open a closed review again.": "마친 검토를 다시 엽니다.",
    "Train suggestions on the reviewers' decisions (closed reviews only); --apply uses them.\n\n"
    "Every accepted, corrected, rejected and added fact of a reviewed testimony is an example.\n"
    "The model proposes answers the rules missed (stored as suggestions marked learned, with the\n"
    "sentence they rest on) and lowers the confidence of suggestions reviewers usually reject.\n"
    "It lives inside the encrypted casebook; nothing is written anywhere else.\n"
    "Example: casebook learn    ·    casebook learn --apply    ·    casebook learn --forget":
        "검토자의 결정(마친 검토만)으로 제안을 학습합니다. --apply로 사용합니다.\n\n"
        "검토를 마친 증언의 수락·수정·거부·추가된 사실이 모두 학습 예가 됩니다.\n"
        "모델은 규칙이 놓친 답을 제안하고(근거 문장과 함께 '학습됨' 표시 제안으로 저장)\n"
        "검토자가 흔히 거부하는 제안의 신뢰도를 낮춥니다.\n"
        "모델은 암호화된 케이스북 안에만 있고, 다른 곳에는 아무것도 쓰지 않습니다.\n"
        "예: casebook learn    ·    casebook learn --apply    ·    casebook learn --forget",
    "After training, store the model's suggestions (marked learned) in every testimony whose "
    "review is not closed. Default: off (docs/extraction.md: no reliable gain in F1 yet).":
        "학습 후 검토가 끝나지 않은 모든 증언에 모델의 제안('학습됨' 표시)을 저장합니다. "
        "기본값: 끔(docs/extraction.md: 아직 F1이 확실히 나아지지 않음).",
    "Reviewed testimonies needed before a model is trained.":
        "모델을 학습하기 전에 필요한 검토 완료 증언 수.",
    "Delete the learned model (its suggestions stay, for review).":
        "학습된 모델을 지웁니다(그 제안은 검토를 위해 남습니다).",
    "Count only testimonies whose review was closed (`casebook review ID --done`).":
        "검토를 마친 증언만 셉니다(`casebook review ID --done`).",
    "review": "검토",
    "reviewed": "검토 완료",
    "in progress": "검토 중",
    "untouched": "미검토",
    # issue 13: statistics, the demo's synthetic cohort
    "Counts, shares with 95% Wilson intervals, and missing values, per table.\n\nShares are of "
    "the persons who answered (the same rule as the report); what disclosure\ncontrol withholds "
    "is explained under each table, with a coarser grouping when one helps.":
        "표마다 인원, 95% 윌슨 신뢰구간이 붙은 비율, 결측을 보여 줍니다.\n\n비율은 응답한 "
        "사람 기준입니다(보고서와 같은 규칙). 공개 통제가\n가린 칸은 표 아래에 이유를 적고, "
        "도움이 되면 더 넓은 범주로 묶어 보여 줍니다.",
    "With --publish: auto | fine | coarse. auto shows a table in coarser groups when that shows "
    "more persons than its withheld fine categories.":
        "--publish와 함께: auto | fine | coarse. auto는 더 넓은 범주로 묶을 때 세부 범주보다 "
        "더 많은 사람이 공개되면 그 표를 넓은 범주로 보여 줍니다.",
    "en | ko: language of labels and notes.": "en | ko: 범주 이름과 설명의 언어.",
    "Of these, {records} records are a synthetic cohort of {persons} fictional persons "
    "(pseudonyms 'S-0001 (synthetic · 합성)'), generated from the figures of the seed reports "
    "so that statistics, estimates and linkage have something to show (docs/demo-corpus.md). "
    "The 40 written testimonies are the rest.":
        "이 가운데 {records}건은 가상의 인물 {persons}명으로 된 합성 집단입니다(가명 "
        "'S-0001 (synthetic · 합성)'). 통계, 추정, 연결이 보여 줄 것이 있도록 시드 보고서의 "
        "수치로 생성했습니다(docs/demo-corpus.md). 나머지는 직접 쓴 증언 40건입니다.",
    "With --from-casebook: the field naming each person's list (organisation or interviewer).":
        "--from-casebook와 함께: 각 사람이 속한 명단을 정하는 필드(organisation 또는 "
        "interviewer).",
    "Print JSON instead of text (the model table lists every model considered).":
        "텍스트 대신 JSON으로 출력합니다(모형 표에 검토한 모든 모형이 들어갑니다).",
    "Models shown (and given a profile interval) in the model table.":
        "모형 표에 보여 줄(프로파일 구간을 계산할) 모형 수.",
    "Write a chart of the estimates by model (.png/.svg/.pdf).":
        "모형별 추정치 그림을 씁니다(.png/.svg/.pdf).",
    "Multiple systems estimation from a list-overlap table.\n\nPrints the overlap of the "
    "lists, the selected model's estimate and interval, the number never\nrecorded, the model "
    "table (df, deviance, AIC, BIC, estimate and interval per model) and the\nfitted cells with "
    "residuals.\n\nExample: casebook estimate mse uk2013_nrm_6list.csv --method stepwise "
    "--json\nFrom a casebook: casebook estimate mse --from-casebook --lists organisation":
        "명단 중복표로 다중체계추정(MSE)을 합니다.\n\n명단의 중복, 선택된 모형의 추정치와 "
        "구간, 한 번도\n기록되지 않은 수, 모형 표(모형마다 자유도, 이탈도, AIC, BIC, 추정치와 "
        "구간)와\n잔차가 붙은 적합 칸을 출력합니다.\n\n예: casebook estimate mse "
        "uk2013_nrm_6list.csv --method stepwise --json\n케이스북에서: casebook estimate mse "
        "--from-casebook --lists organisation",
}

from casebook.cli.locale.ko_cases import KO_CASES  # noqa: E402 - `casebook case …`, kept apart

KO.update(KO_CASES)
