"""The `bilingual` Pelican plugin: one language per process, linked to its counterpart.

Signals (connected in `register`):
- initialized: read the BILINGUAL setting, the glossary and the counterpart tree's
  headers; collect Pelican's own errors so that they fail the build.
- readers_init: our strict Markdown reader.
- generator_init: gettext catalogs and the date/counterpart helpers for templates.
- content_object_init: each article and page learns its counterpart.
- all_generators_finalized: addresses are kept, not formatted again on every use.
- feed_generated: the feed says its language.
- finalized: the report (problems, process id) for the build driver.
"""

from __future__ import annotations

import json
import logging
import os
import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pelican import signals

from newsroom.core import dates, languages, later
from newsroom.core.assets import asset_function, load_manifest
from newsroom.core.cache import PickleCache
from newsroom.core.contract import AWARD, NEWS, PAGE, TreePlan, check_plan, scan_tree, split_list
from newsroom.core.fragments import shared_function
from newsroom.core.glossary import load_glossary
from newsroom.core.hooks import declare_shown
from newsroom.core.i18n import load_translations
from newsroom.core.notices import active_notices
from newsroom.core.plans import load as load_plans
from newsroom.core.problems import Collector
from newsroom.core.state import DEFAULTS, SETTING, STATE_KEY, State, attach, state_of
from newsroom.core.urls import check_link

from .reader import BilingualMarkdownReader

logger = logging.getLogger(__name__)

__all__ = ["Counterpart", "register"]

_PAGINATED = re.compile(r"^(?P<base>.*?)page/\d+/index\.html$")


@dataclass(frozen=True)
class Counterpart:
    lang: str
    url: str
    title: str
    exact: bool  # False: the other language's first page of a paginated listing


def _check_config(config: dict[str, Any]) -> None:
    """Fail early, naming the setting, on values the plugin cannot use."""
    if config["LANG"] not in languages.LANGUAGES:
        raise ValueError(
            f"{SETTING}['LANG'] is {config['LANG']!r}: set SITE_LANG to one of "
            f"{', '.join(languages.LANGUAGES)} (the build driver does this)"
        )
    if not config["CONTENT"] or not Path(config["CONTENT"]).is_dir():
        raise ValueError(f"{SETTING}['CONTENT'] must be the folder holding ar/ and en/")
    for lang in languages.LANGUAGES:
        system = config["DIGITS"].get(lang)
        if system not in dates.DIGIT_SYSTEMS:
            raise ValueError(
                f"{SETTING}['DIGITS'][{lang!r}] is {system!r}: use one of {', '.join(dates.DIGIT_SYSTEMS)}"
            )
    if not isinstance(config["IFRAME_HOSTS"], list | tuple | set):
        raise ValueError(f"{SETTING}['IFRAME_HOSTS'] must be a list of host names, e.g. ['www.youtube.com']")
    if config["HIJRI_ADJUST"] not in (-1, 0, 1):
        raise ValueError(f"{SETTING}['HIJRI_ADJUST'] must be -1, 0 or 1")


