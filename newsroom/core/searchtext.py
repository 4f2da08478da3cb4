"""The search normaliser: the one set of rules by which a word is indexed and a query is read.

Pagefind indexes what the build gives it, so the indexed text is the pages' words in this
form, and the search page (`theme/static/js/search.js`, function `normalise`) reads a query
with the same rules in JavaScript. Both are held to one table of cases
(`tests/fixtures/search_normaliser.json`), run by pytest on this module and by the browser
tests on the JavaScript. The pages keep the author's text: only the indexed form changes.

The rules, in order, for every word:
1. Unicode NFKC (presentation forms, ligatures), lower case.
2. Removed: marks (tashkeel, Quranic marks, dagger alef), tatweel, invisible format characters.
3. Folded: أ إ آ ٱ → ا; ؤ ئ → ء; ى → ي; ة → ه; Arabic-Indic and Persian digits → 0-9.
4. Arabic words only, the "light10" stemmer (Larkey, Ballesteros & Connell, 2007): a leading
   و if 3 letters remain; one article prefix (وال بال كال فال لل ال) if 2 letters remain; then
   the suffixes ها ان ات ون ين يه ه ي, each once, in that order, if 2 letters remain.
A word is a run of letters, marks and digits; what lies between runs (punctuation) is kept,
so a page's words and their count do not change: word n of the indexed text is word n of
the page, which is how the search page shows excerpts in the author's own words.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["fold", "index_text", "index_word", "normalise", "stem"]

_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
_REMOVED = re.compile(f"[{_MARKS}\u0640\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_FOLDS = str.maketrans(
    {
        "\u0623": "\u0627",  # أ
        "\u0625": "\u0627",  # إ
        "\u0622": "\u0627",  # آ
        "\u0671": "\u0627",  # ٱ
        "\u0624": "\u0621",  # ؤ
        "\u0626": "\u0621",  # ئ
        "\u0649": "\u064a",  # ى
        "\u0629": "\u0647",  # ة
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
# A word: letters, marks and digits of any script (what Pagefind itself takes for a word).
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")  # the longest first
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")  # ية and ة are folded to يه and ه
_WAW = "و"


def fold(text: str) -> str:
    """Rules 1-3: the spelling of a text that does not depend on how it was typed."""
    return _REMOVED.sub("", unicodedata.normalize("NFKC", text)).translate(_FOLDS).lower()


def stem(word: str) -> str:
    """Rule 4, the light10 stemmer, on one folded word (non-Arabic words are returned as they are)."""
    if not _ARABIC_LETTER.match(word):
        return word
    if word.startswith(_WAW) and len(word) - 1 >= 3:
        word = word[1:]
    for article in _ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 2:
            word = word[len(article) :]
            break
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
    return word


@functools.cache
def index_word(token: str) -> str:
    """One whitespace-free piece of text as it is indexed: every word in it folded and stemmed,
    the punctuation between words kept. Never empty and never containing whitespace, so the
    indexed text has exactly the page's words ("-" for a piece with nothing left, e.g. "ـ").
    Memoised: a site's words repeat, most of all the short common ones. The memo holds each
    distinct piece once (the site's vocabulary: ~15 MB for 100,000 words), in the search
    process only, which the build or the preview ends."""
    # Marks and tatweel go first, so the letters of a word around them make one word.
    done = _WORD.sub(lambda m: stem(m.group()), fold(token))
    return "".join(done.split()) or "-"  # NFKC may spell a ligature (U+FDFA) as several words


def index_text(words: list[str]) -> list[str]:
    """The indexed form of a list of words (one for one)."""
    return [index_word(word) for word in words]


def normalise(query: str) -> str:
    """A query as the index reads it (what the search page does before asking Pagefind)."""
    return " ".join(w for w in (index_word(t) for t in query.split()) if w != "-")
