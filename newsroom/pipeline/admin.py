"""The web editor at /admin/ (Decap CMS, self-hosted from npm): its page and configuration,
and the production build's copy of it (`publish_admin`, called by the build's assets stage).

Everything the editor shows comes from data: the collections and their fields from the content
contract's table (`newsroom.core.contract.KEYS`), their labels and hints in both interface
languages from `TEXT` below, the languages from `newsroom.core.languages`, categories and tags
from `content/glossary.yml`, the time zone and the site's name from the settings
(`pelican.conf.py`), the GitHub repository and the interface's language from the optional
`EDITOR` setting. The browser side is `editor/newsroom-cms.js` (and Decap's interface in Arabic,
`editor/locale-ar.js`); the command `newsroom-editor` (newsroom/commands/editor.py) and the
preview (newsroom/preview/editor.py) use the functions here.
"""

from __future__ import annotations

import html
import json
import logging
import re
import shutil
from pathlib import Path
from typing import Any

from newsroom import PROJECT
from newsroom.core.contract import AWARD, FOLDERS, KEYS, NEWS, NOTICE, PAGE, REQ, SPELLING
from newsroom.core.glossary import SECTIONS, load_glossary
from newsroom.core.languages import DEFAULT_LANG, LANGUAGES
from newsroom.core.problems import Collector
from newsroom.core.settings import load_settings

__all__ = [
    "DECAP_SERVER",
    "EDITOR_FILES",
    "admin_page",
    "bundle_files",
    "bundle_missing",
    "editor_data",
    "publish_admin",
    "unavailable",
    "write_admin",
]

log = logging.getLogger(__name__)

