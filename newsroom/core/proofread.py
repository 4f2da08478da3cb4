"""Arabic proofreading: what an Arabic editor would fix, as notices the author may ignore.

Pure functions over text: a piece of Markdown (or a header value) and the line it starts on
give a list of `Finding`s (line, check name, what is wrong, what to write instead). The
build reports them as notices (never errors or warnings: the author decides), and an article
silences one or more checks for itself with `Proofread-Off: tatweel, mixed-spelling`.

Only Arabic text is looked at: code spans and blocks, URLs, e-mail addresses, HTML tags and
link targets are masked first, and every rule is anchored on an Arabic letter, so Latin runs
and numbers (``1,000``) are left alone. The rules are deliberately conservative (a notice
nobody believes is worse than none); docs/proofreading.md says what each one finds.

The checks (their names are what `Proofread-Off:` takes):

- ``tatweel``: the stretching character ـ (U+0640) between two letters of a word
  («الشـرق»); a final one after a single letter (the abbreviation «هـ») is fine.
- ``spacing``: no space before an opening bracket after a word («المعلومات(النظم»), a
  space just inside a bracket, a space before ، ؛ . : ؟ !, no space after ، ؛ ؟.
- ``latin-punctuation``: ``,`` ``;`` ``?`` written after an Arabic word (or between a
  number and an Arabic word), where Arabic has ، ؛ ؟.
- ``double-space``: two or more spaces between words (not indentation, not table padding).
- ``mixed-spelling``: one word written with and without a hamza on its alef in one
  article («الالكترونية» and «الإلكترونية»). Only forms that differ by أ/إ/آ against a bare
  ا are compared (after removing tatweel and vowel marks), so أن/إن, أعلام/إعلام or أمن/آمن,
  which are different words, never meet; short words and ambiguous ones (انها…) are skipped.
- ``hamza``: hamzat al-wasl written as إ («الإبتكار» → «الابتكار»), by rule for the verbal
  nouns of forms VII, VIII and X and by list for a few common words (اسم، ابن، اتصال…); and a
  short list of words that are never right without their hamza («الى» → «إلى»).
- ``stray-waw``: the conjunction و standing apart from its word («و البلدية»), or straight
  after the verb of a relative clause, joining nothing («التي تخدم والبلدية»).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

__all__ = [
    "ALL",
    "CHECKS",
    "KEY",
    "LANGS",
    "Finding",
    "applies_to",
    "check_article",
    "check_text",
    "parse_off",
    "suggest_check",
    "wasl_fix",
]

# Check name -> what it finds (the names `Proofread-Off:` takes).
CHECKS: dict[str, str] = {
    "tatweel": "the stretching character ـ inside a word",
    "spacing": "spaces around brackets and punctuation",
    "latin-punctuation": "Latin , ; ? in Arabic text",
    "double-space": "two or more spaces between words",
    "mixed-spelling": "one word written with and without a hamza in one article",
    "hamza": "hamzat al-wasl written as إ, or a common word without its hamza",
    "stray-waw": "the conjunction و apart from its word, or joining nothing",
}
ALL = "all"  # `Proofread-Off: all` silences every check
KEY = "Proofread-Off"  # the header key, as authors write it
LANGS = frozenset({"ar"})  # the languages whose files are proofread


def applies_to(lang: str) -> bool:
    """Whether files of `lang` are proofread (the checks are for Arabic)."""
    return lang in LANGS


@dataclass(frozen=True)
class Finding:
    """One proofreading notice: where, which check, what is wrong, what to write instead."""

    line: int
    check: str
    message: str
    suggestion: str

    @property
    def action(self) -> str:
        """The suggestion, and how to keep the text as it is."""
        return f"{self.suggestion} (or add '{KEY}: {self.check}' to the header to keep it)"


def parse_off(value: str) -> tuple[frozenset[str], list[str]]:
    """The checks a `Proofread-Off:` value names, and the names it has that are no check.

    Names are separated by commas (, or ،), compared without case; `all` names every check.
    """
    known: set[str] = set()
    unknown: list[str] = []
    for item in re.split(r"[,،]", value):
        name = re.sub(r"[\s_]+", "-", item.strip().lower())
        if not name:
            continue
        if name == ALL:
            known.update(CHECKS)
        elif name in CHECKS:
            known.add(name)
        else:
            unknown.append(item.strip())
    return frozenset(known), unknown


def suggest_check(name: str) -> str | None:
    """The check name closest to a misspelt one, or None."""
    close = difflib.get_close_matches(name.strip().lower(), [*CHECKS, ALL], n=1, cutoff=0.6)
    return close[0] if close else None


# --- Characters -----------------------------------------------------------------------------
_LETTER = "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
_MARK = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
_TATWEEL = "\u0640"
_L = f"[{_LETTER}]"  # an Arabic letter
_M = f"[{_MARK}]"  # a vowel or other mark
_WORD = re.compile(f"[{_LETTER}{_MARK}{_TATWEEL}]+")
_IS_LETTER = re.compile(_L)
_STRIP = re.compile(f"[{_MARK}{_TATWEEL}]")
_HAMZA_ALEFS = "أإآ"
_MASK = "\ufffc"  # stands in for what is not text (code, addresses, tags)
# Distinct words whose findings are remembered (words come back all the time: a 2,000-pair
# corpus has a few tens of thousands of distinct Arabic words in a million).
_WORDS_REMEMBERED = 1 << 15


def _plain(word: str) -> str:
    """The word without tatweel and marks."""
    return _STRIP.sub("", word)


def _fold(text: str) -> str:
    """`text` with أ, إ and آ written as a bare ا (str.translate does the same, four times slower)."""
    return text.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")


@dataclass(frozen=True)
class _Pattern:
    """A regex and the strings one of which a text must hold for it to match. Most lines hold
    none, and looking for them costs far less than the regex's scan of the line."""

    regex: re.Pattern[str]
    needles: tuple[str, ...]

    def may_match(self, text: str) -> bool:
        """False when the regex cannot match `text`."""
        for needle in self.needles:  # a loop: any() over a generator costs more than the search
            if needle in text:
                return True
        return False

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The regex's matches in `text`, as `re.Pattern.finditer` gives them."""
        return self.regex.finditer(text) if self.may_match(text) else iter(())


