"""Jinja's compiled templates are kept between builds, and a stale or damaged entry is never used."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

from newsroom.core import templatecache
from newsroom.core.cache import MEMO_MAGIC, save_memo
from newsroom.core.problems import Collector
from newsroom.core.templatecache import TemplateCodeCache

TEMPLATES = {
    "base.html": '<html lang="{{ lang }}" dir="{{ dir }}"><body>{% block body %}{% endblock %}</body></html>',
    "article.html": '{% extends "base.html" %}{% block body %}<h1>{{ title }}</h1>{% endblock %}',
}
CONTEXT = {"lang": "ar", "dir": "rtl", "title": "افتتاح طريق الكورنيش <الجديد>"}
EXPECTED = '<html lang="ar" dir="rtl"><body><h1>افتتاح طريق الكورنيش &lt;الجديد&gt;</h1></body></html>'


def render(cache: TemplateCodeCache, templates: dict[str, str] = TEMPLATES) -> str:
    """A new environment (as each Pelican generator makes), the page, the cache saved."""
    env = Environment(loader=DictLoader(templates), autoescape=True, bytecode_cache=cache)
    html = env.get_template("article.html").render(CONTEXT)
    cache.save()
    return html


def test_a_second_build_loads_the_compiled_templates(tmp_path: Path) -> None:
    path = tmp_path / "templates.pickle"
    first = TemplateCodeCache(path)
    assert render(first) == EXPECTED
    assert (first.compiled, first.loaded) == (2, 0)
    assert path.read_bytes().startswith(MEMO_MAGIC)
    second = TemplateCodeCache(path)
    assert render(second) == EXPECTED
    assert (second.compiled, second.loaded) == (0, 2)


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    path = tmp_path / "templates.pickle"
    render(TemplateCodeCache(path))
    edited = {**TEMPLATES, "article.html": TEMPLATES["article.html"].replace("<h1>", "<h1 class='x'>")}
    cache = TemplateCodeCache(path)
    assert render(cache, edited) == EXPECTED.replace("<h1>", "<h1 class='x'>")
    assert (cache.compiled, cache.loaded) == (1, 1)  # the base is unchanged


def test_other_code_empties_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "templates.pickle"
    render(TemplateCodeCache(path))
    monkeypatch.setattr(templatecache, "code_digest", lambda: "other code")
    cache = TemplateCodeCache(path)
    assert render(cache) == EXPECTED
    assert (cache.compiled, cache.loaded) == (2, 0)


@pytest.mark.parametrize("damage", ["empty", "cut", "overwritten", "not bytecode"])
def test_a_damaged_file_is_never_used(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "templates.pickle"
    render(TemplateCodeCache(path))
    raw = path.read_bytes()
    if damage == "empty":
        path.write_bytes(b"")
    elif damage == "cut":
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "overwritten":
        path.write_bytes(raw[: len(MEMO_MAGIC) + 32] + bytes(len(raw) - len(MEMO_MAGIC) - 32))
    else:  # a whole memo file whose entries are not Jinja's (another tool's file of that name)
        keys = TemplateCodeCache(path).templates.keys()
        save_memo(path, {"code": templatecache.code_digest(), "templates": dict.fromkeys(keys, b"garbage")})
    collector = Collector()
    cache = TemplateCodeCache(path, collector)
    assert render(cache) == EXPECTED
    assert (cache.compiled, cache.loaded) == (2, 0)
    if damage != "not bytecode":
        assert any("this cache file was damaged" in p.message for p in collector.problems)
    again = TemplateCodeCache(path)
    assert render(again) == EXPECTED
    assert (again.compiled, again.loaded) == (0, 2)  # written whole again


def test_a_build_that_uses_fewer_templates_keeps_the_others(tmp_path: Path) -> None:
    """The preview's language process builds again and again; a build that loads only some
    templates (nothing of its language changed) keeps the others compiled."""
    path = tmp_path / "templates.pickle"
    cache = TemplateCodeCache(path)
    render(cache)
    Environment(loader=DictLoader(TEMPLATES), bytecode_cache=cache).get_template("base.html")
    cache.save()
    assert render(cache) == EXPECTED
    assert (cache.compiled, cache.loaded) == (2, 3)
    assert len(TemplateCodeCache(path).templates) == 2
