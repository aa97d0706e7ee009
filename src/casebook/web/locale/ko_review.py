"""Korean for the review page's own parts (issue 12: adding facts from the words, the record
as it will be counted, closing a review); merged into ``ko_messages.KO``."""

KO_REVIEW = {
    "The record as it will be counted": "집계될 기록",
    "denied": "부인됨",
    "missing": "미입력",
    "Add a fact from the words": "본문에서 사실 추가",
    "Words in the text": "본문의 단어",
    "What they say": "무엇을 말하는가",
    "Profile": "프로필",
    "Value": "값",
    "People": "관련 인물",
    "Add as accepted": "승인된 사실로 추가",
    "Fact added and accepted, with the words it rests on.":
        "근거가 되는 단어와 함께 사실을 추가하고 승인했습니다.",
    "Review closed: this testimony counts as reviewed.":
        "검토를 마쳤습니다. 이 증언은 검토 완료로 집계됩니다.",
    "select words, or w, to add a fact": "단어를 선택하거나 w 키를 눌러 사실 추가",
    "Reopen the review": "검토 다시 열기",
    "Close the review: the record is complete": "검토 마치기: 기록이 완성됨",
    "reviewed": "검토 완료",
    "in progress": "검토 중",
    "untouched": "미검토",
    "learned from review": "검토에서 학습한 제안",
    "Choose what the words say: a profile key or an event type.":
        "단어가 무엇을 말하는지 고르십시오: 프로필 항목이나 사건 유형.",
    "Select the words the fact rests on in the text, or press w and type them.":
        "사실의 근거가 되는 단어를 본문에서 선택하거나, w 키를 누르고 입력하십시오.",
    "Testimony %(id)s: the words given are not in its text. Select them in the text, or type "
    "them exactly as they are written.":
        "증언 %(id)s: 입력한 단어가 본문에 없습니다. 본문에서 선택하거나 쓰인 그대로 "
        "입력하십시오.",
    "Testimony %(id)s: the words given stand %(n)s times in its text. Select the ones you mean "
    "in the text, or give more words.":
        "증언 %(id)s: 입력한 단어가 본문에 %(n)s번 나옵니다. 본문에서 원하는 곳을 선택하거나 "
        "단어를 더 입력하십시오.",
}
