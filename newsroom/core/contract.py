"""The content contract: what the communications team writes, checked strictly.

Reads only file headers (`Key: value` lines, a blank line, then the body), so the
build driver can check both trees, and each language process can learn about its
counterpart tree, without rendering anything. The metadata table is the one in
`shared/design.md`; a key is added here before it is used.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dates import DEFAULT_TZ, DateError, PartialDate, parse_date
from .glossary import Glossary
from .languages import LANGUAGES
from .problems import Collector
from .proofread import CHECKS as PROOFREAD_CHECKS
from .proofread import parse_off, suggest_check
from .slugs import find_invisible, is_ascii_slug, suggest_ascii_slug
from .urls import check_image_name, check_link, check_site_path

__all__ = [
    "FOLDERS",
    "KEYS",
    "RESERVED_SLUGS",
    "Field",
    "Source",
    "TreePlan",
    "check_award_links",
    "check_pairs",
    "check_translations",
    "content_hash",
    "parse_header",
    "read_source",
    "scan_tree",
]

REQ, OPT = "required", "optional"
NEWS, AWARD, PAGE, NOTICE = "news", "award", "page", "notice"

# key -> {content type -> required/optional}; a type missing from a row may not use it.
KEYS: dict[str, dict[str, str]] = {
    "title": {NEWS: REQ, AWARD: REQ, PAGE: REQ, NOTICE: REQ},
    "date": {NEWS: REQ, AWARD: OPT},
    "modified": {NEWS: OPT, AWARD: OPT, PAGE: OPT},
    "slug": {NEWS: OPT, AWARD: OPT, PAGE: OPT},
    "category": {NEWS: OPT},
    "tags": {NEWS: OPT},
    "summary": {NEWS: OPT, AWARD: OPT, PAGE: OPT},
    "image": {NEWS: OPT, AWARD: OPT, PAGE: OPT},
    "image-alt": {NEWS: OPT, AWARD: OPT, PAGE: OPT},
    "image-credit": {NEWS: OPT, AWARD: OPT, PAGE: OPT},
    "status": {NEWS: OPT, AWARD: OPT, PAGE: OPT},
    "featured": {NEWS: OPT},
    "awards": {NEWS: OPT},
    "awarder": {AWARD: OPT},
    "field": {AWARD: OPT},  # the award's field (e.g. e-government): a filter of the achievements page
    "edition": {AWARD: OPT},
    "project": {AWARD: OPT},
    "rank": {AWARD: OPT},
    "link": {AWARD: OPT},
    "order": {PAGE: OPT},
    "translation-of": {NEWS: OPT, AWARD: OPT, PAGE: OPT},
    "redirect-from": {NEWS: OPT, AWARD: OPT, PAGE: OPT},
    "expires": {NOTICE: REQ},
    # Arabic proofreading checks this file does without (core/proofread.py, docs/proofreading.md).
    "proofread-off": {NEWS: OPT, AWARD: OPT, PAGE: OPT},
}
# How each key is spelled in messages (the form authors write).
SPELLING = {key: "-".join(part.capitalize() for part in key.split("-")) for key in KEYS}

# Folder under content/<lang>/ -> content type. Only types the site builds are listed.
FOLDERS: dict[str, str] = {"news": NEWS, "awards": AWARD, "pages": PAGE, "notices": NOTICE}
# Where each type is published below /<lang>/.
URL_PREFIX: dict[str, str] = {NEWS: "news/", AWARD: "awards/", PAGE: "", NOTICE: "notices/"}

# Page slugs that would collide with pages the site generates at /<lang>/<slug>/.
RESERVED_SLUGS = frozenset(
    {
        "news",
        "awards",
        "achievements",
        "category",
        "tag",
        "archive",
        "search",
        "page",
        "feed",
        "theme",
        "images",
        "status",
        "pagefind",
        "drafts",
        "index",
    }
)

# Keys whose value is an address (or a list of them), with the check each must pass; a new
# URL-valued key is added here so that no address reaches a page unchecked.
URL_KEYS: dict[str, tuple[Callable[[str], str | None], bool, str]] = {
    # key: (check, comma-separated list?, an example for the message)
    "link": (check_link, False, "https://www.example.org/award or /ar/about/"),
    "image": (check_image_name, False, "corniche.jpg (a file in content/images/)"),
    "redirect-from": (check_site_path, True, "/ar/2019/old-name/"),
}

STATUSES = ("published", "draft")
# Keys an Arabic writer may type in Arabic: each is the English key's meaning.
ARABIC_KEYS: dict[str, str] = {
    "العنوان": "title",
    "عنوان": "title",
    "التاريخ": "date",
    "تاريخ": "date",
    "التصنيف": "category",
    "الفئة": "category",
    "الوسوم": "tags",
    "الكلمات المفتاحية": "tags",
    "الملخص": "summary",
    "الموجز": "summary",
    "الصورة": "image",
    "صورة": "image",
    "وصف الصورة": "image-alt",
    "مصدر الصورة": "image-credit",
    "الحالة": "status",
    "مميز": "featured",
    "الجوائز": "awards",
    "الجهة المانحة": "awarder",
    "المجال": "field",
    "الدورة": "edition",
    "المشروع": "project",
    "المركز": "rank",
    "الرابط": "link",
    "الترتيب": "order",
    "ينتهي": "expires",
    "تاريخ الانتهاء": "expires",
    "تاريخ التعديل": "modified",
    "الاسم المختصر": "slug",
    "إيقاف التدقيق": "proofread-off",
    "إيقاف التدقيق اللغوي": "proofread-off",
    "التدقيق اللغوي": "proofread-off",
}
_ARABIC_KEY_LINE = re.compile(r"^(?P<key>[\u0600-\u06ff][\u0600-\u06ff ]{0,30})\s*:\s?(?P<value>.*)$")
_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*)\s*:\s?(?P<value>.*)$")


@dataclass(frozen=True)
class Field:
    """A header value and the line it is written on."""

    value: str
    line: int


@dataclass
class Header:
    fields: dict[str, Field] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1


def parse_header(text: str, path: Path, collector: Collector) -> Header:
    """Split `Key: value` lines from the body; report malformed lines and repeats."""
    # Lines end at a line feed only (a carriage return before it is dropped): Python's
    # splitlines() would also break at U+2028, U+0085 and the like, which are then reported
    # as characters a header may not hold, on the right line.
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    header = Header()
    i = 0
    fenced = bool(lines) and lines[0].strip() == "---"  # tolerate a YAML-style fence
    i = 1 if fenced else 0
    last: str | None = None
    while i < len(lines):
        raw = lines[i]
        if raw.strip() == "" or (fenced and raw.strip() in ("---", "...")):
            i += 1
            break
        if raw.startswith("#") and last is not None:  # a comment (make new writes hints so)
            i += 1
            continue
        if raw[:1] in (" ", "\t") and last is not None:  # continuation line
            prev = header.fields[last]
            header.fields[last] = Field(f"{prev.value} {raw.strip()}".strip(), prev.line)
            i += 1
            continue
        match = _KEY_LINE.match(raw)
        arabic = _ARABIC_KEY_LINE.match(raw) if not match else None
        if arabic and (i > 0 or arabic["key"].strip() in ARABIC_KEYS):
            name = arabic["key"].strip()
            english = ARABIC_KEYS.get(name)
            collector.error(
                path,
                f"the key '{name}' is written in Arabic",
                f"keys are written in English: did you mean '{SPELLING[english]}:'?"
                if english
                else "keys are written in English, e.g. 'Title:', 'Date:', 'Category:' (the value may be Arabic)",
                line=i + 1,
            )
            last = None
            i += 1
            continue
        if not match:
            if i == 0:  # no header at all: the whole file is body
                break
            collector.error(
                path,
                f"line {i + 1} is not of the form 'Key: value'",
                "end the header with one blank line before the text, or write this line as 'Key: value'",
                line=i + 1,
            )
            i += 1
            continue
        key = match["key"].lower().replace("_", "-")
        if key in header.fields:
            collector.error(
                path,
                f"'{match['key']}' is written twice",
                f"keep one '{match['key']}:' line (the first is on line {header.fields[key].line})",
                line=i + 1,
            )
        else:
            header.fields[key] = Field(match["value"].strip(), i + 1)
        last = key
        i += 1
    header.body = "\n".join(lines[i:])
    header.body_line = i + 1
    return header


@dataclass
class Source:
    """One Markdown file of one language, as its header describes it."""

    lang: str
    relpath: str  # posix path under content/<lang>/, e.g. "news/arab-city-day.md"
    path: Path
    kind: str
    header: Header
    slug: str = ""
    title: str = ""
    date: PartialDate | None = None
    modified: PartialDate | None = None
    expires: PartialDate | None = None
    status: str = "published"
    category: str | None = None  # name as written
    tags: list[str] = field(default_factory=list)
    valid: bool = True
    digest: str = ""  # SHA-256 of the file's bytes as read (the build's input fingerprint)

    def line(self, key: str) -> int | None:
        """The line of `key` in the header, or None when it is not written."""
        item = self.header.fields.get(key)
        return item.line if item else None

    def value(self, key: str, default: str = "") -> str:
        """The value of `key` as written (stripped), or `default`."""
        item = self.header.fields.get(key)
        return item.value if item else default

    def is_published(self, clock: dt.datetime) -> bool:
        """Drafts and articles dated after the build's clock are never published."""
        if self.status == "draft" or not self.valid:
            return False
        return self.date is None or self.date.moment <= clock