EDITOR_FILES = PROJECT / "editor"  # newsroom-init.js, locale-ar.js, newsroom-cms.js, admin.css
# The page's own files (editor/), copied beside Decap's bundle. The page loads newsroom-init.js,
# then the bundle, then the scripts below it in this order (admin_page).
BEFORE_BUNDLE = ("newsroom-init.js",)
AFTER_BUNDLE = ("locale-ar.js", "newsroom-cms.js")  # Decap's Arabic, registered before CMS.init
PAGE_FILES = (*BEFORE_BUNDLE, *AFTER_BUNDLE, "admin.css")
ARABIC_FONT = PROJECT / "theme" / "static" / "fonts" / "NotoNaskhArabic-Regular.woff2"
DECAP_DIST = PROJECT / "node_modules" / "decap-cms" / "dist"
DECAP_SERVER = PROJECT / "node_modules" / "decap-server" / "dist" / "index.js"
BACKENDS = {"newsroom-proxy": "proxy", "newsroom-github": "github"}
LIST_KEYS = frozenset({"tags", "awards"})
BOOLEAN_KEYS = frozenset({"featured"})
# Keys the editor shows no field for: kept as written in the file (make check reads them).
HIDDEN_KEYS = frozenset({"slug", "translation-of", "redirect-from", "proofread-off"})
# The interface's languages: Decap's own English, and Arabic from editor/locale-ar.js. The
# officer's browser chooses between them (navigator.languages) unless EDITOR's UI_LOCALE names
# one; the page's switch (newsroom-cms.js) overrides both for that browser.
UI_LANGUAGES = tuple(LANGUAGES)
UI_CHOICES = ("auto", *UI_LANGUAGES)
UI_TITLES = {"ar": "اعرض المحرر بالعربية", "en": "Show the editor in English"}  # the switch's tooltip
# Every word the configuration shows, in both interface languages: name -> (Arabic, English).
# The Arabic interface shows the Arabic; the English one keeps both in labels (its officers
# fill in both languages' panes) and English in hints and messages.
TEXT: dict[str, tuple[str, str]] = {
    # the contract's keys that have a field
    "title": ("العنوان", "Title"),
    "date": ("التاريخ", "Date"),
    "modified": ("تاريخ التعديل", "Modified"),
    "category": ("التصنيف", "Category"),
    "tags": ("الوسوم", "Tags"),
    "summary": ("الملخص", "Summary"),
    "image": ("الصورة", "Image"),
    "image-alt": ("وصف الصورة", "Image-Alt"),
    "image-credit": ("مصدر الصورة", "Image-Credit"),
    "status": ("الحالة", "Status"),
    "featured": ("خبر بارز", "Featured"),
    "awards": ("الجوائز", "Awards"),
    "awarder": ("الجهة المانحة", "Awarder"),
    "field": ("المجال", "Field"),
    "edition": ("الدورة", "Edition"),
    "project": ("المشروع", "Project"),
    "rank": ("المركز", "Rank"),
    "link": ("رابط الجائزة", "Link"),
    "order": ("الترتيب", "Order"),
    "expires": ("تاريخ الانتهاء", "Expires"),
    # the editor's own fields
    "address": ("الرابط بالإنجليزية", "Web address (English)"),
    "body": ("النص", "Text"),
    # the content types: a collection's name, and one of its entries ("+ إضافة خبر")
    f"{NEWS}/label": ("الأخبار", "News"),
    f"{AWARD}/label": ("الجوائز", "Awards"),
    f"{PAGE}/label": ("الصفحات", "Pages"),
    f"{NOTICE}/label": ("التنبيهات العاجلة", "Urgent notices"),
    f"{NEWS}/singular": ("خبر", "News article"),
    f"{AWARD}/singular": ("جائزة", "Award"),
    f"{PAGE}/singular": ("صفحة", "Page"),
    f"{NOTICE}/singular": ("تنبيه عاجل", "Urgent notice"),
    # hints, options and messages
    "address-hint": (
        "يصير اسمَ الملف وآخرَ رابط الصفحة، مثل road-opening. يُكتب بكلمات إنجليزية،"
        " ولا تُكتب الكلمات العربية بحروف لاتينية.",
        "becomes the file name and the address: /ar/…/road-opening/ — never transliterated",
    ),
    "time-hint": ("بتوقيت الموقع: {timezone}", "{timezone} time"),
    "partial-date": (
        "السنة وحدها أو السنة والشهر أو التاريخ كاملاً: YYYY أو YYYY-MM أو YYYY-MM-DD",
        "YYYY, YYYY-MM or YYYY-MM-DD",
    ),
    "whole-number": ("رقم صحيح", "a whole number"),
    "draft": ("مسودة", "draft"),
    "published": ("منشور", "published"),
    "slug-message": (
        "حروف إنجليزية صغيرة وأرقام وشَرطات، مثل road-opening",
        "lower-case English letters, digits and hyphens, e.g. road-opening",
    ),
    "alt-message": ("صِف الصورة لمن لا يراها", "describe the picture for people who cannot see it"),
}
DATE_FORMAT = "YYYY-MM-DD HH:mm"  # the contract's "YYYY-MM-DD HH:MM", in the site's time zone
SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"  # the contract's ASCII slug (newsroom.core.slugs)
PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2}( \d{2}:\d{2})?)?)?$"  # awards: YYYY, YYYY-MM or a full date


def unavailable() -> str | None:
    """Why the editor cannot be offered here (node or the npm packages missing), or None."""
    if shutil.which("node") is None:
        return "Node.js is not installed (Debian: apt-get install nodejs npm), so the web editor is not offered"
    if not (DECAP_DIST / "decap-cms.js").is_file() or not DECAP_SERVER.is_file():
        return "the editor's npm packages are not installed (make test or npm ci installs them)"
    return None


def field_name(key: str) -> str:
    """The editor's name for a header key ("image-alt" -> "image_alt")."""
    return key.replace("-", "_")


def _text(name: str, ui: str, **values: str) -> str:
    """A hint, option or message of `TEXT` in the interface's language."""
    arabic, english = TEXT[name]
    return (arabic if ui == "ar" else english).format(**values)


def _label(name: str, ui: str) -> str:
    """A label of `TEXT`: Arabic in the Arabic interface, both languages in the English one."""
    arabic, english = TEXT[name]
    return arabic if ui == "ar" else f"{english} · {arabic}"