_EMAIL = re.compile(r"^[^@\s<>\"']+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
_PHONE = re.compile(r"^\+?[0-9][0-9 -]{2,}$")


def _check_identity(settings: dict[str, Any]) -> None:
    """The site's identity (LOGO, CONTACT, SOCIAL in the settings): fill in defaults, refuse values
    that cannot be shown safely, naming the setting."""
    settings.setdefault("LOGO", "img/logo.svg")
    contact = settings.setdefault("CONTACT", {})
    for key, default in (("PHONE", ""), ("EMAIL", ""), ("ADDRESS", {})):
        contact.setdefault(key, default)
    if contact["PHONE"] and not _PHONE.match(contact["PHONE"]):
        raise ValueError(
            f"CONTACT['PHONE'] is {contact['PHONE']!r}: write digits, spaces and hyphens, e.g. '+968 2479 0000'"
        )
    if contact["EMAIL"] and not _EMAIL.match(contact["EMAIL"]):
        raise ValueError(f"CONTACT['EMAIL'] is {contact['EMAIL']!r}: write an e-mail address, e.g. 'info@example.org'")
    for name, url in settings.setdefault("SOCIAL", []):
        problem = check_link(url) or (None if url.startswith("https://") else "it is not an https:// address")
        if problem:
            raise ValueError(f"SOCIAL: the address of {name!r} ({url!r}) cannot be used: {problem}")


def _config(settings: dict[str, Any]) -> dict[str, Any]:
    config = {**DEFAULTS, **settings.get(SETTING, {})}
    _check_config(config)
    return config


def _template_frame(exc: BaseException) -> tuple[str, int] | None:
    """The innermost template (file, line) in a traceback, if any."""
    found = None
    for frame, line in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename.endswith(".html"):
            found = (frame.f_code.co_filename, line)
    return found


class _ErrorCollector(logging.Handler):
    """Pelican logs an unreadable file or a template error and exits 0: not here.

    Every ERROR record becomes a problem in the report; a crash in a template is
    reported as that template's file and line, in place of Pelican's traceback."""

    def __init__(self, state: State) -> None:
        super().__init__(level=logging.ERROR)
        self.state = state

    def emit(self, record: logging.LogRecord) -> None:
        collector = self.state.collector
        message = (record.getMessage() or "error").strip().splitlines()[0]
        exc = record.exc_info[1] if record.exc_info else None
        frame = _template_frame(exc) if exc is not None else None
        if isinstance(exc, StopBeforeWriting):
            return  # the problems are in the report already
        if frame is not None:
            collector.error(
                frame[0],
                f"the template failed: {exc}",
                "fix this line of the template (a misspelt name is an error, never empty text)",
                line=frame[1],
            )
        elif isinstance(exc, OSError):  # the machine, not the content: disk full, read-only...
            collector.os_error(exc, f"content/{self.state.lang}")
        elif exc is not None and record.levelno >= logging.CRITICAL:
            collector.error(
                f"content/{self.state.lang}",
                f"the build crashed: {type(exc).__name__}: {exc}",
                "read the lines above; if no file is named, report it to the developers",
            )
        elif "has errors (see the report" not in message:  # already in the report
            collector.error(f"content/{self.state.lang}", f"Pelican: {message}", "fix the file named in this message")
        save_report(self.state)


def initialized(pelican: Any) -> None:
    settings = pelican.settings
    config = _config(settings)
    _check_identity(settings)
    lang = config["LANG"]
    root = Path(config["CONTENT"]).resolve()
    project_root = Path(config["PROJECT"] or Path.cwd()).resolve()
    collector = Collector(project_root)
    glossary_path = Path(config["GLOSSARY"] or root / "glossary.yml")
    glossary = load_glossary(glossary_path, collector)
    other = languages.other(lang)
    plans = _load_plans(config["PLANS"])
    if other in plans:  # read and checked by the build driver already
        other_plan = plans[other]
    else:  # the other tree's headers only: counterparts without rendering the other language
        other_plan = scan_tree(root, other, Collector(project_root), glossary, tz=settings["TIMEZONE"])
        check_plan(other_plan, Collector(project_root))
    state = State(
        lang=lang,
        root=root,
        project_root=project_root,
        config=config,
        clock=dates.build_clock(tz=settings["TIMEZONE"]),
        timezone=settings["TIMEZONE"],
        glossary=glossary,
        other_plan=other_plan,
        collector=collector,
        own_plan=plans.get(lang),
    )
    state.other_outputs = _other_outputs(settings, state)
    if config["READER_CACHE"]:
        later.run_pending()  # the last preview build's reader cache is written before it is read
        state.reader_cache = PickleCache(Path(config["READER_CACHE"]) / f"{lang}.pickle")
    state.notices = active_notices(root, lang, state.clock, Collector(project_root), settings["TIMEZONE"])
    state.counterpart_of = lambda output_file: alternate_for(settings, output_file)
    attach(settings, state)
    pelican_logger = logging.getLogger("pelican")
    for handler in [h for h in pelican_logger.handlers if isinstance(h, _ErrorCollector)]:
        pelican_logger.removeHandler(handler)  # a process that builds again (the preview's workers)
    pelican_logger.addHandler(_ErrorCollector(state))


def _load_plans(path: str) -> dict[str, TreePlan]:
    """Both trees as the build driver read them (BILINGUAL["PLANS"]), so no file is read twice;
    a preview's process is sent only what changed since its last build."""
    if not path or not Path(path).is_file():
        return {}
    return load_plans(path)


def _rest(path: str, lang: str) -> str:
    """'ar/news/x/index.html' -> 'news/x/index.html'."""
    return path[len(lang) + 1 :] if path.startswith(lang + "/") else path


def _other_outputs(settings: dict[str, Any], state: State) -> dict[str, str]:
    """Every page the other language will publish, as a path below its folder.

    URL patterns are the same in both languages but for the language prefix, and a
    pair shares its slug, so the other language's paths are our patterns filled in
    with the other tree's slugs."""
    lang = state.lang
    listings = ("INDEX_SAVE_AS", "ARCHIVES_SAVE_AS", "ACHIEVEMENTS_SAVE_AS", "SEARCH_SAVE_AS")
    outputs: dict[str, str] = {_rest(settings[k], lang): "" for k in listings if settings.get(k)}
    patterns = {NEWS: "ARTICLE_SAVE_AS", PAGE: "PAGE_SAVE_AS", AWARD: "AWARD_SAVE_AS"}
    shown = state.other_plan.sources.values() if state.config["PREVIEW"] else state.other_plan.published(state.clock)
    listed: dict[str, int] = {}  # a listing's first page -> how many articles it lists
    for key in ("INDEX_SAVE_AS", "ARCHIVES_SAVE_AS"):
        if settings.get(key):
            listed[_rest(settings[key], lang)] = 0
    for source in shown:
        pattern = settings.get(patterns.get(source.kind, ""))
        if not source.valid or not pattern:
            continue
        outputs[_rest(pattern.format(slug=source.slug), lang)] = source.title
        if source.kind != NEWS:
            continue
        for key in ("INDEX_SAVE_AS", "ARCHIVES_SAVE_AS"):
            if settings.get(key):
                listed[_rest(settings[key], lang)] += 1
        if source.category:
            term = state.glossary.lookup("categories", source.lang, source.category)
            if term:
                first = _rest(settings["CATEGORY_SAVE_AS"].format(slug=term.slug), lang)
                outputs[first] = ""
                listed[first] = listed.get(first, 0) + 1
        for tag in source.tags:
            term = state.glossary.lookup("tags", source.lang, tag)
            if term:
                first = _rest(settings["TAG_SAVE_AS"].format(slug=term.slug), lang)
                outputs[first] = ""
                listed[first] = listed.get(first, 0) + 1
    # The later pages of the other language's listings, so the switcher keeps the page number.
    per_page = settings.get("DEFAULT_PAGINATION") or 0
    for first, count in listed.items() if per_page else ():
        base = first[: -len("index.html")]
        for number in range(2, -(-count // per_page) + 1):
            outputs[f"{base}page/{number}/index.html"] = ""
    return outputs


def _url(settings: dict[str, Any], lang: str, rest: str) -> str:
    path = rest[: -len("index.html")] if rest.endswith("index.html") else rest
    return f"{settings['SITEURL']}/{lang}/{path}"


def alternate_for(settings: dict[str, Any], output_file: str) -> Counterpart | None:
    """The counterpart of the page written to `output_file`, or None."""
    state = state_of(settings)
    other = languages.other(state.lang)
    rest = _rest(output_file, state.lang)
    exact = True
    paginated = _PAGINATED.match(rest)
    if paginated and rest not in state.other_outputs:  # the other language has fewer pages
        rest, exact = paginated["base"] + "index.html", False
    if rest not in state.other_outputs:
        return None
    return Counterpart(other, _url(settings, other, rest), state.other_outputs[rest], exact)


def readers_init(readers: Any) -> None:
    readers.reader_classes["md"] = BilingualMarkdownReader


def generator_init(generator: Any) -> None:
    settings = generator.settings
    state = state_of(settings)
    env = generator.env
    # JSON-LD: readable Arabic instead of \u escapes (tojson still escapes < > & ').
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    folder = str(state.config["TRANSLATIONS"])
    env.install_gettext_translations(load_translations(folder, state.lang), newstyle=True)
    lang = languages.get(state.lang)
    digits = state.config["DIGITS"][state.lang]

    def gettext_in(code: str, message: str, **variables: Any) -> str:
        text = load_translations(folder, code).gettext(message)
        return text % variables if variables else text

    def format_date(value: Any, format: str = "long") -> str:
        return dates.format_date(value, lang.locale, digits, format)

    def format_hijri(value: Any) -> str:
        if not state.config["HIJRI"].get(state.lang):
            return ""
        try:
            return dates.format_hijri(value, digits, state.config["HIJRI_ADJUST"])
        except (ValueError, OverflowError):  # outside the Umm al-Qura table (1924–2077)
            return ""

    env.globals.update(
        LANGUAGE=lang,
        OTHER_LANGUAGE=languages.get(languages.other(state.lang)),
        LANGUAGES=languages.LANGUAGES,
        X_DEFAULT_LANG=languages.DEFAULT_LANG,
        alternate=lambda output_file: alternate_for(settings, output_file),
        page_url=lambda output_file: _url(settings, state.lang, _rest(output_file, state.lang)),
        gettext_in=gettext_in,
        NOTICES=state.notices,
        BUILD_NOW=state.clock,
        PREVIEW=state.config["PREVIEW"],
        asset=asset_function(load_manifest(state.config["ASSETS"])),
        shared=shared_function(),
    )
    env.filters.update(
        isolate=lambda text: isolate(text, state.lang),
        format_date=format_date,
        hijri=format_hijri,
        digits=lambda value: (
            Markup(dates.to_digits(str(value), digits))
            if isinstance(value, Markup)
            else dates.to_digits(str(value), digits)
        ),
    )


# A run of the other script inside a title: Latin words in Arabic, Arabic words in English.
_OTHER_RUN = {
    "ar": re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[ .,'&/+-]+[A-Za-z0-9]+)*"),
    "en": re.compile(r"[\u0600-\u06ff\u0750-\u077f]+(?:[ ،]+[\u0600-\u06ff\u0750-\u077f]+)*"),
}


def isolate(text: Any, lang: str) -> Markup:
    """Escape `text` and wrap runs of the other script in <bdi>, so a Latin name in
    an Arabic title (or the reverse) cannot reorder the words around it."""
    plain = str(text.striptags()) if isinstance(text, Markup) else str(text)
    out, last = [], 0
    for match in _OTHER_RUN[lang].finditer(plain):
        out += [Markup.escape(plain[last : match.start()]), Markup("<bdi>%s</bdi>") % match.group(0)]
        last = match.end()
    out.append(Markup.escape(plain[last:]))
    return Markup("").join(out)


def content_object_init(content: Any) -> None:
    settings = content.settings
    if STATE_KEY not in settings or not getattr(content, "save_as", ""):
        return
    content.counterpart = alternate_for(settings, content.save_as)
    state = state_of(settings)
    source, root = str(content.source_path), f"{state.project_root}{os.sep}"
    state.sources[content.save_as] = (source[len(root) :] if source.startswith(root) else source).replace(os.sep, "/")
    olds = split_list(getattr(content, "redirect_from", ""))
    if olds:  # with the file and line, for a message about a redirect the build cannot write
        relpath = os.path.relpath(source, state.root / state.lang).replace(os.sep, "/")
        plan = state.own_plan.sources.get(relpath) if state.own_plan is not None else None
        line = plan.line("redirect-from") if plan is not None else None
        state.redirects += [(old, "/" + content.url, state.sources[content.save_as], line) for old in olds]


_CONTENT_LISTS = (
    "articles",
    "translations",
    "drafts",
    "drafts_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
    "awards",
)


class StopBeforeWriting(RuntimeError):
    """Content with errors: the preview, built in place, keeps its pages as they were."""


def all_generators_finalized(generators: list[Any]) -> None:
    """Addresses are final once every generator has read its content: keep each one, instead
    of Pelican formatting it again on every use (measured: 7% of a language's build).
    In the preview (built in place), content with errors stops the build before any page
    is written, so the last good preview stays."""
    state = state_of(generators[0].settings) if generators and STATE_KEY in generators[0].settings else None
    if state is not None and state.config["PREVIEW"] and state.collector.fails():
        save_report(state)
        raise StopBeforeWriting("content has errors (see the report above): no page written")
    if generators:  # the home page shows its lead story (the first featured article) in full
        declare_shown(generators[0].context, "index.html", _lead_story())
    for generator in generators:
        for name in _CONTENT_LISTS:
            for item in getattr(generator, name, None) or []:
                for key in ("url", "save_as"):
                    if not hasattr(item, f"override_{key}"):
                        setattr(item, f"override_{key}", getattr(item, key))


def _lead_story() -> Callable[[dict[str, Any]], list[Any]]:
    """The home page's lead story, found once (each of the home page's numbered pages asks:
    measured, 0.1 s of an edit at 2,000 pairs to look through every article each time)."""
    found: list[tuple[Any, list[Any]]] = []  # (the list of articles, its lead story)

    def lead(context: dict[str, Any]) -> list[Any]:
        articles = context.get("articles", [])
        if not found or found[0][0] is not articles:
            found[:] = [(articles, [a for a in articles if getattr(a, "featured", False)][:1])]
        return found[0][1]

    return lead


def feed_generated(context: dict[str, Any], feed: Any) -> None:
    """The feed says its language and links to that language's home page."""
    lang = context.get("DEFAULT_LANG")
    feed.feed["language"] = lang
    feed.feed["link"] = f"{context.get('SITEURL', '')}/{lang}/"


def save_report(state: State) -> None:
    """The problems and the process id, for the build driver (BILINGUAL["REPORT"])."""
    report = state.config.get("REPORT")
    if not report:
        return
    Path(report).write_text(
        json.dumps(
            {
                "lang": state.lang,
                "pid": state.pid,
                "problems": state.collector.to_json(),
                "stages": state.stages,
                "sources": state.sources,
                "redirects": state.redirects,
            },
            ensure_ascii=False,
            indent=1,
        ),
        "utf-8",
    )


def finalized(pelican: Any) -> None:
    state = state_of(pelican.settings)
    if state.config["PREVIEW"]:  # written once the preview shows the save (newsroom/core/later.py)
        later.defer(state.reader_cache.save)
    else:
        state.reader_cache.save()
    state.stages["reader"] = {"converted": state.reader_cache.misses, "reused": state.reader_cache.hits}
    if state.config.get("REPORT"):
        save_report(state)
    else:  # run by hand (python -m pelican): say it here
        state.collector.report()


def register() -> None:
    signals.initialized.connect(initialized)
    signals.readers_init.connect(readers_init)
    signals.generator_init.connect(generator_init)
    signals.content_object_init.connect(content_object_init)
    signals.all_generators_finalized.connect(all_generators_finalized)
    signals.feed_generated.connect(feed_generated)
    signals.finalized.connect(finalized)