# --- Masking what is not Arabic prose --------------------------------------------------------
# In order; the strings are looked for in the line in lower case (for the addresses' re.I: no
# character but W has w as its lower case, and none has ASCII punctuation).
_INLINE_MASKS = [
    _Pattern(re.compile(r"(`+).+?\1"), ("`",)),  # code spans
    _Pattern(re.compile(r"<!--.*?-->"), ("<!--",)),  # comments on one line
    _Pattern(re.compile(r"<[A-Za-z/!][^>]*>"), ("<",)),  # HTML tags and autolinks
    _Pattern(re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"), ("](",)),  # link and image targets ](…)
    _Pattern(re.compile(r"\[\^[^\]]*\]"), ("[^",)),  # footnote references [^1]
    _Pattern(re.compile(r"(?:https?|ftp|mailto):\S+|www\.\S+", re.I), (":", "www.")),  # bare addresses
    _Pattern(re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), ("@",)),  # e-mail addresses
    _Pattern(re.compile(r"&#?\w+;"), ("&",)),  # HTML entities
    _Pattern(re.compile(r"\{[#.:][^}]*\}"), ("{",)),  # attribute lists {#id .class}
]
_REFERENCE = re.compile(r"^( {0,3}\[[^\]]+\]:)(.*)$")  # [label]: https://…
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def _mask(line: str) -> str:
    """`line` with code, addresses and tags replaced by _MASK (the same length)."""
    reference = _REFERENCE.match(line)
    if reference:
        line = reference[1] + _MASK * len(reference[2])
    # Masking takes characters away and adds none of the strings looked for: what the line
    # lacks at first, it lacks after each pattern.
    lowered = line.lower()
    for mask in _INLINE_MASKS:
        if mask.may_match(lowered):
            line = mask.regex.sub(lambda m: _MASK * len(m.group()), line)
    return line


