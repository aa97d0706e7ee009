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
    "in_progress": "검토 중",
    "untouched": "미검토",
    "Learned": "학습된 제안",
    "learned from review": "검토에서 학습한 제안",
}
