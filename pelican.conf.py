# Settings of the municipality's bilingual site.
#
# This one file serves both languages: the build (make html) runs Pelican twice at the
# same time, once for Arabic and once for English, and tells each run its language
# through the SITE_LANG environment variable. Lines starting with # are explanations.

from pathlib import Path

from jinja2 import StrictUndefined

from newsroom.core import dates, environment
from newsroom.core.slugs import toc_slugify

HERE = Path(__file__).resolve().parent

# Which language this run builds: "ar" or "en" (set by the build, see newsroom/pipeline/driver.py).
LANG = environment.get("SITE_LANG", "ar")
# The folder that holds content/ar/ and content/en/.
CONTENT = Path(environment.get("SITE_CONTENT") or HERE / "content").resolve()
# The theme: templates, stylesheet and interface translations.
THEME = environment.get("SITE_THEME") or str(HERE / "theme")

# --- The site ---------------------------------------------------------------------
# The municipality's name in each language.
SITENAMES = {"ar": "بلدية مسقط", "en": "Muscat Municipality"}
SITENAME = SITENAMES[LANG]
AUTHOR = SITENAME  # the author named in feeds
# The address of the published site, with no "/" at the end. Empty while previewing;
# publishing sets it (environment variable SITEURL).
SITEURL = environment.get("SITEURL")
TIMEZONE = "Asia/Muscat"
# The theme's colours, light and dark (CSS custom properties of theme/static/css/site.css), as
# "#RRGGBB"; keep text on them at a contrast of 4.5:1 or more (the browser tests check it).
COLORS = {
    "light": {"accent": "#0b6b53", "accent-strong": "#08513f", "gold": "#b5862b"},
    "dark": {"accent": "#6fd3b3", "accent-strong": "#9be3cb", "gold": "#e9c46a"},
}
# The logo: a file under theme/static/ (the header, the browser tab's icon, JSON-LD).
LOGO = "img/logo.svg"
# How citizens reach the municipality, in every page's footer; an empty value is not shown.
# The communications team fills these in (phone as dialled from abroad, e.g. "+968 2479 0000").
CONTACT = {"PHONE": "", "EMAIL": "", "ADDRESS": {"ar": "", "en": ""}}
# The municipality's accounts, in the footer: [("X", "https://x.com/…"), …] (https only).
SOCIAL: list[tuple[str, str]] = []
# The year in the footer's copyright line: the build's clock (pinned builds are reproducible).
COPYRIGHT_YEAR = dates.build_clock(tz=TIMEZONE).year
# The fonts the first screen of a page shows (its text, regular and bold), fetched before the
# stylesheet asks for them; files under theme/static/.
PRELOAD_FONTS = {
    "ar": ["fonts/NotoNaskhArabic-Regular.woff2", "fonts/NotoNaskhArabic-Bold.woff2"],
    "en": ["fonts/NotoSans-Regular.woff2", "fonts/NotoSans-Bold.woff2"],
}
# Visitor statistics: none by default. To count visits with a self-hosted tool (for example
# GoatCounter or Plausible run by the municipality), set SITE_ANALYTICS_SCRIPT to the address of
# its script on this same site, e.g. "/stats/count.js"; scripts from other sites are refused by
# the security policy, so visitors' data never leaves the municipality.
ANALYTICS_SCRIPT = environment.get("SITE_ANALYTICS_SCRIPT")
if ANALYTICS_SCRIPT and not ANALYTICS_SCRIPT.startswith("/"):
    raise SystemExit("SITE_ANALYTICS_SCRIPT must be a path on this site, such as /stats/count.js")
# GitHub Pages cannot send security headers: the build then puts the policy in a <meta> (GH_PAGES=1).
CSP_META = ""
DEFAULT_LANG = LANG
# The web editor at /admin/ (README.md, "Web editor"): the GitHub repository it saves to, as
# "owner/name"; the branch the site is published from; the address of the OAuth service the
# officers sign in through (https://…). With REPO empty the published site has no /admin/.
# UI_LOCALE: the editor's menus and buttons in "ar" or "en"; "auto" follows each officer's
# browser (each officer can still switch with the link at the foot of the page).
EDITOR = {"REPO": "", "BRANCH": "main", "AUTH_URL": "", "UI_LOCALE": "auto"}

# --- Language settings ---------------------------------------------------------------
BILINGUAL = {
    "LANG": LANG,
    "CONTENT": str(CONTENT),
    "GLOSSARY": str(CONTENT / "glossary.yml"),
    # Digits in dates and numbers: "latn" (0123456789) or "arab" (٠١٢٣٤٥٦٧٨٩).
    "DIGITS": {"ar": environment.get("SITE_DIGITS_AR", "latn"), "en": "latn"},
    # Show the Hijri (Umm al-Qura) date beside the Gregorian one.
    "HIJRI": {"ar": True, "en": False},
    # Move the Hijri date by -1, 0 or 1 day when the official date (moon sighting) differs.
    "HIJRI_ADJUST": int(environment.get("SITE_HIJRI_ADJUST", "0")),
    "TRANSLATIONS": str(Path(THEME) / "translations"),
    # Hosts whose <iframe> embeds articles may contain, e.g. ["www.youtube-nocookie.com"].
    "IFRAME_HOSTS": [],
    # Preview (make serve): drafts and future articles are built too, each under a banner.
    "PREVIEW": False,
    # The theme's CSS, JS and fonts under content-hashed names (written by the build).
    "ASSETS": "",
    # Converted text of unchanged files is reused from here (set by the build; empty: none).
    "READER_CACHE": "",
    # Both trees as the build read them before starting Pelican (set by the build).
    "PLANS": "",
}