def split_list(value: str) -> list[str]:
    """`a, b، c` -> ['a', 'b', 'c'] (the Arabic comma separates too)."""
    return [item.strip() for item in re.split(r"[,،]", value) if item.strip()]


def read_source(
    path: Path, lang: str, relpath: str, collector: Collector, glossary: Glossary | None = None, tz: str = DEFAULT_TZ
) -> Source | None:
    """Read and check one file's header. Problems go to `collector`; dates without an offset
    are in the site's time zone `tz` (the TIMEZONE setting)."""
    folder = relpath.split("/", 1)[0]
    kind = FOLDERS.get(folder)
    if kind is None or "/" not in relpath:
        places = ", ".join(f"content/{lang}/{f}/" for f in FOLDERS)
        collector.error(path, "this file is not in a folder the site knows", f"move it into one of {places}")
        return None
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        collector.error(path, f"the file is not UTF-8 text (byte {exc.start})", "save it as UTF-8 in your editor")
        return None
    except OSError as exc:  # vanished during the build, unreadable, a dangling link
        if not path.is_symlink():  # a link that leads nowhere: the link check says so
            collector.error(
                path,
                f"the file could not be read ({exc.strerror or exc})",
                "check that it exists and can be read, then build again",
            )
        return None
    # A byte order mark (Windows Notepad saves one): not part of the first key.
    text = text.removeprefix("\ufeff")
    header = parse_header(text, path, collector)
    source = Source(lang=lang, relpath=relpath, path=path, kind=kind, header=header)
    source.digest = hashlib.sha256(data).hexdigest()
    _check_name(source, collector)
    _check_keys(source, collector, glossary, tz)
    return source


