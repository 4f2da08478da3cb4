"""Work Pelican does on every build that the site does not need, left out (plugins/incremental):
- tag, category and author pages look their articles up by identity in constant time
  (`Members`), with the answers Pelican's plain lists gave;
- with Pelican's content cache off, its per-file bookkeeping is skipped (`generator_init`)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from plugins.incremental.plugin import Members, article_generator_finalized, generator_init


class Article:
    """An article as Pelican's lists hold it: no `__eq__`, so `in` is by identity."""

    def __init__(self, title: str) -> None:
        self.title = title


class Untouchable(Article):
    """Comparing it with anything is an error: a plain list's `in` would compare."""

    def __eq__(self, other: object) -> bool:
        raise AssertionError("compared one by one")

    __hash__ = object.__hash__


TITLES = ["يوم المدينة", "جائزة التميز الحكومي", "افتتاح الحديقة", "City Day"]


def test_members_answers_as_a_list_does_by_identity() -> None:
    articles = [Article(title) for title in TITLES]
    members = Members(articles[:2])
    assert [a in members for a in articles] == [a in articles[:2] for a in articles] == [True, True, False, False]
    assert Article(TITLES[0]) not in members  # the same title is not the same article
    assert list(members) == articles[:2]


def test_members_sees_articles_added_after_the_first_question() -> None:
    first, second = Article(TITLES[0]), Article(TITLES[1])
    members = Members([first])
    assert second not in members
    members.append(second)
    assert second in members


def test_members_never_compares_articles_one_by_one() -> None:
    site = [Untouchable(title) for title in TITLES * 50]
    members = Members(site[::3])
    assert sum(a in members for a in site) == len(site[::3])
    with pytest.raises(AssertionError, match="one by one"):
        _ = site[1] in list(site[::3])  # what Pelican's list did: the check above would fail


def test_the_signal_wraps_every_tag_category_and_author() -> None:
    one, two = Article(TITLES[0]), Article(TITLES[1])
    generator = SimpleNamespace(
        tags={"بلدية": [one, two], "award": [two]},
        categories=[("أخبار", [one]), ("news", [two])],
        authors=[("فريق الاتصال", [one, two])],
        settings={},
    )
    article_generator_finalized(generator)
    assert {tag: list(a) for tag, a in generator.tags.items()} == {"بلدية": [one, two], "award": [two]}
    assert [(name, list(a)) for name, a in generator.categories] == [("أخبار", [one]), ("news", [two])]
    assert [(name, list(a)) for name, a in generator.authors] == [("فريق الاتصال", [one, two])]
    for articles in [*generator.tags.values(), *(a for _, a in generator.categories + generator.authors)]:
        assert isinstance(articles, Members)


class Cacher:
    """What Pelican's generators and readers are: FileStampDataCacher, which stats the file."""

    def __init__(self) -> None:
        self.stats = 0

    def get_cached_data(self, filename: str, default: object = None) -> object:
        self.stats += 1
        return "kept"

    def cache_data(self, filename: str, data: object) -> None:
        self.stats += 1


@pytest.mark.parametrize(
    ("settings", "skipped"),
    [
        ({"CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False}, True),
        ({"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}, False),
        ({"CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": True}, False),
    ],
)
def test_pelican_content_cache_bookkeeping_only_when_the_cache_is_on(settings: dict, skipped: bool) -> None:
    generator = SimpleNamespace(settings=settings, readers=Cacher())
    generator.get_cached_data, generator.cache_data = Cacher().get_cached_data, Cacher().cache_data
    generator_init(generator)
    for cacher in (generator, generator.readers):
        found = cacher.get_cached_data("content/ar/news/يوم-المدينة.md", None)
        cacher.cache_data("content/ar/news/يوم-المدينة.md", "مقال")
        assert found == (None if skipped else "kept")
    assert generator.readers.stats == (0 if skipped else 2)


def test_the_collector_waits_longer_and_still_collects() -> None:
    import gc

    from newsroom.core.heap import YOUNGEST, tune

    before = gc.get_threshold()
    try:
        tune()
        assert gc.get_threshold() == (YOUNGEST, before[1], before[2]) and gc.isenabled()
        cycle: list[object] = ["دورة"]
        cycle.append(cycle)
        del cycle
        assert gc.collect() >= 1  # garbage in cycles is still found
    finally:
        gc.set_threshold(*before)


PROBES = {
    # the `newsroom` program (build driver, preview server): tuned before its command runs
    "program": "import gc, newsroom.cli as c; c.main = lambda: print(gc.get_threshold()[0]) or 0; c.run()",
    # a language process: tuned before it loads Pelican (its warm-up says what it finds)
    "language process": (
        "import gc, sys, threading, newsroom.pipeline.worker as w;"
        "w.warm_up = lambda settings: print(gc.get_threshold()[0]);"
        "w.in_background = lambda work: (work(), threading.Thread())[1];"
        "w.main(['pelican.conf.py', 'content/ar', 'output'])"
    ),
    # the search process (its initializer)
    "search process": (
        "import gc, newsroom.pipeline.worker as w; w.in_background = lambda work: None;"
        "w.ready(); print(gc.get_threshold()[0])"
    ),
}


@pytest.mark.parametrize("process", sorted(PROBES))
def test_every_process_of_a_build_tunes_the_collector(process: str) -> None:
    import subprocess
    import sys

    from newsroom import PROJECT
    from newsroom.core.heap import YOUNGEST

    ran = subprocess.run(
        [sys.executable, "-c", PROBES[process]],
        check=False,
        cwd=PROJECT,
        input="",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ran.returncode == 0, ran.stderr
    assert (ran.stdout + ran.stderr).split() == [str(YOUNGEST)]