def _prose_lines(text: str) -> list[tuple[str, str]]:
    """Each line of `text`, masked and as written; lines of code blocks and comments blank."""
    out: list[tuple[str, str]] = []
    fence: str | None = None
    comment = False
    for raw in text.split("\n"):
        line = raw.rstrip("\r")
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            out.append(("", ""))
            continue
        opened = _FENCE.match(line)
        if opened:
            fence = opened[1][0] * 3
            out.append(("", ""))
            continue
        masked = line
        if comment:
            if "-->" not in line:
                out.append(("", ""))
                continue
            comment = False
            end = line.index("-->") + 3
            masked = _MASK * end + line[end:]
        if line.startswith(("    ", "\t")):  # an indented code block (or a nested list: not checked)
            out.append(("", ""))
            continue
        masked = _mask(masked)
        if "<!--" in masked:  # a comment that goes on below
            start = masked.index("<!--")
            masked = masked[:start] + _MASK * (len(masked) - start)
            comment = True
        out.append((masked, line))
    return out


# --- The line checks --------------------------------------------------------------------------
_Hit = tuple[str, str, str]  # (check, message, suggestion)


@dataclass(frozen=True)
class _Line:
    """One line: `masked` is what the rules look at, `text` what messages quote (same length);
    `words` are the runs of Arabic letters, marks and tatweel of `masked` (found once, for the
    checks that go word by word and for mixed spellings)."""

    masked: str
    text: str
    words: list[str]

    def quote(self, match: re.Match[str], group: int | str = 0) -> str:
        """The written text of a match (or of one of its groups) made on `masked`."""
        return self.text[match.start(group) : match.end(group)]


_STRETCHED = re.compile(f"{_L}{_M}*{_TATWEEL}[{_TATWEEL}{_MARK}]*{_L}")


def _tatweel(line: _Line) -> list[_Hit]:
    if _TATWEEL not in line.masked:
        return []
    return [
        ("tatweel", f"tatweel stretches the word «{word}»", f"write «{word.replace(_TATWEEL, '')}»")
        for word in line.words
        if _TATWEEL in word and _STRETCHED.search(word)
    ]


_OPENING, _CLOSING = "([«", ")]»"
_PUNCTUATION = "،؛:؟!"
_AFTER_WORD = f"(?<=[{_LETTER}{_MARK}])"  # right after an Arabic letter (or its mark)


def _after_word(chars: str) -> str:
    """A regex for one of `chars` right after an Arabic letter or mark: the character first and
    the look back after it (at it and the one before), which lets the regex engine skip to the
    characters; a look back first is tried at every position of the line, four times slower."""
    return f"[{chars}](?<=[{_LETTER}{_MARK}][{chars}])"


_NO_SPACE_BEFORE_OPENING = re.compile(_after_word(re.escape(_OPENING)))
_SPACE_BEFORE_CLOSING = _Pattern(
    re.compile(f"(?<=[{_LETTER}{_MARK}{_PUNCTUATION}.])( +)([{re.escape(_CLOSING)}])"),
    tuple(" " + mark for mark in _CLOSING),
)
_SPACE_AFTER_OPENING = re.compile(f"([{re.escape(_OPENING)}])( +)(?={_L})")
# A space before ، ؛ : ؟ ! or a full stop (not an ellipsis, not a decimal point).
_SPACE_BEFORE_PUNCTUATION = _Pattern(
    re.compile(f"{_AFTER_WORD}( +)([{_PUNCTUATION}]|\\.(?![.\\d]))"),
    tuple(" " + mark for mark in _PUNCTUATION + "."),
)
_NO_SPACE_AFTER = re.compile(f"{_after_word('،؛؟')}(?={_L})")
# Only prefixes (و، ف، ب، ل، ك، ال…): «و[الرابط](…)» joins the conjunction to a link's text.
_PREFIXES_ONLY = re.compile("(?:[وف]?[بكل]?(?:ال)?|[وف]?لل)")
_ARABIC_RUN_END = re.compile(f"[{_LETTER}{_MARK}{_TATWEEL}]+$")