def _check_name(source: Source, collector: Collector) -> None:
    stem = Path(source.relpath).stem
    bad_chars = find_invisible(source.relpath)
    if bad_chars or not is_ascii_slug(stem):
        suggestion = suggest_ascii_slug(stem)
        collector.error(
            source.path,
            f"the file name '{stem}.md' is not a valid web address"
            + (f" (it contains the invisible characters {', '.join(bad_chars)})" if bad_chars else ""),
            f"rename it with lower-case English letters, digits and hyphens, e.g. '{suggestion}.md'"
            " (the same name in content/ar/ and content/en/)",
        )
        source.valid = False
    source.slug = stem


def _check_keys(source: Source, collector: Collector, glossary: Glossary | None, tz: str = DEFAULT_TZ) -> None:
    fields = source.header.fields
    path, kind = source.path, source.kind

    def error(message: str, action: str, key: str | None = None) -> None:
        collector.error(path, message, action, line=source.line(key) if key else None)
        source.valid = False

    for key, item in fields.items():
        if key == "lang":
            error(
                "'Lang:' is not used: the language comes from the folder",
                f"remove the 'Lang:' line (this file is in content/{source.lang}/)",
                key,
            )
            continue
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1, cutoff=0.6)
            hint = (
                f"did you mean '{SPELLING[close[0]]}:'?"
                if close
                else ("use only the keys in the metadata table (docs: shared design, README)")
            )
            error(f"unknown key '{key}'", hint, key)
            continue
        if kind not in KEYS[key]:
            error(f"'{SPELLING[key]}:' is not used in {kind} files", "remove the line", key)
            continue
        if not item.value:
            required = KEYS[key].get(kind) == REQ
            error(
                f"'{SPELLING[key]}:' is empty",
                "write a value (this key is required)" if required else "write a value, or remove the line",
                key,
            )
            continue
        invisible = find_invisible(item.value)
        if invisible:
            separators = [c for c in invisible if c in ("U+2028", "U+2029", "U+0085")]
            what = (
                "a line or paragraph separator"
                if separators and len(separators) == len(invisible)
                else "invisible, format or direction-control characters"
            )
            error(
                f"'{SPELLING[key]}:' contains {what} ({', '.join(invisible)})",
                "retype the value on one line without copying it from another program",
                key,
            )
            continue
        if key in URL_KEYS:
            check, is_list, example = URL_KEYS[key]
            for address in split_list(item.value) if is_list else [item.value]:
                problem = check(address)
                if problem:
                    error(
                        f"'{SPELLING[key]}: {address}' is not allowed: {problem}",
                        f"write an address such as {example}",
                        key,
                    )
    for key, rows in KEYS.items():
        if rows.get(kind) == REQ and key not in fields:
            example = {"title": "Title: …", "date": "Date: 2020-03-15", "expires": "Expires: 2020-03-15"}[key]
            error(f"'{SPELLING[key]}:' is missing", f"add a line '{example}' to the header at the top of the file")

    source.title = source.value("title")
    if "slug" in fields and fields["slug"].value:
        slug = fields["slug"].value
        if is_ascii_slug(slug):
            source.slug = slug
        else:
            error(
                f"the slug '{slug}' is not a valid web address",
                f"use lower-case English letters, digits and hyphens, e.g. "
                f"'{suggest_ascii_slug(slug, Path(source.relpath).stem)}'",
                "slug",
            )
    if kind == PAGE and source.slug in RESERVED_SLUGS:
        error(
            f"the page address '{source.slug}' is used by the site itself",
            "rename the file (or set 'Slug:') to another name",
            "slug" if "slug" in fields else None,
        )

    for key in ("date", "modified", "expires"):
        if key in fields and fields[key].value:
            try:
                parsed = parse_date(fields[key].value, allow_partial=kind == AWARD, tz=tz)
            except DateError as exc:
                error(
                    f"the {key} {exc}",
                    "write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2020-03-15"
                    + (" (awards may also use YYYY or YYYY-MM)" if kind == AWARD else ""),
                    key,
                )
                continue
            setattr(source, key, parsed)

    if "status" in fields and fields["status"].value:
        status = fields["status"].value.lower()
        if status in STATUSES:
            source.status = status
        else:
            error(
                f"unknown status '{fields['status'].value}'", "write 'Status: draft' or 'Status: published'", "status"
            )
    if "featured" in fields and fields["featured"].value.lower() not in ("yes", "no"):
        error("'Featured:' must be yes or no", "write 'Featured: yes' or remove the line", "featured")
    if "order" in fields and fields["order"].value and not fields["order"].value.isdigit():
        error("'Order:' must be a whole number", "write e.g. 'Order: 2'", "order")
    off = fields.get("proofread-off")
    if off is not None and off.value and kind in KEYS["proofread-off"] and not find_invisible(off.value):
        for name in parse_off(off.value)[1]:
            close = suggest_check(name)
            error(
                f"'{SPELLING['proofread-off']}:' names '{name}', which is not a proofreading check",
                (f"did you mean '{close}'? " if close else "")
                + f"the checks are {', '.join(PROOFREAD_CHECKS)}, or all (docs/proofreading.md)",
                "proofread-off",
            )
    if "image" in fields and "image-alt" not in fields:
        error(
            "the image has no description ('Image-Alt:')",
            "add 'Image-Alt:' describing the picture for people who cannot see it",
            "image",
        )

    if "category" in fields and fields["category"].value:
        source.category = fields["category"].value
        if glossary is not None and glossary.lookup("categories", source.lang, source.category) is None:
            other = next((lang for lang in LANGUAGES if lang != source.lang), source.lang)
            term = glossary.lookup("categories", other, source.category)
            if term is not None:  # the other language's name, e.g. an English category in an Arabic file
                error(
                    f"'{source.category}' is the category's name in the other language",
                    f"in content/{source.lang}/ write its name in this language: 'Category: {term.names[source.lang]}'",
                    "category",
                )
            else:
                error(
                    f"the category '{source.category}' is not in content/glossary.yml",
                    "add it there with its name in the other language, or use a listed category",
                    "category",
                )
    if "tags" in fields:
        source.tags = split_list(fields["tags"].value)
        for tag in source.tags:
            if glossary is not None and glossary.lookup("tags", source.lang, tag) is None:
                collector.warning(
                    path,
                    f"the tag '{tag}' is not in content/glossary.yml",
                    "add it there with its translation, so both languages share one tag page",
                    line=source.line("tags"),
                )