def _field(key: str, kind: str, timezone: str, ui: str = "en") -> dict[str, Any]:
    """One header key as a Decap field, with the contract's rules, worded for the interface `ui`."""
    base: dict[str, Any] = {"name": field_name(key), "label": _label(key, ui), "required": KEYS[key].get(kind) == REQ}
    duplicate = {"i18n": "duplicate"}  # the same value in both languages' files
    translated = {"i18n": True}
    if key in ("date", "modified", "expires") and not (kind == AWARD and key == "date"):
        hint = _text("time-hint", ui, timezone=timezone)
        return {**base, **duplicate, "widget": "datetime", "format": DATE_FORMAT, "default": "", "hint": hint}
    if key == "date":  # awards: only what is known
        return {**base, **duplicate, "widget": "string", "pattern": [PARTIAL_DATE, _text("partial-date", ui)]}
    if key == "category":
        return {**base, **translated, "widget": "newsroom-glossary", "section": "categories"}
    if key == "tags":
        return {**base, **translated, "widget": "newsroom-glossary", "section": "tags", "multiple": True}
    if key == "summary":
        return {**base, **translated, "widget": "text"}
    if key == "image":
        return {**base, **duplicate, "widget": "image", "choose_url": False}
    if key == "image-alt":
        return {**base, **translated, "widget": "newsroom-alt"}
    if key == "status":
        options = [{"label": _text(value, ui), "value": value} for value in ("draft", "published")]
        return {**base, **duplicate, "widget": "select", "options": options, "default": "draft"}
    if key == "featured":
        return {**base, **duplicate, "widget": "boolean", "default": False}
    if key == "awards":
        return {
            **base,
            **duplicate,
            "widget": "relation",
            "collection": FOLDERS_BY_KIND[AWARD],
            "value_field": "{{slug}}",
            "search_fields": ["title"],
            "display_fields": ["title"],
            "multiple": True,
        }
    if key in ("link",):
        return {**base, **duplicate, "widget": "string"}
    if key == "order":
        return {**base, **duplicate, "widget": "string", "pattern": ["^[0-9]*$", _text("whole-number", ui)]}
    return {**base, **translated, "widget": "string"}


FOLDERS_BY_KIND = {kind: folder for folder, kind in FOLDERS.items()}


def collection(folder: str, kind: str, content: str, timezone: str, ui: str = "en") -> dict[str, Any]:
    """A Decap folder collection for one content type (both languages in one entry), worded
    for the interface `ui`."""
    address = {
        "name": "address",
        "label": _label("address", ui),
        "widget": "newsroom-address",
        "i18n": "duplicate",
        "required": False,  # checked by the widget: required for a new entry, fixed after
        "hint": _text("address-hint", ui),
    }
    fields = [address]
    fields += [_field(key, kind, timezone, ui) for key, rows in KEYS.items() if kind in rows and key not in HIDDEN_KEYS]
    fields.append({"name": "body", "label": _label("body", ui), "widget": "markdown", "i18n": True, "required": False})
    return {
        "name": folder,
        "label": _label(f"{kind}/label", ui),
        "label_singular": _label(f"{kind}/singular", ui),
        "folder": f"{content}/{folder}",
        "extension": "md",
        "format": "newsroom",
        "create": True,
        "i18n": True,
        "slug": "{{fields.address}}",
        "identifier_field": "title",
        "summary": "{{title}}",
        "fields": fields,
    }


def differences(base: Any, other: Any, path: tuple[str | int, ...] = ()) -> list[list[Any]]:
    """What turns `base` into `other` (JSON values of the same shape): [[path, value], ...],
    each path a list of keys and indexes. The Arabic interface's configuration is sent as its
    differences from the English one (labels, hints, options), applied by newsroom-cms.js."""
    if isinstance(base, dict) and isinstance(other, dict) and base.keys() <= other.keys():
        return [change for key in other for change in differences(base.get(key), other[key], (*path, key))]
    if isinstance(base, list) and isinstance(other, list) and len(base) == len(other):
        return [
            change for i, (a, b) in enumerate(zip(base, other, strict=True)) for change in differences(a, b, (*path, i))
        ]
    return [] if base == other else [[list(path), other]]


def _glossary(path: Path) -> dict[str, list[dict[str, str]]]:
    glossary = load_glossary(path, Collector(path.parent))
    first = next(iter(LANGUAGES))
    return {section: [dict(term.names) for term in glossary.terms[section][first].values()] for section in SECTIONS}


def _preview_style(site: Path | None) -> str:
    """The site's stylesheet as published (content-hashed name when the build made one)."""
    if site is not None:
        found = sorted((site / "theme" / "css").glob("site.*.css"))
        if found:
            return "/" + found[0].relative_to(site).as_posix()
    return "/theme/css/site.css"


