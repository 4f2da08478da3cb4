"""The plans handed to a language process (newsroom/core/plans.py): whole for a new process;
for a preview's process that holds the last ones, only what changed, which it applies to get
exactly the plans it would have been sent whole."""

from __future__ import annotations

import copy
import hashlib
import pickle
from pathlib import Path

import pytest

from newsroom.core import plans
from newsroom.core.contract import Field, Header, Source, TreePlan

ARTICLES = {
    "ar": {
        "news/road-opening.md": ("افتتاح الطريق الساحلي", "افتتحت البلدية الطريق الساحلي الجديد."),
        "news/market-hours.md": ("مواعيد السوق المركزي", "يفتح السوق المركزي أبوابه في السابعة."),
        "awards/green-award.md": ("جائزة المدينة الخضراء", "فازت البلدية بجائزة المدينة الخضراء."),
    },
    "en": {
        "news/road-opening.md": ("The coast road opens", "The municipality opened the new coast road."),
        "awards/green-award.md": ("Green city award", "The municipality won the green city award."),
    },
}


def source(lang: str, rel: str, title: str, body: str) -> Source:
    header = Header(fields={"title": Field(title, 1)}, body=body, body_line=4)
    digest = hashlib.sha256(f"Title: {title}\n\n{body}".encode()).hexdigest()  # as read_source() keeps it
    path = Path("/c") / lang / rel
    return Source(lang=lang, relpath=rel, path=path, kind="news", header=header, title=title, digest=digest)


def trees(articles: dict[str, dict[str, tuple[str, str]]]) -> dict[str, TreePlan]:
    return {
        lang: TreePlan(
            lang=lang,
            root=Path("/c") / lang,
            sources={rel: source(lang, rel, title, body) for rel, (title, body) in files.items()},
        )
        for lang, files in articles.items()
    }


def same(a: dict[str, TreePlan], b: dict[str, TreePlan]) -> bool:
    """The same trees, files in the same order, with the same headers and texts."""
    return {k: (t.lang, t.root, list(t.sources.items())) for k, t in a.items()} == {
        k: (t.lang, t.root, list(t.sources.items())) for k, t in b.items()
    }


def whole(tree: dict[str, TreePlan], lang: str, path: Path) -> dict[str, TreePlan]:
    """What a new process would load: the plans written whole."""
    plans.write(tree, lang, path)
    with path.open("rb") as handle:
        return pickle.load(handle)["plans"]


@pytest.fixture(autouse=True)
def _no_held_plans(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plans, "_HELD", None)


def test_the_other_trees_text_is_left_out_and_the_plans_are_kept(tmp_path: Path) -> None:
    tree = trees(ARTICLES)
    path = tmp_path / "plans-ar.pickle"
    sent = plans.write(tree, "ar", path)
    loaded = plans.load(path)
    assert plans.held() == sent.token
    assert loaded["ar"].sources["news/road-opening.md"].header.body == "افتتحت البلدية الطريق الساحلي الجديد."
    assert loaded["en"].sources["news/road-opening.md"].header.body == ""
    assert loaded["en"].sources["news/road-opening.md"].title == "The coast road opens"
    assert tree["en"].sources["news/road-opening.md"].header.body  # the driver's own plans keep their text


@pytest.mark.parametrize(
    "change",
    [
        "the text of one file",
        "the other tree's text",
        "a file added",
        "a file removed",
        "a file renamed",
        "the other tree's title",
        "nothing",
    ],
)
def test_a_change_sent_to_a_process_gives_the_plans_it_would_be_sent_whole(tmp_path: Path, change: str) -> None:
    path = tmp_path / "plans-ar.pickle"
    before = trees(ARTICLES)
    sent = plans.write(before, "ar", path)
    plans.load(path)

    after = copy.deepcopy(ARTICLES)
    if change == "the text of one file":
        after["ar"]["news/market-hours.md"] = ("مواعيد السوق المركزي", "يفتح السوق المركزي أبوابه في السادسة صباحاً.")
    elif change == "the other tree's text":
        after["en"]["news/road-opening.md"] = ("The coast road opens", "The new coast road is 12 km long.")
    elif change == "a file added":
        after["ar"]["news/beach.md"] = ("تنظيف الشاطئ", "شارك المتطوعون في تنظيف الشاطئ.")
        after["ar"] = dict(sorted(after["ar"].items()))  # the driver lists files in order
    elif change == "a file removed":
        del after["ar"]["news/road-opening.md"]
    elif change == "a file renamed":
        after["ar"]["news/a-new-name.md"] = after["ar"].pop("news/road-opening.md")
        after["ar"] = dict(sorted(after["ar"].items()))
    elif change == "the other tree's title":
        after["en"]["news/road-opening.md"] = ("The new coast road opens", "The municipality opened the coast road.")
    new = trees(after)
    # The driver's check keeps the objects of files unchanged since the last scan.
    for lang, tree in new.items():
        for rel in tree.sources:
            if after[lang][rel] == ARTICLES[lang].get(rel):
                tree.sources[rel] = before[lang].sources[rel]

    plans.write(new, "ar", path, base=sent)
    changed = plans.load(path)
    assert same(changed, whole(new, "ar", tmp_path / "whole.pickle"))
    if change in ("nothing", "the other tree's text"):  # the other tree's text is not sent
        assert path.stat().st_size < 600  # names and two empty trees


