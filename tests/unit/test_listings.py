"""Tag, category and author pages: their articles are looked up by identity in constant time
(plugins/incremental: `Members`), with the answers Pelican's plain lists gave."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from plugins.incremental.plugin import Members, article_generator_finalized


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
    )
    article_generator_finalized(generator)
    assert {tag: list(a) for tag, a in generator.tags.items()} == {"بلدية": [one, two], "award": [two]}
    assert [(name, list(a)) for name, a in generator.categories] == [("أخبار", [one]), ("news", [two])]
    assert [(name, list(a)) for name, a in generator.authors] == [("فريق الاتصال", [one, two])]
    for articles in [*generator.tags.values(), *(a for _, a in generator.categories + generator.authors)]:
        assert isinstance(articles, Members)
