"""The page helpers that put stored words into HTML (``casebook.web.render``): a testimony's
words are always escaped, only the search marks become markup, a selected option is marked once,
and the template environment escapes by default."""

from __future__ import annotations

import pytest

from casebook.web import i18n
from casebook.web.render import environment, select_options, snippet_html, vocab_label


@pytest.mark.parametrize(("stored", "html"), [
    ("she was sold in ⟦Yanji⟧ for 3,000 yuan", "she was sold in <mark>Yanji</mark> for 3,000 yuan"),
    ("⟦연길⟧에서 ⟦팔렸다⟧", "<mark>연길</mark>에서 <mark>팔렸다</mark>"),
    ("no match at all", "no match at all"),
    ("", ""),
])
def test_a_snippet_marks_the_matches(stored, html):
    assert str(snippet_html(stored)) == html


@pytest.mark.parametrize("stored", [
    '<script>alert("x")</script> ⟦Musan⟧',
    '⟦<img src=x onerror=alert(1)>⟧',
    "Tom & Jerry's \"broker\" ⟦<b>⟧",
])
def test_a_snippet_never_lets_stored_words_become_markup(stored):
    html = str(snippet_html(stored))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert html.count("<mark>") == stored.count("⟦")
    assert html.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_options_escape_their_labels_and_mark_only_the_selected_one():
    items = [("cn-yanji", "Yanji <Jilin>"), ("kp-musan", 'Musan "North"'), ("x&y", "x & y")]
    html = str(select_options(items, "kp-musan"))
    assert html.count("<option") == 3 and html.count(" selected>") == 1
    assert '<option value="kp-musan" selected>Musan &#34;North&#34;</option>' in html
    assert "Yanji &lt;Jilin&gt;" in html and 'value="x&amp;y"' in html
    assert " selected" not in str(select_options(items))
    assert " selected" not in str(select_options(items, "not-there"))
    # the cached HTML is not changed by a selection
    assert select_options(items, "cn-yanji") != select_options(items, "kp-musan")
    assert str(select_options(items)).count(" selected") == 0


def test_a_selected_value_that_needs_escaping_is_still_found():
    items = [("a&b", "A and B"), ("c", "C")]
    assert '<option value="a&amp;b" selected>' in str(select_options(items, "a&b"))


def test_vocabulary_labels_follow_the_interface_language():
    token = i18n.set_language("ko")
    try:
        korean = vocab_label("event_type", "sale")
    finally:
        i18n._current.reset(token)
    assert korean == vocab_label("event_type", "sale", "ko") != vocab_label("event_type", "sale",
                                                                          "en")
    assert vocab_label("event_type", "<b>new code</b>", "en") == "<b>new code</b>"  # as data


def test_templates_escape_by_default_and_the_snippet_filter_keeps_its_marks():
    env = environment()
    page = env.from_string("<p>{{ words }}</p><p>{{ hit|snippet }}</p>").render(
        words="<script>x</script>", hit="<i>a</i> ⟦b⟧")
    assert page == ("<p>&lt;script&gt;x&lt;/script&gt;</p>"
                    "<p>&lt;i&gt;a&lt;/i&gt; <mark>b</mark></p>")