def test_a_change_over_plans_the_process_does_not_hold_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plans-ar.pickle"
    sent = plans.write(trees(ARTICLES), "ar", path)  # never loaded by this process
    plans.write(trees(ARTICLES), "ar", path, base=sent)
    with pytest.raises(plans.PlansLost, match="save again"):
        plans.load(path)
    assert plans.held() == ""


def test_only_the_changed_file_travels(tmp_path: Path) -> None:
    many = {
        "ar": {f"news/khabar-{n:03}.md": (f"خبر رقم {n}", "نص طويل عن مشاريع البلدية. " * 200) for n in range(100)},
        "en": {},
    }
    path = tmp_path / "plans-ar.pickle"
    before = trees(many)
    sent = plans.write(before, "ar", path)
    whole_size = path.stat().st_size
    plans.load(path)
    after = dict(before)
    after["ar"] = TreePlan("ar", before["ar"].root, dict(before["ar"].sources))
    after["ar"].sources["news/khabar-050.md"] = source("ar", "news/khabar-050.md", "خبر معدّل", "نص جديد.")
    plans.write(after, "ar", path, base=sent)
    assert path.stat().st_size < whole_size / 50
    assert plans.load(path)["ar"].sources["news/khabar-050.md"].title == "خبر معدّل"


def edited(tree: dict[str, TreePlan], lang: str, rel: str, title: str, body: str) -> dict[str, TreePlan]:
    after = dict(tree)
    after[lang] = TreePlan(lang, tree[lang].root, dict(tree[lang].sources))
    after[lang].sources[rel] = source(lang, rel, title, body)
    return after


def test_a_process_is_told_nothing_reaches_it_only_when_nothing_does(tmp_path: Path) -> None:
    """`unchanged`: the preview does not build a language whose process would be sent nothing.
    The Arabic text of an article reaches no English page; its title does (the counterpart)."""
    before = trees(ARTICLES)
    sent = {lang: plans.write(before, lang, tmp_path / f"plans-{lang}.pickle") for lang in ("ar", "en")}
    assert all(plans.unchanged(before, lang, sent[lang]) for lang in ("ar", "en"))
    text = edited(before, "ar", "news/road-opening.md", "افتتاح الطريق الساحلي", "نص جديد عن الطريق.")
    assert plans.unchanged(text, "en", sent["en"]) and not plans.unchanged(text, "ar", sent["ar"])
    title = edited(before, "ar", "news/road-opening.md", "افتتاح الطريق الساحلي الجديد", "نص جديد عن الطريق.")
    assert not plans.unchanged(title, "en", sent["en"]) and not plans.unchanged(title, "ar", sent["ar"])
    added = edited(before, "ar", "news/new-park.md", "حديقة جديدة", "افتتحت البلدية حديقة.")
    assert not plans.unchanged(added, "en", sent["en"])
    assert not plans.unchanged(before, "en", None)  # nothing held: sent whole
    # What write() sends agrees: nothing of the Arabic text travels to the English process.
    plans.load(tmp_path / "plans-en.pickle")
    plans.write(text, "en", tmp_path / "plans-en.pickle", base=sent["en"])
    with (tmp_path / "plans-en.pickle").open("rb") as handle:
        assert pickle.load(handle)["changes"]["ar"][0].sources == {}
