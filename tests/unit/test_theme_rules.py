"""Rules the theme keeps: gettext for every string, logical CSS, code that lints clean."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

PROJECT = Path(__file__).resolve().parents[2]
THEME = PROJECT / "theme"
TEMPLATES = sorted((THEME / "templates").rglob("*.html"))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_no_hard_coded_words_in_templates(template: Path) -> None:
    text = template.read_text("utf-8")
    text = re.sub(r"\{%-? *trans\b.*?endtrans *-?%\}", " ", text, flags=re.S)  # gettext blocks
    text = re.sub(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", " ", text, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text)
    words = re.findall(r"[A-Za-z\u0600-\u06ff]{2,}", text)
    assert not words, f"{template.name}: put these through gettext: {words}"


def messages() -> set[str]:
    found = extract_from_dir(
        str(THEME),
        method_map=[("templates/**.html", "jinja2")],
        options_map={"templates/**.html": {"extensions": "jinja2.ext.i18n"}},
        keywords={"_": None, "gettext": None, "gettext_in": (2,)},
    )
    return {message if isinstance(message, str) else message[0] for _, _, message, *_ in found}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_interface_string_is_translated(lang: str) -> None:
    with (THEME / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    translated = {m.id for m in catalog if m.id and m.string and not m.fuzzy}
    missing = messages() - translated
    assert not missing, f"run `make translations` and translate: {sorted(missing)}"


PHYSICAL = re.compile(
    r"(margin|padding|border)-(left|right)\b|(^|[^-\w])(left|right)\s*:|text-align:\s*(left|right)"
    r"|float:\s*(left|right)"
)


def test_css_uses_logical_properties_only() -> None:
    for sheet in THEME.rglob("*.css"):
        text = re.sub(
            r"/\*.*?\*/", lambda m: "\n" * m.group().count("\n"), sheet.read_text("utf-8"), flags=re.S
        )  # comments may name physical properties
        original = sheet.read_text("utf-8").splitlines()
        for number, line in enumerate(text.splitlines(), 1):
            if PHYSICAL.search(line) and "physical-ok" not in original[number - 1]:  # the allow-list marker
                pytest.fail(f"{sheet.name}:{number}: use a logical property: {line.strip()}")


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "pelican.conf.py", "newsroom", "plugins", "tools", "tests"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# What the build itself made safe (after the sanitizer) is the only thing a template may print
# unescaped: an article's, page's or award's body and summary, and an urgent notice's text.
SAFE_ALLOWED = re.compile(r"^(article|page|award|lead)\.(content|summary)$|^notice\.html$")


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_nothing_is_printed_unescaped_but_sanitized_html(template: Path) -> None:
    text = template.read_text("utf-8")
    assert not re.search(r"\{%-?\s*autoescape\s+false", text), f"{template.name}: autoescape may not be turned off"
    for expression in re.findall(r"\{\{-?\s*([^{}]*?)\|\s*safe\b", text):
        assert SAFE_ALLOWED.match(expression.strip()), (
            f"{template.name}: '{expression.strip()}|safe' prints a value unescaped; only sanitized HTML may be"
        )
    assert "Markup(" not in text


def test_autoescape_is_on_for_pelican_templates() -> None:
    import runpy  # noqa: PLC0415

    settings = runpy.run_path(str(PROJECT / "pelican.conf.py"))
    assert settings["JINJA_ENVIRONMENT"].get("autoescape") is True


def test_the_tree_is_formatted() -> None:
    """`ruff format` is the formatting: `make lint` and CI check it."""
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "pelican.conf.py", "newsroom", "plugins", "tools", "tests"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