# --- Where the content is, and where each page is published ---------------------------
PATH = str(CONTENT / LANG)
ARTICLE_PATHS = ["news"]
PAGE_PATHS = ["pages"]
ACHIEVEMENTS = {"PATH": "awards", "LATEST": 3}  # awards (see plugins/achievements)
STATIC_PATHS: list[str] = []  # images are published by the build, once for both languages
THEME_STATIC_PATHS: list[str] = []  # the theme's files too

ARTICLE_URL = LANG + "/news/{slug}/"
ARTICLE_SAVE_AS = LANG + "/news/{slug}/index.html"
PAGE_URL = LANG + "/{slug}/"
PAGE_SAVE_AS = LANG + "/{slug}/index.html"
CATEGORY_URL = LANG + "/category/{slug}/"
CATEGORY_SAVE_AS = LANG + "/category/{slug}/index.html"
AWARD_URL = LANG + "/awards/{slug}/"
AWARD_SAVE_AS = LANG + "/awards/{slug}/index.html"
ACHIEVEMENTS_URL = LANG + "/achievements/"
ACHIEVEMENTS_SAVE_AS = LANG + "/achievements/index.html"
TAG_URL = LANG + "/tag/{slug}/"
TAG_SAVE_AS = LANG + "/tag/{slug}/index.html"
INDEX_SAVE_AS = LANG + "/index.html"
ARCHIVES_SAVE_AS = LANG + "/archive/index.html"
ARCHIVES_URL = LANG + "/archive/"
NOTFOUND_SAVE_AS = LANG + "/404.html"  # the "page not found" page
SEARCH_URL = LANG + "/search/"
SEARCH_SAVE_AS = LANG + "/search/index.html"
DIRECT_TEMPLATES = ["index", "archives", "notfound", "search"]
# Pages the site does not have.
ARTICLE_LANG_SAVE_AS = PAGE_LANG_SAVE_AS = ""
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = TAGS_SAVE_AS = CATEGORIES_SAVE_AS = ""
FILENAME_METADATA = ""
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = ""

# --- Listings ------------------------------------------------------------------------
# How many articles per page on the home page, archive, category and tag pages.
DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"index": None, "archives": None, "category": None, "tag": None}
PAGINATION_PATTERNS = [
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
]

# --- Feeds (Atom, one per language and per category) ----------------------------------
FEED_ALL_ATOM = LANG + "/feed.atom"
CATEGORY_FEED_ATOM = LANG + "/category/{slug}/feed.atom"
FEED_ALL_RSS = CATEGORY_FEED_RSS = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = TAG_FEED_ATOM = None
FEED_MAX_ITEMS = 20
FEED_DOMAIN = SITEURL  # absolute links in feeds when SITEURL is set

# --- Writing -------------------------------------------------------------------------
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"slugify": toc_slugify},
    },
    "output_format": "html5",
}
SUMMARY_MAX_LENGTH = 40

# --- Templates -----------------------------------------------------------------------
# A template typo is a build error, not empty text.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "undefined": StrictUndefined,
    # Each build is a new process: no need to check template files for changes on every
    # {% include %} (measured: 11% of the pages stage at 500 pairs).
    "auto_reload": False,
    # Every value a template prints is escaped; the few that the build made safe itself (a
    # body or summary after the sanitizer, a notice) are marked with |safe in the templates,
    # and tests/unit/test_theme_rules.py allows |safe nowhere else.
    "autoescape": True,
    "extensions": ["jinja2.ext.i18n"],
}

# --- Plugins -------------------------------------------------------------------------
PLUGIN_PATHS = [str(HERE / "plugins")]  # Pelican glue only; the library is the newsroom package
PLUGINS = ["bilingual", "achievements", "social_cards", "images", "incremental"]

# Rebuilds render again only the pages whose content changed (plugins/incremental); the
# build sets these, `pelican` run by hand renders everything.
INCREMENTAL = {
    "CACHE": "",
    "PUBLISHED": "",
    "PAGES": "",
}

# Responsive images: every picture in content/images/ is published at several widths, in WebP
# and its own format, without its EXIF data (plugins/images).
IMAGES = {"ROOT": str(CONTENT / "images")}

# Social cards: the picture shown when a page is shared (plugins/social_cards).
SOCIAL_CARDS = {
    "ENABLED": not environment.flag("PAGES_ONLY"),
    "FONTS": str(Path(THEME) / "fonts"),
    "CACHE": str(HERE / ".build" / "cards-cache"),
}

# Builds are reproducible: no build timestamps, no caches shared between languages.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
# Pelican's own `locale_date` (dates are written by Babel: newsroom/core/dates.py, never by
# the OS locale): ISO, and cheap to make for every article of every build.
DEFAULT_DATE_FORMAT = "%Y-%m-%d"