@dataclass
class TreePlan:
    """What one language tree will publish, from headers alone."""

    lang: str
    root: Path
    sources: dict[str, Source] = field(default_factory=dict)  # relpath -> Source

    def published(self, clock: dt.datetime) -> list[Source]:
        """The sources published at `clock`: no drafts, nothing dated later."""
        return [s for s in self.sources.values() if s.is_published(clock)]


def scan_tree(
    content: Path,
    lang: str,
    collector: Collector,
    glossary: Glossary | None = None,
    memo: dict[Any, Any] | None = None,
    tz: str = DEFAULT_TZ,
) -> TreePlan:
    """Read every header under content/<lang>/. `memo` (kept by a long-running process, the
    preview server): files unchanged since the last scan (same size and time) are not read
    again, and their problems are reported again."""
    root = content / lang
    plan = TreePlan(lang=lang, root=root)
    if not root.is_dir():
        return plan
    found = []
    for folder, folders, files in os.walk(root):
        folders[:] = [name for name in folders if not name.startswith(".")]
        below = os.path.relpath(folder, root).replace(os.sep, "/")
        found += [
            (name if below == "." else f"{below}/{name}")
            for name in files
            if name.endswith(".md") and not name.startswith(".")
        ]
    for relpath in sorted(found, key=lambda rel: rel.split("/")):  # the order of Path: by parts
        path = root / relpath
        if memo is None:
            source = read_source(path, lang, relpath, collector, glossary, tz)
        else:
            try:
                stat = path.stat()
            except OSError:  # vanished, or a link to nothing: read_source says why
                source = read_source(path, lang, relpath, collector, glossary, tz)
                continue
            key = (str(path), stat.st_mtime_ns, stat.st_size)
            if key not in memo:
                found = Collector(collector.root)
                memo[key] = (read_source(path, lang, relpath, found, glossary, tz), found.problems)
            kept, problems = memo[key]
            source = copy.copy(kept)  # the checks below mark sources invalid: never the kept one
            collector.extend(problems)
        if source is not None:
            plan.sources[relpath] = source
    return plan


