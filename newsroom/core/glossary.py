"""`content/glossary.yml`: each category and tag in Arabic and English.

The English name gives both languages their URL slug, so `/ar/category/news/` and
`/en/category/news/` are counterparts. The file looks like::

    categories:
      - ar: أخبار البلدية
        en: Municipality news
    tags:
      - ar: يوم المدينة العربية
        en: Arab City Day
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .languages import LANGUAGES
from .problems import Collector
from .slugs import find_invisible, normalize_arabic, slugify

__all__ = ["Glossary", "Term", "load_glossary"]

SECTIONS = ("categories", "tags")


@dataclass(frozen=True)
class Term:
    """A category or tag: its name in each language and its URL slug (from the English name)."""

    slug: str
    names: dict[str, str]  # language code -> name


@lru_cache(maxsize=4096)
def _key(name: str) -> str:
    """How a name is looked up: normalized, without case, spaces collapsed. Remembered (a build
    looks the same few category and tag names up thousands of times)."""
    return " ".join(normalize_arabic(name).casefold().split())


@dataclass
class Glossary:
    """The categories and tags of content/glossary.yml, looked up by name in either language."""

    terms: dict[str, dict[str, dict[str, Term]]] = field(
        default_factory=lambda: {s: {lang: {} for lang in LANGUAGES} for s in SECTIONS}
    )

    def lookup(self, section: str, lang: str, name: str) -> Term | None:
        """The term whose `lang` name is `name` (spacing, case and tashkeel ignored)."""
        return self.terms[section][lang].get(_key(name))

    def by_slug(self, section: str, slug: str) -> Term | None:
        """The term of `section` whose slug is `slug`, or None."""
        for term in self.terms[section][next(iter(LANGUAGES))].values():
            if term.slug == slug:
                return term
        return None


def load_glossary(path: Path, collector: Collector) -> Glossary:
    """Read the glossary; every malformed entry is reported with its line."""
    glossary = Glossary()
    if not path.exists():
        return glossary
    try:
        root = yaml.compose(path.read_text("utf-8").removeprefix("\ufeff"))
    except UnicodeDecodeError as exc:
        collector.error(path, f"the glossary is not UTF-8 text (byte {exc.start})", "save it as UTF-8 in your editor")
        return glossary
    except OSError as exc:
        collector.error(
            path,
            f"the glossary could not be read ({exc.strerror or exc})",
            "check that it exists and can be read, then build again",
        )
        return glossary
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        collector.error(
            path,
            f"the glossary is not valid YAML ({getattr(exc, 'problem', exc)})",
            "compare it with the example at the top of newsroom/core/glossary.py",
            line=mark.line + 1 if mark else None,
        )
        return glossary
    if root is None:
        return glossary
    if not isinstance(root, yaml.MappingNode):
        collector.error(
            path,
            "the glossary must have 'categories:' and 'tags:' sections",
            "start the file with 'categories:'",
            line=1,
        )
        return glossary
    for key_node, value_node in root.value:
        section = key_node.value
        line = key_node.start_mark.line + 1
        if section not in SECTIONS:
            collector.error(path, f"unknown section '{section}'", "use only 'categories:' and 'tags:'", line=line)
            continue
        if not isinstance(value_node, yaml.SequenceNode):
            collector.error(
                path,
                f"'{section}:' must be a list of entries",
                "start each entry with '- ar: …' and a line '  en: …'",
                line=line,
            )
            continue
        for entry in value_node.value:
            _add_entry(glossary, section, entry, path, collector)
    return glossary


def _add_entry(glossary: Glossary, section: str, entry: yaml.Node, path: Path, collector: Collector) -> None:
    line = entry.start_mark.line + 1
    if not isinstance(entry, yaml.MappingNode):
        collector.error(
            path, "this entry is not a pair of names", "write it as '- ar: …' with a line '  en: …' below", line=line
        )
        return
    names = {k.value: str(v.value).strip() for k, v in entry.value if isinstance(v, yaml.ScalarNode)}
    missing = [lang for lang in LANGUAGES if not names.get(lang)]
    extra = [k for k in names if k not in LANGUAGES]
    if missing or extra:
        what = f"missing {', '.join(missing)}" if missing else f"unknown key {', '.join(extra)}"
        collector.error(
            path, f"this entry is incomplete ({what})", "give each entry exactly an 'ar:' and an 'en:' name", line=line
        )
        return
    for lang in LANGUAGES:
        invisible = find_invisible(names[lang])
        if invisible:
            collector.error(
                path,
                f"the name '{names[lang]}' contains invisible, format or direction-control "
                f"characters ({', '.join(invisible)})",
                "retype the name without copying it from another program",
                line=line,
            )
            return
    term = Term(slug=slugify(names["en"]), names={lang: names[lang] for lang in LANGUAGES})
    if not term.slug:
        collector.error(
            path,
            f"the English name '{names['en']}' gives no URL",
            "use letters or digits in the English name",
            line=line,
        )
        return
    for lang in LANGUAGES:
        key = _key(names[lang])
        if key in glossary.terms[section][lang]:
            collector.error(path, f"'{names[lang]}' is listed twice in {section}", "keep one entry per name", line=line)
            return
    if glossary.by_slug(section, term.slug):
        collector.error(
            path,
            f"two {section} would share the URL slug '{term.slug}'",
            "give them different English names",
            line=line,
        )
        return
    for lang in LANGUAGES:
        glossary.terms[section][lang][_key(names[lang])] = term