def _word_start(text: str, i: int) -> int:
    """Where the run of non-space characters that ends at `i` begins."""
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return i


def _word_end(text: str, i: int) -> int:
    """Where the run of non-space characters that begins at `i` ends."""
    while i < len(text) and not text[i].isspace():
        i += 1
    return i


def _spacing(line: _Line) -> list[_Hit]:
    hits: list[_Hit] = []
    masked, text = line.masked, line.text
    # Some writers open quotations with » (and close with «): then only brackets are judged.
    reversed_quotes = "»" in masked and ("«" not in masked or masked.index("»") < masked.index("«"))

    def quote_mark(mark: str) -> bool:
        return reversed_quotes and mark in "«»"

    for m in _NO_SPACE_BEFORE_OPENING.finditer(masked):
        start, end = _word_start(masked, m.start()), _word_end(masked, m.end())
        run = _ARABIC_RUN_END.search(masked[start : m.start()])
        if quote_mark(m[0]) or (run and _PREFIXES_ONLY.fullmatch(_plain(run[0]))):
            continue
        before, after = text[start : m.start()], text[m.start() : end]
        hits.append(("spacing", f"no space before the bracket in «{before}{after}»", f"write «{before} {after}»"))
    for m in _SPACE_BEFORE_CLOSING.finditer(masked):
        if quote_mark(m[2]):
            continue
        before = text[_word_start(masked, m.start()) : m.start()]
        shown = before + text[m.start() : m.end()]
        hits.append(("spacing", f"a space before the closing «{m[2]}» in «{shown}»", f"write «{before}{m[2]}»"))
    for m in _SPACE_AFTER_OPENING.finditer(masked):
        if quote_mark(m[1]):
            continue
        after = text[m.end() : _word_end(masked, m.end())]
        shown = text[m.start() : m.end()] + after
        hits.append(("spacing", f"a space after the opening «{m[1]}» in «{shown}»", f"write «{m[1]}{after}»"))
    for m in _SPACE_BEFORE_PUNCTUATION.finditer(masked):
        before = text[_word_start(masked, m.start()) : m.start()]
        mark = m[2]
        hits.append(("spacing", f"a space before «{mark}» in «{before}{m[1]}{mark}»", f"write «{before}{mark}»"))
    for m in _NO_SPACE_AFTER.finditer(masked):
        before = text[_word_start(masked, m.start()) : m.start()]
        after = text[m.end() : _word_end(masked, m.end())]
        shown, fixed = f"{before}{m[0]}{after}", f"{before}{m[0]} {after}"
        hits.append(("spacing", f"no space after «{m[0]}» in «{shown}»", f"write «{fixed}»"))
    return hits


_LATIN_MARKS = {",": ("comma", "،"), ";": ("semicolon", "؛"), "?": ("question mark", "؟")}
_LATIN_MARK = _Pattern(re.compile("[,;?]"), tuple(_LATIN_MARKS))
_ARABIC_END = re.compile(f"(?:{_L}|{_M}|{_TATWEEL})$")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")


def _latin_punctuation(line: _Line) -> list[_Hit]:
    hits: list[_Hit] = []
    masked = line.masked
    for mark in _LATIN_MARK.finditer(masked):
        i, char = mark.start(), mark[0]
        previous, following = masked[:i].rstrip(" "), masked[i + 1 :].lstrip(" ")
        if not previous:
            continue
        if previous[-1].isdigit() and following[:1].isdigit() and len(previous) == i and following == masked[i + 1 :]:
            continue  # a number: 1,000 or 3,5
        arabic_before = bool(_ARABIC_END.search(previous))
        arabic_after = bool(_IS_LETTER.match(following[:1]))
        if not (arabic_before or (arabic_after and not _LATIN_LETTER.match(previous[-1]))):
            continue
        start = len(previous) - len(previous.split(" ")[-1])
        end = len(masked) - len(following) + len(following.split(" ")[0])
        shown = line.text[start:end]
        name, arabic = _LATIN_MARKS[char]
        fixed = line.text[start:i] + arabic + line.text[i + 1 : end]
        hits.append(("latin-punctuation", f"a Latin {name} «{char}» in Arabic text: «{shown}»", f"write «{fixed}»"))
    return hits