def find_stray_markdown(content: Path, collector: Collector) -> None:
    """A `*.md` anywhere in content/ but content/ar and content/en is an error. (The language
    trees themselves are not walked here: 4,082 files at 2,000 pairs, a third of the check.)"""
    found: list[Path] = []
    for top in content.iterdir() if content.is_dir() else []:
        if top.name in LANGUAGES and top.is_dir():
            continue
        if top.match("*.md"):
            found.append(top)
        if top.is_dir():
            found += top.rglob("*.md")
    for path in sorted(found):
        collector.error(
            path,
            "this Markdown file is outside content/ar/ and content/en/",
            "move it to content/ar/news/ or content/en/news/ (or pages/), the same path in both",
        )


def check_plan(plan: TreePlan, collector: Collector) -> None:
    """Two files of one language that would write the same page."""
    seen: dict[tuple[str, str], Source] = {}
    for source in plan.sources.values():
        if not source.valid:
            continue
        key = (source.kind, source.slug)
        if key in seen:
            first = seen[key]
            collector.error(
                source.path,
                f"this file and {first.path.as_posix()} would both be published at "
                f"/{plan.lang}/{URL_PREFIX[source.kind]}{source.slug}/",
                "rename one of them or give it another 'Slug:'",
                line=source.line("slug"),
            )
            source.valid = False
        else:
            seen[key] = source