def editor_data(
    content: Path,
    backend: str = "github",
    settings_file: Path = PROJECT / "pelican.conf.py",
    site: Path | None = None,
    repo: Path | None = None,
) -> dict[str, Any]:
    """editor.json: Decap's configuration and what newsroom-cms.js needs. `backend`: "local"
    (the preview's local backend, through /admin/api/v1) or "github" (editorial workflow)."""
    settings = load_settings(settings_file, DEFAULT_LANG)
    timezone = str(settings.get("TIMEZONE") or "UTC")
    options = dict(settings.get("EDITOR") or {})
    names = dict(settings.get("SITENAMES") or {})
    repo = repo or content.parent
    content_rel = content.resolve().relative_to(repo.resolve()).as_posix()
    if backend == "local":
        backend_config: dict[str, Any] = {"name": "newsroom-proxy", "proxy_url": "/admin/api/v1", "branch": "main"}
    else:
        backend_config = {
            "name": "newsroom-github",
            "repo": options.get("REPO", ""),
            "branch": options.get("BRANCH", "main"),
        }
        if options.get("AUTH_URL"):  # the OAuth service the officers sign in through
            backend_config["base_url"] = options["AUTH_URL"]
    config = {
        "load_config_file": False,  # this is the whole configuration (no config.yml)
        "backend": backend_config,
        "publish_mode": "editorial_workflow",
        "media_folder": f"{content_rel}/images",
        "public_folder": "",
        "locale": "en",  # newsroom-cms.js sets the officer's interface language
        "site_url": settings.get("SITEURL") or "/",
        "display_url": settings.get("SITEURL") or "/",
        "editor": {"preview": True},
        "i18n": {"structure": "multiple_folders", "locales": list(LANGUAGES), "default_locale": DEFAULT_LANG},
        "slug": {"encoding": "ascii", "clean_accents": False, "sanitize_replacement": "-"},
        "collections": [collection(folder, kind, content_rel, timezone) for folder, kind in FOLDERS.items()],
    }
    worded = {  # the collections in each interface language, as changes to the English ones
        ui: differences(
            config["collections"],
            [collection(folder, kind, content_rel, timezone, ui) for folder, kind in FOLDERS.items()],
            ("collections",),
        )
        for ui in UI_LANGUAGES
    }
    setting = str(options.get("UI_LOCALE") or "auto")
    if backend == "local":
        config["publish_mode"] = "simple"  # the working copy: files are written as they are saved
    keys = [
        {"key": key, "field": field_name(key), "spelling": SPELLING[key], "list": key in LIST_KEYS,
         "boolean": key in BOOLEAN_KEYS}
        for key in KEYS
    ]  # fmt: skip
    return {
        "config": config,
        "keys": keys,
        "backends": BACKENDS,
        "layout": {"content": content_rel, "kinds": list(FOLDERS), "locales": list(LANGUAGES)},
        "glossary": _glossary(content / "glossary.yml"),
        "locales": list(LANGUAGES),
        "defaultLocale": DEFAULT_LANG,
        "dirs": {code: lang.dir for code, lang in LANGUAGES.items()},
        "imageField": field_name("image"),
        "slugPattern": SLUG_PATTERN,
        "ui": {
            "setting": setting if setting in UI_CHOICES else "auto",
            "languages": list(UI_LANGUAGES),
            "names": {code: LANGUAGES[code].name for code in UI_LANGUAGES},
            "titles": {code: UI_TITLES[code] for code in UI_LANGUAGES},
            "config": worded,
            "messages": {
                code: {"slug": _text("slug-message", code), "alt": _text("alt-message", code)} for code in UI_LANGUAGES
            },
        },
        "previewStyle": _preview_style(site),
        "title": " · ".join(f"{names[code]}" for code in LANGUAGES if code in names),
    }


def admin_page(title: str) -> str:
    """/admin/index.html: no inline code; never indexed."""
    return (
        "<!doctype html>\n"
        '<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        f"<title>{html.escape(title)} · Editor · المحرر</title>\n"
        '<link rel="stylesheet" href="admin.css">\n'
        + "".join(f'<script src="{name}"></script>\n' for name in (*BEFORE_BUNDLE, "decap/decap-cms.js", *AFTER_BUNDLE))
        + "</head>\n<body>\n</body>\n</html>\n"
    )