_DOUBLE_SPACE = _Pattern(re.compile(r"(?<=\S)( {2,})(?=\S)"), ("  ",))
_BLOCK_MARKERS = re.compile(r"^\s*(?:(?:[-*+]|\d+[.)]|#{1,6}|>)\s*)*$")
_ARABIC_CHAR = re.compile(f"[{_LETTER}{_MARK}{_TATWEEL}،؛؟]")


def _double_space(line: _Line) -> list[_Hit]:
    masked = line.masked
    if masked.lstrip().startswith("|"):  # a table: cells are padded on purpose
        return []
    hits: list[_Hit] = []
    for m in _DOUBLE_SPACE.finditer(masked):
        before, after = masked[: m.start()], masked[m.end() :]
        if _BLOCK_MARKERS.match(before):  # after a list or heading marker
            continue
        left, right = before[-1], after[0]
        if "|" in (left, right) or not (_ARABIC_CHAR.match(left) or _ARABIC_CHAR.match(right)):
            continue
        start = m.start() - len(before.split(" ")[-1])
        end = m.end() + len(after.split(" ")[0])
        word_before, word_after = line.text[start : m.start()], line.text[m.end() : end]
        hits.append(
            (
                "double-space",
                f"{len(m[1])} spaces between «{word_before}» and «{word_after}»",
                f"leave one space: «{word_before} {word_after}»",
            )
        )
    return hits


# Hamzat al-wasl written as إ. The stem after the prefixes و/ف, ب/ك/ل and ال (or لل).
_PREFIXED = re.compile("(?P<prefix>[وف]?[بكل]?(?:ال)?|[وف]?لل)(?P<stem>إ.+)")
_WASL_RULES = (
    # form X (استفعال) and its verbs: إست + three letters or more, the first not an alef
    f"إست(?!ا){_L}{{3,}}",
    # form VII (انفعال): إن + two letters + ا + a letter (إنطلاق)
    f"إن{_L}{_L}ا{_L}.*",
    # form VIII (افتعال): إ + a letter + ت + a letter + ا + a letter (إجتماع, إبتكار, إنتخاب)
    f"إ{_L}ت{_L}ا{_L}.*",
)
# One regex: it matches a whole stem when one of the rules does.
_WASL_RULE = re.compile("|".join(_WASL_RULES))
# Borrowed words that begin like form X but keep their hamza.
_WASL_EXCEPTIONS = ("إستونيا", "إستوني", "إستوديو", "إستبرق")
# Form VIII of roots beginning with و (اتّصال) looks like form IV (إتقان, qat'): by list only.
_WASL_STEMS = ("إتصال", "إتحاد", "إتفاق", "إتجاه", "إتخاذ", "إتساع", "إتباع", "إتهام", "إتزان")
# Nouns with hamzat al-wasl, and the pronoun endings they may carry.
_WASL_NOUNS = ("إسم", "إبن", "إبنة", "إثنان", "إثنين", "إثنتان", "إثنتين", "إثنا", "إثنتا", "إمرأة")
_ENDINGS = ("", "ه", "ها", "هم", "هما", "هن", "ي", "ك", "كم", "نا")
_WASL_NOUN_FORMS = frozenset(noun + ending for noun in _WASL_NOUNS for ending in _ENDINGS)
# Hamzat al-qat' left out, where the bare form can be no other word.
_QAT = {
    "الى": "إلى",
    "اذا": "إذا",
    "واذا": "وإذا",
    "فاذا": "فإذا",
    "ايضا": "أيضا",
    "ايضاً": "أيضاً",
    "وايضا": "وأيضا",
    "وايضاً": "وأيضاً",
}


