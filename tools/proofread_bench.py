"""Arabic proofreading: how fast it is, and that a change finds exactly what it found before.

    python tools/proofread_bench.py [N]                 # N synthetic pairs (200 by default)
    python tools/proofread_bench.py 2000 --against REV  # compare with another git revision
    python tools/proofread_bench.py --write-cases       # refresh tests/fixtures/proofread_cases.json

Two implementations of newsroom/core/proofread.py run on the same inputs in the same process:
the working tree's and the one at git revision REV (HEAD by default, so before a commit the
change is measured against what it changes). The inputs are the Arabic articles of a synthetic
corpus of N pairs (tools/corpus.py), the real content (content/ar), the test fixtures' Arabic
files, every Arabic string written in the tests (each rule's positive and negative cases),
and generated text meant to break things (mixed scripts, vowel and Quranic marks, tatweel,
digits, addresses, code, comments, hamza variants of one word with prefixes). Every input's
findings must be the same, in the same order, from both (the script stops at the first that
differs); then the time of `check_article` over the articles (the synthetic corpus and the real
content) is printed for each, wall clock and CPU, the median of 5 runs taken in turn (each from
cold memos, as in a build's process), with the ratio.

`--write-cases` keeps a fixed table of inputs and the working tree's findings for them in
tests/fixtures/proofread_cases.json (tests/unit/test_proofread.py holds the code to it): write
it again only when a rule is meant to change what it finds.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from corpus import generate  # tools/corpus.py: this folder is on the path as a script

from newsroom.core import proofread
from newsroom.core.contract import parse_header
from newsroom.core.problems import Collector

PROJECT = Path(__file__).resolve().parent.parent

CASES = PROJECT / "tests" / "fixtures" / "proofread_cases.json"
RUNS = 5

Pieces = list[tuple[str, int]]
# (what it is, the pieces, the checks turned off, whether it is a whole article or check_text)
Case = tuple[str, Pieces, frozenset[str], bool]
Found = list[tuple[int, str, str, str]]


def reference(revision: str) -> ModuleType:
    """newsroom/core/proofread.py as it is at `revision`, imported beside the working tree's."""
    source = subprocess.run(
        ["git", "show", f"{revision}:newsroom/core/proofread.py"], cwd=PROJECT, capture_output=True, check=True
    ).stdout
    with tempfile.TemporaryDirectory(prefix="proofread-") as folder:
        path = Path(folder) / "proofread_reference.py"
        path.write_bytes(source)
        name = "newsroom.core._proofread_reference"  # in the package, so relative imports work
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
    return module


# --- Inputs -------------------------------------------------------------------------------------
def article_pieces(path: Path) -> tuple[Pieces, frozenset[str]]:
    """What the reader proofreads in a file (plugins/bilingual/reader.py `_proofread`)."""
    header = parse_header(path.read_text("utf-8"), path, Collector())
    pieces = [(header.body, header.body_line)]
    for key in ("title", "summary"):
        item = header.fields.get(key)
        if item is not None and item.value:
            pieces.append((item.value, item.line))
    off = header.fields.get("proofread-off")
    return pieces, proofread.parse_off(off.value)[0] if off else frozenset()


def articles(folder: Path) -> list[Case]:
    """Every Arabic Markdown file under `folder`, as the build reads it."""
    return [(str(path), *article_pieces(path), True) for path in sorted(folder.rglob("*.md"))]