def bundle_files() -> list[Path]:
    """Decap's files the page loads: the bundle, its lazy chunks and WebAssembly (no source maps)."""
    return sorted(
        path
        for path in DECAP_DIST.iterdir()
        if path.name == "decap-cms.js" or path.name.endswith(".decap-cms.js") or path.suffix == ".wasm"
    )


def write_admin(site: Path, data: dict[str, Any]) -> Path:
    """Write site/admin/ (the page, editor.json, the glue and Decap's bundle); returns it."""
    admin = site / "admin"
    (admin / "decap").mkdir(parents=True, exist_ok=True)
    (admin / "index.html").write_text(admin_page(data["title"]), "utf-8")
    (admin / "editor.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
    for name in PAGE_FILES:
        shutil.copyfile(EDITOR_FILES / name, admin / name)
    for path in bundle_files():
        shutil.copyfile(path, admin / "decap" / path.name)
    (admin / "fonts").mkdir(exist_ok=True)
    shutil.copyfile(ARABIC_FONT, admin / "fonts" / ARABIC_FONT.name)
    log.info("wrote the web editor to %s", admin)
    return admin


# -- The production build's /admin/ (GitHub backend, editorial workflow) ----------------------
REPO_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}")
BRANCH_NAME = re.compile(r"[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*")
EXAMPLE = 'EDITOR = {"REPO": "owner/name", "BRANCH": "main", "AUTH_URL": "https://auth.example.org"}'


def bundle_missing() -> str | None:
    """Why Decap's bundle cannot be published (the npm package is not installed), or None.
    The production editor needs only the bundle; Node.js itself is not used by the build."""
    if not (DECAP_DIST / "decap-cms.js").is_file():
        return f"the web editor's npm package decap-cms is not installed ({DECAP_DIST} is missing)"
    return None


def editor_problems(options: dict[str, Any]) -> list[str]:
    """What is wrong with the EDITOR setting (REPO already given), each as a sentence."""
    problems = []
    repo, branch, auth = (str(options.get(key) or "") for key in ("REPO", "BRANCH", "AUTH_URL"))
    if not REPO_NAME.fullmatch(repo):
        problems.append(f"EDITOR['REPO'] is {repo!r}, not a GitHub repository written as owner/name")
    if branch and (not BRANCH_NAME.fullmatch(branch) or ".." in branch):
        problems.append(f"EDITOR['BRANCH'] is {branch!r}, not a branch name (letters, digits, . _ - and /)")
    if auth and (not auth.startswith("https://") or any(c.isspace() or c in "\"'<>" for c in auth)):
        problems.append(f"EDITOR['AUTH_URL'] is {auth!r}, not an https:// address")
    ui = options.get("UI_LOCALE")
    if ui not in (None, "", *UI_CHOICES):
        choices = ", ".join(repr(choice) for choice in UI_CHOICES)
        problems.append(f"EDITOR['UI_LOCALE'] is {ui!r}, not one of {choices} (the editor's interface language)")
    return problems


def publish_admin(
    site: Path, content: Path, settings_file: Path, settings: dict[str, Any], collector: Collector
) -> str:
    """Write site/admin/ for the GitHub backend (editorial workflow: saving opens a pull request)
    when the `EDITOR` setting names a repository; returns what was done, in a few words ("":
    no repository named, nothing to do).

    Without the npm package the site is built without /admin/ and a warning says so: `make html`
    publishes, CI and `make publish` (STRICT=1, where warnings stop publishing) stop, so a
    site that names a repository is never published without its editor by accident. A setting
    that is not a repository, a branch or an https:// address is an error."""
    options = dict(settings.get("EDITOR") or {})
    if not str(options.get("REPO") or "").strip():
        return ""
    problems = editor_problems(options)
    for problem in problems:
        collector.error(settings_file, problem, f"correct the EDITOR setting, e.g. {EXAMPLE}")
    if problems:
        return "not written (the EDITOR setting is wrong)"
    missing = bundle_missing()
    if missing:
        collector.warning(
            settings_file,
            f"EDITOR names the repository {options['REPO']}, but {missing}: the site is built without /admin/",
            "run `npm ci` (make test does it) and build again",
        )
        return "not written (npm package missing)"
    data = editor_data(content, "github", settings_file=settings_file, site=site)
    write_admin(site, data)
    return f"/admin/ for {options['REPO']} ({data['config']['backend']['branch']}, pull requests)"
