"""Property-based: random metadata and file names never crash the checks, and every slug
they accept is unique and free of control characters."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsroom.core.contract import KEYS, check_plan, parse_header, scan_tree
from newsroom.core.problems import Collector
from newsroom.core.slugs import INVISIBLE, is_ascii_slug, slugify

# Text that looks like what authors paste: Arabic, Latin, digits, marks, controls.
ALPHABET = st.sampled_from(
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءأإآؤئ")
    + list("abcXYZ019-_ .:/،؟")
    + ["\u064e", "\u0651", "\u0640", "\u200f", "\u202e", "\u2066", "\u200b", "\ufeff", "٣", "۳", "\t", "ـ"]
)
TEXT = st.text(ALPHABET, max_size=40)
KEY = st.one_of(st.sampled_from([k.title() for k in KEYS] + ["Lang", "Titel", "X"]), st.text(ALPHABET, max_size=10))
NAME = st.text(st.sampled_from(list("abcz09-_ .") + list("يومة") + ["\u202e", "\u200b"]), min_size=1, max_size=20)


@given(st.lists(st.tuples(KEY, TEXT), max_size=8), TEXT)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_headers_never_crash_the_checks(fields: list[tuple[str, str]], body: str) -> None:
    text = "\n".join(f"{k}: {v}" for k, v in fields) + "\n\n" + body
    header = parse_header(text, Path("x.md"), Collector())
    assert all(isinstance(f.line, int) for f in header.fields.values())


@given(st.lists(st.tuples(NAME, st.lists(st.tuples(KEY, TEXT), max_size=5)), min_size=1, max_size=6))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_accepted_slugs_are_unique_and_clean(files: list[tuple[str, list[tuple[str, str]]]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, fields in files:
            if name in (".", "..") or name.startswith("."):
                continue
            path = root / "ar" / "news" / f"{name}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            header = "\n".join(f"{k}: {v}" for k, v in fields)
            path.write_text(f"Title: خبر\nDate: 2024-01-01\n{header}\n\nنص\n", "utf-8")
        collector = Collector()
        plan = scan_tree(root, "ar", collector)
        check_plan(plan, collector)
        accepted = [s.slug for s in plan.sources.values() if s.valid]
        assert len(accepted) == len(set(accepted))
        for slug in accepted:
            assert is_ascii_slug(slug) and not INVISIBLE.search(slug)


@given(st.text(max_size=60))
@settings(max_examples=500)
def test_slugify_is_total_clean_and_idempotent(text: str) -> None:
    slug = slugify(text)
    assert not INVISIBLE.search(slug)
    assert not any(c.isspace() for c in slug)
    assert slugify(slug) == slug