def wasl_fix(word: str) -> str | None:
    """The word with its hamzat al-wasl written as a bare alef, when it is written as إ.

    >>> wasl_fix("والإبتكار")
    'والابتكار'
    """
    if "إ" not in word:  # most words (marks and tatweel, which _plain removes, are never إ)
        return None
    plain = _plain(word)
    match = _PREFIXED.fullmatch(plain)
    if not match:
        return None
    stem = match["stem"]
    wasl = (
        (_WASL_RULE.fullmatch(stem) is not None and not stem.startswith(_WASL_EXCEPTIONS))
        or stem.startswith(_WASL_STEMS)
        or stem in _WASL_NOUN_FORMS
    )
    return match["prefix"] + "ا" + stem[1:] if wasl else None


@lru_cache(maxsize=_WORDS_REMEMBERED)
def _hamza_of(word: str) -> _Hit | None:
    """The hamza check's finding for one word, or None (remembered: it depends on the word alone)."""
    fixed = wasl_fix(word)
    if fixed:
        return ("hamza", f"«{word}» has a hamza (إ) on an alef that is hamzat al-wasl", f"write «{fixed}»")
    for key in (word.replace(_TATWEEL, ""), _plain(word)):
        if key in _QAT:
            return ("hamza", f"«{word}» is written without its hamza", f"write «{_QAT[key]}»")
    return None


def _hamza(line: _Line) -> list[_Hit]:
    return [hit for word in line.words if (hit := _hamza_of(word)) is not None]


# «و» alone (at the start, or after a space, a bracket or a quote: no other character before
# it), then a word of two letters or more (a single letter: «جـ و د» names items). The «و»
# comes first and the look back after it, so the regex engine skips from one «و» to the next.
_LONE_WAW = _Pattern(re.compile(f"و(?<![^\\s(«\"']و)( +)({_L}{_M}*{_L}\\S*)"), ("و ",))
_RELATIVE = "الذي|التي|الذين|اللذان|اللتان|اللذين|اللتين|اللاتي|اللواتي|اللائي"
_VERB_THEN_WAW = _Pattern(
    re.compile(
        f"(?:^|(?<=\\s))[وف]?(?:{_RELATIVE})\\s+(?P<verb>[يت]{_L}{{3,5}})\\s+و(?P<word>ال{_L}{{3,}})(?!{_L}|{_M})"
    ),
    tuple(_RELATIVE.split("|")),
)
_OBJECT_ENDINGS = ("ه", "ها", "هم", "هما", "هن", "كم", "نا")
# Words that begin with و+ال without being «و» + a definite noun (والده: his father; والي: governor).
_NOT_WAW_AL = re.compile("الد(?:ه|ة|ته|تها|تهم|ها|هم|هما|ي|ين|ان|اه|يه|يها|يهم)|الي(?:ه|ها|هم)?")


def _stray_waw(line: _Line) -> list[_Hit]:
    hits: list[_Hit] = []
    for m in _LONE_WAW.finditer(line.masked):
        word = line.quote(m, 2)
        hits.append(("stray-waw", f"the conjunction «و» stands apart from «{word}»", f"join it to the word: «و{word}»"))
    for m in _VERB_THEN_WAW.finditer(line.masked):
        verb, word = m["verb"], m["word"]
        if verb.endswith(_OBJECT_ENDINGS) or _NOT_WAW_AL.fullmatch(word) or re.fullmatch(_RELATIVE, word):
            continue
        hits.append(
            (
                "stray-waw",
                f"«و» in «{verb} و{word}» joins nothing: the verb «{verb}» comes right before it",
                f"write «{verb} {word}», unless a word is missing before «و»",
            )
        )
    return hits


# Check name -> the function that runs it on one line.
_LINE_CHECKS = {
    "tatweel": _tatweel,
    "spacing": _spacing,
    "latin-punctuation": _latin_punctuation,
    "double-space": _double_space,
    "hamza": _hamza,
    "stray-waw": _stray_waw,
}


# --- Mixed spellings ----------------------------------------------------------------------------
# Bare forms that stand for different words with أ and with إ (أنها/إنها): never compared.
_AMBIGUOUS = frozenset({"انها", "انهم", "انهن", "انهما", "انما", "اننا", "انني", "انكم", "انكما", "اياها", "اياهم"})
_MIN_STEM = 4  # letters, after ال: shorter words (أن/إن/ان, أمر/امر) are never compared
_Forms = tuple[tuple[str, str], ...]


