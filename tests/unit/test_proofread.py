"""Arabic proofreading (newsroom/core/proofread.py): a table of cases for each check, what it
finds and, as much, what it must leave alone (numbers, Latin, code, addresses, different words).
The seed article's own slips (content/ar/news/arab-city-day.md) are among the cases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsroom.core.contract import parse_header
from newsroom.core.problems import Collector
from newsroom.core.proofread import (
    CHECKS,
    Finding,
    check_article,
    check_text,
    parse_off,
    suggest_check,
    wasl_fix,
)

PROJECT = Path(__file__).resolve().parents[2]
SEED = PROJECT / "content" / "ar" / "news" / "arab-city-day.md"
KNOWN = PROJECT / "tests" / "fixtures" / "proofread_cases.json"

# (text, check, what the message quotes, what the suggestion writes)
FOUND = [
    # tatweel: between two letters of a word
    ("جائزة الشـرق الأوسـط", "tatweel", "«الشـرق»", "«الشرق»"),
    ("من قـبل معـهـد الجائزة", "tatweel", "«معـهـد»", "«معهد»"),
    ("والتنافـسـية العالمية", "tatweel", "«والتنافـسـية»", "«والتنافسية»"),
    # spacing around brackets and punctuation
    ("في مجال نظم المعلومات(النظم والبرمجيات)", "spacing", "«المعلومات(النظم»", "«المعلومات (النظم»"),
    ("قال«نعم» ثم مضى", "spacing", "«قال«نعم»»", "«قال «نعم»»"),
    ("انظر[الدليل](guide.md) أولاً", "spacing", "no space before the bracket", "«انظر [الدليل]"),
    ("شعار العام (نحو مدن عربية ذكية )", "spacing", "«ذكية )»", "«ذكية)»"),
    ("شعار العام ( نحو مدن عربية ذكية)", "spacing", "«( نحو»", "«(نحو»"),
    ("مسقط ، خاص", "spacing", "«مسقط ،»", "«مسقط،»"),
    ("من أهمها : الحصول", "spacing", "«أهمها :»", "«أهمها:»"),
    ("هل حضرت ؟", "spacing", "«حضرت ؟»", "«حضرت؟»"),
    ("انتهى الاجتماع .", "spacing", "«الاجتماع .»", "«الاجتماع.»"),
    ("مسقط،خاص", "spacing", "«مسقط،خاص»", "«مسقط، خاص»"),
    ("أولاً؛ثانياً", "spacing", "«أولاً؛ثانياً»", "«أولاً؛ ثانياً»"),
    # Latin punctuation in Arabic text
    ("مسقط, عمان", "latin-punctuation", "comma «,»", "«مسقط، عمان»"),
    ("أولاً; ثانياً", "latin-punctuation", "semicolon «;»", "«أولاً؛ ثانياً»"),
    ("هل حضرت?", "latin-punctuation", "question mark «?»", "«حضرت؟»"),
    ("في عام 2020, وقد فازت", "latin-punctuation", "«2020, وقد»", "«2020، وقد»"),
    # doubled spaces
    ("حددت البلدية  موعداً", "double-space", "2 spaces between «البلدية» and «موعداً»", "«البلدية موعداً»"),
    ("انتهى.   ثم بدأ", "double-space", "3 spaces", "«انتهى. ثم»"),
    # hamzat al-wasl written with إ
    ("تشجيع الإبداع والإبتكار", "hamza", "«والإبتكار»", "«والابتكار»"),
    ("خطة إستراتيجية جديدة", "hamza", "«إستراتيجية»", "«استراتيجية»"),
    ("بإستخدام التقنية", "hamza", "«بإستخدام»", "«باستخدام»"),
    ("حسن الإستخدام", "hamza", "«الإستخدام»", "«الاستخدام»"),
    ("نتائج الإنتخابات", "hamza", "«الإنتخابات»", "«الانتخابات»"),
    ("عقد إجتماع اللجنة", "hamza", "«إجتماع»", "«اجتماع»"),
    ("إبتداء من اليوم", "hamza", "«إبتداء»", "«ابتداء»"),
    ("فرص للإستثمار", "hamza", "«للإستثمار»", "«للاستثمار»"),
    ("إنطلاق الفعالية", "hamza", "«إنطلاق»", "«انطلاق»"),
    ("حسن الإختيار", "hamza", "«الإختيار»", "«الاختيار»"),
    ("مركز الإتصال", "hamza", "«الإتصال»", "«الاتصال»"),
    ("بعد الإنتقال", "hamza", "«الإنتقال»", "«الانتقال»"),
    ("كتب إسمه", "hamza", "«إسمه»", "«اسمه»"),
    ("يوم الإثنين", "hamza", "«الإثنين»", "«الاثنين»"),
    # hamzat al-qat' left out, where the bare form is no other word
    ("انضمت الى المنظمة", "hamza", "«الى» is written without its hamza", "«إلى»"),
    ("اذا أردت", "hamza", "«اذا»", "«إذا»"),
    ("وفازت ايضاً بجائزة", "hamza", "«ايضاً»", "«أيضاً»"),
    # a stray conjunction
    ("العلاقات و البلدية", "stray-waw", "«و» stands apart from «البلدية»", "«والبلدية»"),
    (
        "والتي تخدم والبلدية أهدافًا مشتركة",
        "stray-waw",
        "«و» in «تخدم والبلدية» joins nothing",
        "«تخدم البلدية»",
    ),
]

# (text, why nothing is to be said about it)
LEFT_ALONE = [
    ("تحتفي اليوم بلدية مسقط بيوم المدينة العربية.", "plain, correct Arabic"),
    ("عام 1441هـ الموافق 2020م", "a final tatweel after one letter: the abbreviation هـ"),
    ("الموارد جـ و د في المنطقة", "letters naming items: جـ, and «و» before a single letter"),
    ("لـ Microsoft وبـ 20 ريالاً", "a tatweel before Latin or digits joins them, nothing stretched"),
    ("مُنجزات عديدة وأهدافًا مشتركة", "vowel marks are not tatweel"),
    ("بلغت التكلفة 1,000 ريال و3,5 كيلومتر", "digits on both sides of the comma: a number"),
    ("Muscat, Oman; is it open?", "a Latin sentence"),
    ("فاز موقع Muscat Municipality, Oman بالجائزة", "a comma inside a Latin run"),
    ("راجع https://www.example.org/ar?page=1,2;x الآن", "an address"),
    ("راجع <https://example.org/a,b> أو info@example.org الآن", "an autolink and an e-mail address"),
    ("اكتب `الإبتكار, الشـرق(x)` كما هو", "a code span"),
    ('<span title="الشـرق, الأوسـط">نص</span>', "an HTML attribute"),
    ("انظر [الدليل](https://example.org/دليل,الشـرق) هنا", "a link's target"),
    ("وفاز و[موقع البلدية](https://example.org) بالجائزة", "«و» joined to a link's text"),
    ("قال «نعم» ثم مضى (بلديتي) كأحد المشاريع", "brackets spaced as they should be"),
    ("قال »نعم« ثم مضى", "quotations opened with » (the other convention)"),
    ("| الاسم    | القيمة |", "a table's padding"),
    ("-   عنصر في قائمة", "the space after a list marker"),
    ("سطر ينتهي بمسافتين  ", "two spaces ending a line: a Markdown line break"),
    ("هذا ... وذاك", "an ellipsis"),
    ("النسبة .5 فقط", "a decimal point"),
    ("ص.ب 123 ود.محمد", "abbreviations with a full stop"),
    ("إنتاج وإنجاز وإنسان وإتقان وإتمام وإنشاء وإمتاع وإفتاء", "hamzat al-qat' (form IV and nouns)"),
    ("إسرائيل وإسطنبول وإستانبول وإستونيا وإيتاليا", "names that begin with إ"),
    ("الإنترنت والإلكترونية والإدارة والإجراءات", "words whose إ is right"),
    ("أن إن ان", "short words, and ان (أن or إن?) left alone"),
    ("الذي يعمل والده في البلدية", "والده (his father) is no «و» + «الده»"),
    ("التي تخدمها والبلدية", "the verb has an object: «و» joins to something"),
    ("التي تعمل والتي تخطط", "«و» joins two relative clauses"),
    ("زار والى مسقط المعرض", "والى may be والي (governor): not in the list of missing hamzas"),
]


@pytest.mark.parametrize(("text", "check", "message", "suggestion"), FOUND)
def test_each_check_finds_what_it_is_for(text: str, check: str, message: str, suggestion: str) -> None:
    findings = [f for f in check_text(text) if f.check == check]
    assert any(message in f.message and suggestion in f.suggestion for f in findings), (text, check_text(text))


@pytest.mark.parametrize(("text", "why"), LEFT_ALONE)
def test_what_is_right_is_left_alone(text: str, why: str) -> None:
    assert check_article([(text, 1)]) == [], why


MIXED = [
    # (text, the pair reported, or None)
    ("الالكترونية ثم الإلكترونية", ("«الالكترونية»", "«الإلكترونية»")),
    ("والالكترونية ثم الإلكترونية", ("«الالكترونية»", "«الإلكترونية»")),  # و+ال then ال
    ("بالإلكترونية ثم الالكترونية", ("«الإلكترونية»", "«الالكترونية»")),  # ب+ال
    ("للإلكترونية ثم الالكترونية", ("«الإلكترونية»", "«الالكترونية»")),  # لل = ل + ال
    ("الانترنت ثم الإنترنت", ("«الانترنت»", "«الإنترنت»")),
    ("الأنظمة ثم والانظمة", ("«الأنظمة»", "«الانظمة»")),
    ("استاذ ثم أستاذ", ("«استاذ»", "«أستاذ»")),
    ("أعلام ثم إعلام", None),  # flags and media: two words, both with hamza
    ("أمن ثم آمن", None),  # short, and both with hamza
    ("أنها ثم انها", None),  # انها: أنها or إنها?
    ("واحد ثم وأحد", None),  # one, and «و» + someone
    ("وابدأ ثم وأبدا", None),  # begin, and never
    ("الاتباع ثم الأتباع", None),  # following (wasl) and followers
    ("الإبتكار ثم الابتكار", None),  # the hamza check says which is right
    ("الشـرق ثم الشرق", None),  # the tatweel check's
    ("مُنجزات ثم منجزات", None),  # vowel marks are optional
    ("الالكتروني ثم الإلكترونية", None),  # two words (masculine, feminine)
]


@pytest.mark.parametrize(("text", "pair"), MIXED)
def test_mixed_spellings_only_where_they_differ_by_a_hamza(text: str, pair: tuple[str, str] | None) -> None:
    found = [f.message for f in check_article([(text, 1)]) if f.check == "mixed-spelling"]
    if pair is None:
        assert found == []
    else:
        assert len(found) == 1, found
        assert found[0].startswith(f"{pair[0]} (line 1) and {pair[1]} (line 1) are one word spelt two ways")


def test_mixed_spellings_name_both_forms_and_their_lines_across_title_and_body() -> None:
    title = ("الخدمات الإلكترونية", 1)
    body = ("نص أول\n\nوالخدمات الالكترونية متاحة.\n\nالالكترونية أيضاً.", 4)
    (finding,) = [f for f in check_article([body, title]) if f.check == "mixed-spelling"]
    assert finding.line == 6  # where the second spelling first appears
    assert finding.message == (
        "«الإلكترونية» (line 1) and «الالكترونية» (lines 6, 8) are one word spelt two ways in this article"
    )
    assert finding.action == (
        "choose one spelling and use it throughout (or add 'Proofread-Off: mixed-spelling' to the header to keep it)"
    )


def test_lines_count_from_the_first_line_and_skip_code_blocks() -> None:
    text = "سطر\n\n```\nالشـرق(كود)\n```\n\n    الشـرق في كتلة مزاحة\n\nالشـرق هنا"
    findings = check_text(text, first_line=10)
    assert [(f.line, f.check) for f in findings] == [(18, "tatweel")]


def test_the_same_slip_twice_on_a_line_is_said_once() -> None:
    (finding,) = check_text("جائزة الشـرق الأوسط ومعهد الشـرق")
    assert finding.message == "tatweel stretches the word «الشـرق» (2 times on this line)"


def test_off_turns_checks_off() -> None:
    text = "جائزة الشـرق و البلدية"
    assert {f.check for f in check_text(text)} == {"tatweel", "stray-waw"}
    assert {f.check for f in check_text(text, off={"tatweel"})} == {"stray-waw"}
    assert check_text(text, off=CHECKS) == []


def test_the_action_says_how_to_keep_the_text() -> None:
    finding = Finding(12, "tatweel", "tatweel stretches the word «الشـرق»", "write «الشرق»")
    assert finding.action == "write «الشرق» (or add 'Proofread-Off: tatweel' to the header to keep it)"


@pytest.mark.parametrize(
    ("value", "known", "unknown"),
    [
        ("tatweel", {"tatweel"}, []),
        ("tatweel, mixed-spelling", {"tatweel", "mixed-spelling"}, []),
        ("Tatweel، Mixed_Spelling", {"tatweel", "mixed-spelling"}, []),
        ("all", set(CHECKS), []),
        ("tatweal, hamza", {"hamza"}, ["tatweal"]),
    ],
)
def test_parse_off(value: str, known: set[str], unknown: list[str]) -> None:
    assert parse_off(value) == (frozenset(known), unknown)


def test_a_misspelt_check_name_gets_a_suggestion() -> None:
    assert suggest_check("tatweal") == "tatweel"
    assert suggest_check("mixed spelling") == "mixed-spelling"
    assert suggest_check("zzz") is None


@pytest.mark.parametrize(
    ("word", "fixed"),
    [
        ("الإبتكار", "الابتكار"),
        ("والإبتكار", "والابتكار"),
        ("فبالإستخدام", "فبالاستخدام"),
        ("للإستثمار", "للاستثمار"),
        ("الإستراتيجيات", "الاستراتيجيات"),
        ("الإجتماعية", "الاجتماعية"),
        ("إتحاد", "اتحاد"),
        ("الإبداع", None),
        ("إنتاج", None),
        ("إتقان", None),
        ("إستونيا", None),
        ("الابتكار", None),
    ],
)
def test_wasl_fix(word: str, fixed: str | None) -> None:
    assert wasl_fix(word) == fixed


def test_the_seed_articles_slips_are_each_found() -> None:
    """The lead article as the team wrote it: each slip an Arabic editor would fix is found, on
    its line, and nothing else is said about it."""
    header = parse_header(SEED.read_text("utf-8"), SEED, Collector())
    pieces = [(header.body, header.body_line)] + [
        (header.fields[key].value, header.fields[key].line) for key in ("title", "summary")
    ]
    found = {(f.line, f.check, f.message) for f in check_article(pieces)}
    assert (22, "tatweel", "tatweel stretches the word «الشـرق» (2 times on this line)") in found
    assert (22, "spacing", "no space before the bracket in «المعلومات(النظم»") in found
    assert (16, "hamza", "«والإبتكار» has a hamza (إ) on an alef that is hamzat al-wasl") in found
    assert (14, "stray-waw", "«و» in «تخدم والبلدية» joins nothing: the verb «تخدم» comes right before it") in found
    assert (
        24,
        "mixed-spelling",
        "«الالكترونية» (lines 16, 20) and «الإلكترونية» (line 24) are one word spelt two ways in this article",
    ) in found
    # Line 22 stretches 15 words (two of them twice); nothing else in the article is said.
    assert sum(1 for line, check, _ in found if check == "tatweel" and line == 22) == 13
    assert {check for _, check, _ in found} == {"tatweel", "spacing", "hamza", "stray-waw", "mixed-spelling"}
    assert len(found) == 17


# What authors paste: Arabic with marks and tatweel, Latin, digits, brackets, punctuation, Markdown.
_PIECES = st.sampled_from(
    ["الشـرق", "الإبتكار", "الالكترونية", "الإلكترونية", "والتي", "تخدم", "والبلدية", "و", "الى", "ـ", "ً", "هـ"]
    + list("ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءأإآؤئ")
    + list("abcXYZ019 ,;?.:!()[]«»،؛؟`*#|-<>\n\t")
    + ["  ", "```", "    ", "https://x.org/a,b", "<!--", "-->", "](x)", "&amp;", "\u00a0"]
)


@given(st.lists(_PIECES, max_size=60), st.integers(min_value=1, max_value=50))
@settings(max_examples=400, deadline=None)
def test_any_text_gives_findings_on_its_own_lines(pieces: list[str], first: int) -> None:
    text = "".join(pieces)
    findings = check_article([(text, first), ("الشـرق، الأوسط", first + 1000)])
    last = first + text.count("\n")
    for finding in findings:
        assert finding.check in CHECKS
        assert first <= finding.line <= last or finding.line == first + 1000
        assert finding.message and finding.suggestion


def _known_cases() -> list[dict[str, Any]]:
    return json.loads(KNOWN.read_text("utf-8"))


@pytest.mark.parametrize("case", _known_cases())
def test_known_inputs_get_exactly_their_known_findings(case: dict[str, Any]) -> None:
    """A fixed table (tests/fixtures/proofread_cases.json): the tests' strings run together, and
    generated text with marks, tatweel, hamza variants of words with prefixes, markup and Latin,
    each with the findings it got, word for word and in order. A change made for speed must find
    exactly the same; tools/proofread_bench.py compares two versions on far more inputs, and
    writes this table again (`--write-cases`) when a rule is meant to find something else."""
    pieces = [(text, line) for text, line in case["pieces"]]
    if case["article"]:
        found = check_article(pieces, case["off"])
    else:
        (text, line), *_ = pieces
        found = check_text(text, line, case["off"])
    assert [[f.line, f.check, f.message, f.suggestion] for f in found] == case["findings"]