def check_award_links(plan: TreePlan, collector: Collector) -> None:
    """Every slug in a news article's `Awards:` names an award of the same language."""
    awards = {s.slug for s in plan.sources.values() if s.kind == AWARD and s.valid}
    for source in plan.sources.values():
        for slug in split_list(source.value("awards")) if source.kind == NEWS else []:
            if slug not in awards:
                close = difflib.get_close_matches(slug, sorted(awards), n=1, cutoff=0.6)
                example = next(iter(sorted(awards)), "award-name")
                collector.error(
                    source.path,
                    f"'Awards:' names '{slug}', which is not an award in content/{plan.lang}/awards/",
                    f"did you mean '{close[0]}'?"
                    if close
                    else f"use the file name of an award (without .md), e.g. '{example}'",
                    line=source.line("awards"),
                )
                source.valid = False


def content_hash(source: Source) -> str:
    """A short hash of what the source says (title and text, spacing ignored), for
    `Translation-Of:` on its translation."""
    text = " ".join(f"{source.title}\n{source.header.body}".split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


BOTH, AR_ONLY, EN_ONLY, STALE = "both", "ar only", "en only", "translation older than its source"


def translation_state(ar: Source | None, en: Source | None) -> str:
    """One of the four states of a pair (the translation is the side with Translation-Of)."""
    if ar is None or en is None:
        return EN_ONLY if ar is None else AR_ONLY
    for translation, source in ((en, ar), (ar, en)):
        written = translation.value("translation-of")
        if written and "translation-of" not in source.header.fields and written != content_hash(source):
            return STALE
    return BOTH


def check_translations(plans: dict[str, TreePlan], collector: Collector, required: bool = False) -> None:
    """The translation report: a missing counterpart, or a translation older than its
    source. Notices (publishing one language first is normal) unless `required`."""
    report = collector.error if required else collector.notice
    names = {"ar": "Arabic", "en": "English"}
    ar, en = (plans[lang] for lang in LANGUAGES)
    for relpath in sorted(set(ar.sources) | set(en.sources)):
        pair = {"ar": ar.sources.get(relpath), "en": en.sources.get(relpath)}
        state = translation_state(pair["ar"], pair["en"])
        if state in (AR_ONLY, EN_ONLY):
            (present, missing) = ("ar", "en") if state == AR_ONLY else ("en", "ar")
            source = pair[present]
            assert source is not None
            report(
                source.path,
                f"there is no {names[missing]} version (content/{missing}/{relpath})",
                f"add the translation, with 'Translation-Of: {content_hash(source)}' in its header",
            )
        elif state == STALE:
            translation, original = (
                (pair["en"], pair["ar"])
                if pair["en"] and pair["en"].value("translation-of")
                else (pair["ar"], pair["en"])
            )
            assert translation is not None and original is not None
            report(
                translation.path,
                f"this translation is older than its source content/{original.lang}/{relpath}",
                f"bring it up to date, then write 'Translation-Of: {content_hash(original)}'",
                line=translation.line("translation-of"),
            )


def check_pairs(plans: dict[str, TreePlan], collector: Collector) -> None:
    """Both sides of a pair must agree on the slug (so they link to each other)."""
    ar, en = (plans[lang] for lang in LANGUAGES)
    for relpath, source in ar.sources.items():
        other = en.sources.get(relpath)
        if other is None or not (source.valid and other.valid):
            continue
        if source.slug != other.slug:
            collector.error(
                other.path if other.line("slug") else source.path,
                f"the pair {relpath} has two different slugs: '{source.slug}' (ar) and '{other.slug}' (en)",
                "write the same 'Slug:' in both files, or remove it from both",
                line=other.line("slug") or source.line("slug"),
            )
            source.valid = other.valid = False
