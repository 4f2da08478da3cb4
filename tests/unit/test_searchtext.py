"""The search normaliser (newsroom/core/searchtext.py) and what the index is given of a page
(newsroom/pipeline/searchpage.py). The table of cases is shared with the JavaScript
normaliser, which the browser tests hold to the same table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsroom.core.searchtext import index_word, normalise
from newsroom.pipeline.searchpage import read_page, staged_page

TABLE = json.loads((Path(__file__).parent.parent / "fixtures" / "search_normaliser.json").read_text("utf-8"))


@pytest.mark.parametrize("case", TABLE, ids=[c["why"] for c in TABLE])
def test_the_shared_table(case: dict[str, str]) -> None:
    assert normalise(case["input"]) == case["expected"]


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("والتحول", "التحول"),
        ("والإبتكار", "الابتكار"),
        ("والتنافـسـية", "التنافسية"),
        ("وتخطيط", "تخطيط"),
        ("بالبلدية", "البلديه"),
        ("الجَائِزَة", "جائزة"),
        ("مبنى", "مبني"),
        ("٢٠٢٠", "2020"),
    ],
)
def test_a_word_as_written_and_as_typed_meet(written: str, typed: str) -> None:
    assert index_word(written) == normalise(typed)


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=20))
def test_an_indexed_word_is_one_word(token: str) -> None:
    # one for one with the page's words: never empty, never split in two
    for piece in token.split():
        word = index_word(piece)
        assert word and len(word.split()) == 1


PAGE = """<!DOCTYPE html><html lang="ar"><body><header>القائمة</header>
<article data-pagefind-body data-pagefind-sort="date:2024-05-02" data-pagefind-meta="date:2024-05-02">
<span hidden data-pagefind-filter="type">جائزة</span>
<span hidden data-pagefind-meta="awarder">معهد الجائزة</span>
<h1 data-pagefind-meta="title">جائزة <bdi>الشرق</bdi> الأوسط</h1>
<dl data-pagefind-ignore><div><dt>الجهة المانحة</dt><dd>معهد</dd></div>
<div><dt>التاريخ</dt><dd>غير معروف</dd></div></dl>
<p class="meta" aria-hidden="true">20 رجب 1441 هـ</p>
<div class="prose"><p>حصلت البلدية على <strong>الجائزة</strong></p><p>والتنافـسـية<br>العالمية</p>
<h2>النتائج</h2><ul><li>أولاً</li><li>ثانياً</li></ul><script>var x = "لا";</script></div>
</article><footer>تذييل</footer></body></html>"""


def test_the_index_gets_the_words_without_labels_or_furniture() -> None:
    page = read_page(PAGE)
    assert page.title == "جائزة الشرق الأوسط"
    assert page.words == "جائزة الشرق الأوسط حصلت البلدية على الجائزة والتنافـسـية العالمية النتائج أولاً ثانياً".split()
    assert ("h2", ["النتائج"]) in page.blocks
    assert ("type", "جائزة") in page.filters
    assert ("awarder", "معهد الجائزة") in page.meta and ("date", "2024-05-02") in page.meta
    assert page.sort == [("date", "2024-05-02")]
    staged = staged_page(page, "ar")
    for furniture in ("الجهة المانحة", "غير معروف", "رجب", "القائمة", "تذييل", "var x"):
        assert furniture not in staged
    assert "<h1>جاءز شرق اوسط</h1>" in staged  # the title, indexed as the title
    assert "تنافس عالم" in staged  # the text's words in the indexed form, block after block
    assert '<span data-pagefind-meta="title">جائزة الشرق الأوسط</span>' in staged  # the author's spelling


def test_hostile_text_stays_text_in_the_staged_page() -> None:
    page = read_page(
        '<article data-pagefind-body><h1 data-pagefind-meta="title">&lt;img src=x onerror=alert(1)&gt;</h1>'
        "<p>&lt;/main&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;x&quot;</p></article>"
    )
    staged = staged_page(page, "en")
    assert "<script>" not in staged and "<img" not in staged and "</main>" in staged  # the real one
    assert staged.count("</main>") == 1