def strings_in_tests() -> list[str]:
    """Every string written in the tests that has an Arabic letter in it."""
    found: dict[str, None] = {}
    for path in sorted((PROJECT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if any("\u0600" <= c <= "\u06ff" for c in node.value):
                    found[node.value] = None
    return list(found)


# Words each rule is about, with and without what makes it fire.
RULE_WORDS = (
    "الإبتكار الابتكار والإبتكار إستراتيجية استراتيجية بإستخدام الإستخدام الإنتخابات إجتماع إبتداء للإستثمار "
    "إنطلاق الإختيار الإتصال الإنتقال إسمه إسمها إسمي الإثنين إثنان إبنة إمرأة إتحاد إتفاق إتجاه إستونيا "
    "إستوديو إستبرق إستانبول إسرائيل إسطنبول إيتاليا إنتاج إتقان إتمام إنشاء إمتاع إفتاء إنسان إنجاز الإنترنت "
    "الإلكترونية الالكترونية والالكترونية بالإلكترونية للإلكترونية للالكترونية الإدارة الإجراءات الالكتروني "
    "الى إلى اذا إذا واذا فاذا ايضا ايضاً أيضاً وايضا وايضاً والى والي الأنظمة والانظمة الانظمة استاذ أستاذ "
    "أعلام إعلام أمن آمن أنها انها إنها انما واحد وأحد وابدأ وأبدا الاتباع الأتباع اتباع إتباع الانترنت "
    "الذي التي الذين اللذان اللتان اللذين اللتين اللاتي اللواتي اللائي والتي فالذي تخدم يعمل تعمل تخطط "
    "تخدمها تخدمهم والده والدته والبلدية البلدية والتي و ف هـ جـ الشـرق الشــرق الأوسـط مُنجزات منجزات "
    "أهدافًا ٱلرحمن ٱلْحَمْدُ بِسْمِ لـ وبـ ـ ً ّ ٰ ۖ ۚ ۗ ۛ ۡ ۥ ۦ ک ی ە ۮ ۺ ۿ پ چ ڤ ٠١٢ ٣,٥ ۱۲۳ ص.ب د.محمد"
).split()
MARKUP = [
    *"abcXYZ019 ,;?.:!()[]«»،؛؟`*#|-<>\t\"'{}&@/=",
    "  ",
    "   ",
    "\n",
    "\n\n",
    "```",
    "~~~",
    "    ",
    "https://x.org/a,b",
    "www.example.org/الشـرق,x",
    "HTTP://Example.org/?q=إبتكار;1",
    "WwW.Example.org,الشـرق",
    "ma\u0131lto:x,الى",  # a dotless i and a long s: re.I matches them to i and s
    "http\u017f://x;إبتكار",
    "\u0130",
    "mailto:a@b.c",
    "info@example.org",
    "<!--",
    "-->",
    "<!-- الشـرق -->",
    "](x)",
    '](https://e.org/دليل,الشـرق "عنوان")',
    "[^1]",
    "[label]: ",
    "&amp;",
    "&#1575;",
    "{#id .c}",
    "\u00a0",
    "\r",
    "\r\n",
    "...",
    "1,000",
    "3,5",
    "2020",
    '<span title="الشـرق, x">',
    "</span>",
    "`الإبتكار, x`",
    "``a ` b``",
    "> ",
    "- ",
    "1. ",
    "## ",
    "| ",
    "Lisbon, Portugal; is it?",
    "\u200f",
    "\u061c",
]
# Bare forms whose alefs take hamzas one way or another, and what may come before them.
STEMS = (
    "الالكترونية الانترنت الانظمة استاذ الاتباع اعلام امن انها احد ابدا الاسلامية الاجراءات الادارة اسرة "
    "الامارات ابتكار الاستثمار الاثنين اسم انتاج الانسان امام اول اخرى الاعلام الاستراتيجية الاتصال اذا"
).split()
PREFIXES = ("", "", "", "و", "ف", "ب", "ك", "ل", "وب", "فل", "لل", "ول", "وال")


def variant(rng: random.Random, stem: str) -> str:
    """`stem` with some alefs given a hamza, a prefix, and now and then tatweel or a mark."""
    letters = [rng.choice("اأإآ") if c == "ا" and rng.random() < 0.4 else c for c in stem]
    if rng.random() < 0.1:
        letters.insert(rng.randrange(1, len(letters)), rng.choice(["\u0640", "\u064e", "\u0651", "\u06d6"]))
    return rng.choice(PREFIXES) + "".join(letters)


def random_text(rng: random.Random) -> str:
    """Rule words, Arabic letters and marks, markup and Latin, joined every which way."""
    alphabet = RULE_WORDS + MARKUP + list("ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءأإآؤئ")
    parts = [rng.choice(alphabet) if rng.random() < 0.8 else variant(rng, rng.choice(STEMS)) for _ in range(80)]
    return "".join(p + rng.choice(["", " ", " ", " ", "  ", "\n"]) for p in parts[: rng.randint(0, 80)])


def random_article(rng: random.Random) -> Pieces:
    """Lines of prose in which words come back with and without their hamzas, and a title."""
    lines = []
    for _ in range(rng.randint(1, 12)):
        # Runs of marks or tatweel alone first, now and then: words the mixed-spelling check
        # places but does not count, the part of its order that is easiest to get wrong.
        words = [rng.choice("\u064b\u0651\u0640\u06d6") for _ in range(rng.choice((0, 0, 1, 3)))]
        words += [variant(rng, rng.choice(STEMS)) if rng.random() < 0.5 else rng.choice(RULE_WORDS) for _ in range(12)]
        lines.append(" ".join(words[: rng.randint(0, 15)]) + rng.choice(["", ".", "،", " (x)", "\n```\nكود\n```"]))
    body = rng.choice(["\n", "\n\n"]).join(lines)
    first = rng.randint(1, 8)
    title = (" ".join(variant(rng, rng.choice(STEMS)) for _ in range(4)), rng.randint(1, first))
    return [(body, first), title] if rng.random() < 0.7 else [(body, first)]


# Words of marks alone before the two spellings: the mixed-spelling check numbers its words
# with them on the line and without them before it, so numbers repeat across lines, which
# decides the order of a pair, and (in the second and third) hides a pair behind another.
ORDER_CASES = [
    "\u064b \u064b الإنترنت\nالانترنت",
    "\u064b \u064b الإنترنت بالإلكترونية\nالالكترونية الانترنت",
    "\u064b \u064b والالكترونية بالإلكترونية\nالانترنت الإنترنت\n\u0640",
]


def random_off(rng: random.Random) -> frozenset[str]:
    """Mostly nothing turned off; sometimes a few checks, or all of them."""
    if rng.random() < 0.8:
        return frozenset()
    return frozenset(rng.sample(sorted(proofread.CHECKS), rng.randint(1, len(proofread.CHECKS))))


def adversarial(seed: int = 21, count: int = 3000) -> list[Case]:
    """The tests' strings alone and together, and generated text and articles."""
    rng = random.Random(seed)
    strings = strings_in_tests()
    cases: list[Case] = [(f"order case {i}", [(text, 1)], frozenset(), True) for i, text in enumerate(ORDER_CASES)]
    for i, text in enumerate(strings):
        cases.append((f"test string {i}", [(text, 1)], frozenset(), True))
        cases.append((f"test string {i}, line checks", [(text, 3)], random_off(rng), False))
    for size in (5, 20, len(strings)):
        shuffled = rng.sample(strings, len(strings))
        for i in range(0, len(shuffled), size):
            group = shuffled[i : i + size]
            cases.append((f"test strings together ({size})", [("\n".join(group), 2), (group[0], 1)], frozenset(), True))
    for i in range(count):
        pieces = [(random_text(rng), rng.randint(1, 40)) for _ in range(rng.randint(1, 3))]
        cases.append((f"random text {i}", pieces, random_off(rng), rng.random() < 0.7))
    for i in range(count // 2):
        cases.append((f"random article {i}", random_article(rng), random_off(rng), True))
    return cases


# --- Comparing and timing -------------------------------------------------------------------------
def run(module: ModuleType, case: Case) -> Found:
    """The findings of `module` for one case, as plain tuples (each module has its own Finding)."""
    _name, pieces, off, whole = case
    if whole:
        found = module.check_article(pieces, off)
    else:
        (text, first), *_ = pieces
        found = module.check_text(text, first, off)
    return [(f.line, f.check, f.message, f.suggestion) for f in found]


def compare(old: ModuleType, new: ModuleType, cases: Iterable[Case]) -> Counter[str]:
    """Stop at the first case whose findings differ; the number of findings of each check."""
    counts: Counter[str] = Counter()
    for case in cases:
        before, after = run(old, case), run(new, case)
        if before != after:
            raise SystemExit(f"different findings for {case[0]}: {case[1]!r} off={sorted(case[2])}\n{before}\n{after}")
        counts.update(check for _, check, _, _ in after)
        counts["(inputs)"] += 1
    return counts


def compare_wasl_fix(old: ModuleType, new: ModuleType, cases: Iterable[Case]) -> int:
    """`wasl_fix` (public) on every distinct Arabic word of the inputs, with prefixes added."""
    words = {w for _, pieces, _, _ in cases for text, _ in pieces for w in new._WORD.findall(text)}
    words |= {p + w for w in RULE_WORDS for p in PREFIXES}
    for word in sorted(words):
        if old.wasl_fix(word) != new.wasl_fix(word):
            raise SystemExit(f"wasl_fix({word!r}): {old.wasl_fix(word)!r} before, {new.wasl_fix(word)!r} now")
    return len(words)


def clear_caches(module: ModuleType) -> None:
    """Empty the module's memos, so each timed run starts cold, as a build's process does."""
    for value in vars(module).values():
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()


def timed(module: ModuleType, cases: list[Case]) -> tuple[float, float]:
    """Seconds (wall clock, and CPU: steadier on a shared machine) to proofread every article
    once, from cold caches."""
    clear_caches(module)
    wall, cpu = time.perf_counter(), time.process_time()
    for _name, pieces, off, _whole in cases:
        module.check_article(pieces, off)
    return time.perf_counter() - wall, time.process_time() - cpu


def write_cases(seed: int = 2121) -> None:
    """A fixed table for tests/unit/test_proofread.py: ORDER_CASES, the tests' strings together, 60 short
    generated inputs (most of them with findings) and 15 generated articles with two or more
    mixed spellings (whose order is the subtle part), with the findings they get now."""
    pool = adversarial(seed, count=600)
    rng = random.Random(seed)
    short = [c for c in pool if c[0].startswith("random") and sum(len(text) for text, _ in c[1]) < 400]
    finding = [c for c in short if run(proofread, c)]
    mixed = [
        c
        for c in pool
        if c[0].startswith("random article") and [f[1] for f in run(proofread, c)].count("mixed-spelling") > 1
    ]
    chosen = [c for c in pool if c[0].startswith("order case") or c[0] == "test strings together (20)"]
    chosen += rng.sample(finding, 50) + rng.sample([c for c in short if c not in finding], 10) + rng.sample(mixed, 15)
    table = [
        {"pieces": pieces, "off": sorted(off), "article": whole, "findings": run(proofread, (name, pieces, off, whole))}
        for name, pieces, off, whole in chosen
    ]
    lines = ",\n".join(json.dumps(case, ensure_ascii=False) for case in table)  # a case a line
    CASES.write_text(f"[\n{lines}\n]\n", "utf-8")
    print(f"{len(table)} cases, {sum(len(c['findings']) for c in table)} findings written to {CASES}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pairs", nargs="?", type=int, default=200, help="synthetic pairs (200)")
    parser.add_argument("--against", default="HEAD", help="the git revision to compare with (HEAD)")
    parser.add_argument("--write-cases", action="store_true", help=f"write {CASES.relative_to(PROJECT)} and stop")
    args = parser.parse_args()
    if args.write_cases:
        write_cases()
        return
    old = reference(args.against)
    with tempfile.TemporaryDirectory(prefix="proofread-corpus-") as work:
        generate(args.pairs, Path(work))
        corpus = articles(Path(work) / "ar")
    real = articles(PROJECT / "content" / "ar") + articles(PROJECT / "tests" / "fixtures")
    real = [case for case in real if "/ar/" in case[0]]
    others = adversarial()
    print(f"{len(corpus)} synthetic and {len(real)} real Arabic articles, {len(others)} other inputs")

    counts = compare(old, proofread, corpus + real + others)
    words = compare_wasl_fix(old, proofread, corpus + real + others)
    print(f"identical findings on all {counts.pop('(inputs)')} inputs; wasl_fix identical on {words} words")
    print("findings per check: " + ", ".join(f"{check} {n}" for check, n in sorted(counts.items())))

    timed_cases = corpus + [case for case in real if case[0].startswith(str(PROJECT / "content"))]
    runs: dict[str, list[tuple[float, float]]] = {"before": [], "after": []}
    for _ in range(RUNS):  # in turn, so both see the same load on the machine
        runs["before"].append(timed(old, timed_cases))
        runs["after"].append(timed(proofread, timed_cases))
    print(f"check_article on {len(timed_cases)} articles, median of {RUNS}:")
    for i, clock in enumerate(("wall", "CPU")):
        before, after = (statistics.median(result[i] for result in runs[k]) for k in ("before", "after"))
        print(
            f"  {clock:4}  {args.against}: {before:.3f} s   working tree: {after:.3f} s   {before / after:.2f}x faster"
        )


if __name__ == "__main__":
    main()