class _Token(NamedTuple):
    """One word of the article with an Arabic letter, as the mixed-spelling check counts them
    (kept as a plain tuple while the article is read: a named one takes longer to make)."""

    order: int  # how many such words come before it (sorting tokens by it gives reading order)
    # What pairs are ordered and told apart by, as it always was: the number of such words
    # before its line, plus its place among all the words of its line, where a run of marks
    # alone counts too. So two tokens of different lines may share it (a pair can then be
    # named in the other order, or be taken for one already reported); kept, so that the
    # findings stay what they were.
    number: int
    line: int


_Tokens = dict[str, list[tuple[int, int, int]]]  # plain word -> its _Tokens, as plain tuples


@lru_cache(maxsize=_WORDS_REMEMBERED)
def _forms(plain: str) -> _Forms:
    """(folded key, form) for the word and for it without و/ف, ب/ك before ال, or لل → ال."""
    forms = [plain]
    # Without و/ف only when what follows cannot begin a word of which و is a letter: ال, or an
    # alef with hamza (واحد is no «و» + «احد», but وأحد is «و» + «أحد»).
    if plain[:1] in "وف" and (plain[1:3] == "ال" or plain[1:2] in _HAMZA_ALEFS):
        forms.append(plain[1:])
    for form in list(forms):
        folded = _fold(form)
        if folded[:1] in "بك" and folded[1:3] == "ال":
            forms.append(form[1:])
        elif folded.startswith("لل") and len(folded) > 2:
            forms.append("ال" + form[2:])
    out = []
    for form in forms:
        key = _fold(form)
        core = key[2:] if key.startswith("ال") else key
        if len(core) >= _MIN_STEM and key not in _AMBIGUOUS and core not in _AMBIGUOUS:
            out.append((key, form))
    return tuple(out)


@lru_cache(maxsize=_WORDS_REMEMBERED)
def _spelling(word: str) -> tuple[str, _Forms] | None:
    """A word's plain form and its forms to compare, or None when it has no letter (a run of
    marks or tatweel alone, which is no token). Remembered: it depends on the word alone."""
    if not _IS_LETTER.search(word):
        return None
    plain = _plain(word)
    return plain, _forms(plain)


def _differ_by_hamza(a: str, b: str) -> bool:
    """True when `b` is `a` with hamzas added on some of its bare alefs, or the reverse (the
    two of one folded key). Never when the two differ both ways (وابدأ and وأبدا are two words),
    nor right after a leading و or ف, which may be the word's own letter (واحد and وأحد)."""
    diffs = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if not diffs or (a[0] in "وف" and a[1] != b[1]):
        return False
    return all(x == "ا" for x, _ in diffs) or all(y == "ا" for _, y in diffs)


def _wasl_pair(a: str, b: str) -> bool:
    """True when the bare form may be a word with hamzat al-wasl of its own: اتباع (following)
    and أتباع (followers) are two words. (A wasl word written with إ is the hamza check's.)"""
    with_kasra = "".join("إ" if x != y else x for x, y in zip(a, b, strict=True))
    return wasl_fix(with_kasra) is not None


def _lines(numbers: Iterable[int]) -> str:
    found = sorted(set(numbers))
    shown = ", ".join(str(n) for n in found[:4]) + (", …" if len(found) > 4 else "")
    return f"line {shown}" if len(found) == 1 else f"lines {shown}"


def _mixed_spelling(tokens: _Tokens) -> list[Finding]:
    """Pairs of forms of one key that differ by hamzas. `tokens`: each plain word with forms to
    compare and where it is, in the order the words first appear.

    Work is per distinct word, not per token: the forms of each key, in the order they first
    appear, and for the (few) keys with more than one form the tokens of each, in reading order
    (the same lists a token-by-token walk builds)."""
    plains: dict[str, dict[str, list[str]]] = {}  # key -> form -> the plain words that have it
    for plain in tokens:
        for key, form in _forms(plain):
            plains.setdefault(key, {}).setdefault(form, []).append(plain)
    candidates = []
    for by_form in plains.values():
        if len(by_form) < 2:
            continue  # one spelling
        forms = {
            form: [_Token(*token) for token in sorted(chain.from_iterable(tokens[p] for p in words))]
            for form, words in by_form.items()
        }
        names = sorted(forms, key=lambda f: forms[f][0].number)
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                if not _differ_by_hamza(a, b) or wasl_fix(a) or wasl_fix(b) or _wasl_pair(a, b):
                    continue
                candidates.append((forms[a], forms[b], a, b))
    # The widest group first (و+word and word together); a pair seen through a narrower key is skipped.
    candidates.sort(key=lambda c: -(len(c[0]) + len(c[1])))
    reported: list[set[int]] = []
    findings = []
    for first, second, a, b in candidates:
        ids = {t.number for t in first} | {t.number for t in second}
        if any(ids <= seen for seen in reported):
            continue
        reported.append(ids)
        findings.append(
            Finding(
                line=second[0].line,
                check="mixed-spelling",
                message=(
                    f"«{a}» ({_lines(t.line for t in first)}) and «{b}» ({_lines(t.line for t in second)}) "
                    "are one word spelt two ways in this article"
                ),
                suggestion="choose one spelling and use it throughout",
            )
        )
    return findings


# --- Public API -----------------------------------------------------------------------------------
def _merge(hits: Iterable[tuple[int, str, str, str]]) -> list[Finding]:
    """Findings in order; the same one repeated on a line is said once, with how many times."""
    counts: dict[tuple[int, str, str, str], int] = {}
    for hit in hits:
        counts[hit] = counts.get(hit, 0) + 1
    return [
        Finding(line, check, message + (f" ({n} times on this line)" if n > 1 else ""), suggestion)
        for (line, check, message, suggestion), n in counts.items()
    ]


def check_text(text: str, first_line: int = 1, off: Iterable[str] = ()) -> list[Finding]:
    """The line checks (all but mixed-spelling) on `text`, whose first line is `first_line`.

    `off`: names of checks not to run (`Proofread-Off:`).
    """
    return _check([(text, first_line)], frozenset(off), mixed=False)


def check_article(pieces: Sequence[tuple[str, int]], off: Iterable[str] = ()) -> list[Finding]:
    """Every check on one article: `pieces` are its texts (title, summary, body) with the line
    each starts on; mixed spellings are looked for across all of them. Sorted by line."""
    return _check(pieces, frozenset(off), mixed=True)


def _check(pieces: Sequence[tuple[str, int]], off: frozenset[str], mixed: bool) -> list[Finding]:
    hits: list[tuple[int, str, str, str]] = []
    compare_spellings = mixed and "mixed-spelling" not in off
    tokens: _Tokens = {}  # the words with forms to compare
    counted = 0  # words with a letter so far
    checks = [check for name, check in _LINE_CHECKS.items() if name not in off]
    for text, first in sorted(pieces, key=lambda piece: piece[1]):  # in the file's order
        for number, (masked, written) in enumerate(_prose_lines(text), first):
            if not _IS_LETTER.search(masked):
                continue
            line = _Line(masked, written, _WORD.findall(masked))
            for check in checks:
                hits += [(number, name, message, suggestion) for name, message, suggestion in check(line)]
            if compare_spellings:
                counted = _count_tokens(line.words, number, counted, tokens)
    findings = _merge(hits)
    if compare_spellings:
        findings += _mixed_spelling(tokens)
    return sorted(findings, key=lambda f: f.line)


def _count_tokens(words: list[str], number: int, counted: int, tokens: _Tokens) -> int:
    """Add the tokens of line `number` (its `words`) to `tokens`, after `counted` of them; how
    many there are with them. A word without forms to compare is counted and not kept."""
    before = counted
    for place, word in enumerate(words):
        spelt = _spelling(word)
        if spelt is None:
            continue
        plain, forms = spelt
        if forms:
            tokens.setdefault(plain, []).append((counted, before + place, number))  # a _Token
        counted += 1
    return counted
