"""The `achievements` plugin: awards, their pages and the achievements listing.

Pelican drops articles without a date and fills partial dates in from today, so awards
(which often know only a year, or nothing) get their own generator. It reads
`content/<lang>/awards/*.md` with the bilingual plugin's strict reader, writes one page
per award and `/<lang>/achievements/` grouped by year (newest first, undated last), and
links news and awards both ways (`Awards:` in a news article).

An award without a date is never given one: it is *reported* by the first dated news article
that names it, and it is listed (ordered and grouped) by that article's date, saying so. Every
order is by keys both languages share (dates, then the slug), never by a title, so the Arabic
and English lists show the same awards in the same order.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pelican import signals
from pelican.contents import Page
from pelican.generators import Generator
from pelican.readers import SkipStub

from newsroom.core.hooks import declare_shown

logger = logging.getLogger(__name__)

__all__ = ["Award", "AwardsGenerator", "YearGroup", "register"]

SETTING = "ACHIEVEMENTS"
DEFAULTS: dict[str, Any] = {
    "PATH": "awards",  # below content/<lang>/
    "LATEST": 3,  # awards shown on the home page
}


def _check_config(config: dict[str, Any]) -> None:
    if not isinstance(config["PATH"], str) or not config["PATH"]:
        raise ValueError(f"{SETTING}['PATH'] must be a folder name such as 'awards'")
    if not isinstance(config["LATEST"], int) or config["LATEST"] < 0:
        raise ValueError(f"{SETTING}['LATEST'] must be a whole number (0 hides the home list)")


def config_of(settings: dict[str, Any]) -> dict[str, Any]:
    config = {**DEFAULTS, **settings.get(SETTING, {})}
    _check_config(config)
    return config


class Award(Page):
    """An award: a page with award details; `when` is a PartialDate or None; `reported` is the
    first dated news article that names it (or None), set once the news are read."""

    mandatory_properties = ("title",)
    default_template = "award"
    reported: Any = None

    @property
    def year(self) -> int | None:
        """The year of the award itself (None when its date is not known)."""
        when = getattr(self, "when", None)
        return when.year if when is not None else None

    @property
    def known_moment(self) -> datetime | None:
        """What is known of when: the award's own date, else the date of the news that reported it."""
        when = getattr(self, "when", None)
        if when is not None:
            return when.moment
        return self.reported.date if self.reported is not None else None

    @property
    def listed_year(self) -> int | None:
        """The year the achievements page lists it under (None: nothing is known)."""
        moment = self.known_moment
        return moment.year if moment is not None else None

    def sort_key(self) -> tuple[int, float, str]:
        # Newest first by what is known (own date, else reported date), then nothing known;
        # ties by slug, the same in both languages (never by title, which differs).
        moment = self.known_moment
        return (0, -moment.timestamp(), self.slug) if moment is not None else (1, 0.0, self.slug)


@dataclass
class YearGroup:
    year: int | None  # None: nothing is known of the date
    awards: list[Award] = field(default_factory=list)


def group_by_year(awards: list[Award]) -> list[YearGroup]:
    groups: dict[int | None, YearGroup] = {}
    for award in sorted(awards, key=Award.sort_key):
        groups.setdefault(award.listed_year, YearGroup(award.listed_year)).awards.append(award)
    dated = sorted((g for y, g in groups.items() if y is not None), key=lambda g: -(g.year or 0))
    return dated + ([groups[None]] if None in groups else [])


def values_of(awards: list[Award], key: str) -> list[str]:
    """The distinct values of an award detail (awarder, field), for a filter."""
    return sorted({str(getattr(a, key)) for a in awards if getattr(a, key, "")})


class AwardsGenerator(Generator):
    """Reads the awards, links them with the news, writes their pages and the listing."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.awards: list[Award] = []
        super().__init__(*args, **kwargs)

    def generate_context(self) -> None:
        config = config_of(self.settings)
        for path in self.get_files([config["PATH"]]):
            try:
                award = self.readers.read_file(
                    base_path=self.path, path=path, content_class=Award, context=self.context
                )
            except Exception as exc:  # noqa: BLE001 (reported like Pelican's other readers)
                logger.error("Could not process %s: %s", path, exc)
                continue
            if isinstance(award, SkipStub) or award.status != "published":
                continue
            award.news = []
            self.awards.append(award)
            self.add_source_path(award)
        by_slug = {award.slug: award for award in self.awards}
        for article in self.context.get("articles", []):
            article.award_list = [by_slug[s] for s in getattr(article, "awards", []) if s in by_slug]
            for award in article.award_list:
                award.news.append(article)
        for award in self.awards:
            award.news.sort(key=lambda article: (article.date, article.slug), reverse=True)
            dated = [article for article in award.news if getattr(article, "date", None) is not None]
            award.reported = min(dated, key=lambda article: (article.date, article.slug)) if dated else None
        self.awards.sort(key=Award.sort_key)
        self.context["awards"] = self.awards
        self.context["latest_awards"] = self.awards[: config["LATEST"]]
        self.context["award_groups"] = group_by_year(self.awards)
        # What pages show, for plugins that depend on it (the render cache): the home page
        # shows the latest awards, the achievements page every award.
        declare_shown(self.context, "index.html", lambda context: context.get("latest_awards", []))
        declare_shown(self.context, "achievements.html", lambda context: context.get("awards", []))
        self.context["awarders"] = values_of(self.awards, "awarder")
        self.context["award_fields"] = values_of(self.awards, "field")

    def generate_output(self, writer: Any) -> None:
        for award in self.awards:
            writer.write_file(
                award.save_as,
                self.get_template(award.template),
                self.context,
                award=award,
                page=award,
                relative_urls=self.settings["RELATIVE_URLS"],
                override_output=False,
                url=award.url,
            )
        writer.write_file(
            self.settings["ACHIEVEMENTS_SAVE_AS"],
            self.get_template("achievements"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=self.settings["ACHIEVEMENTS_URL"],
        )


def get_generators(pelican: Any) -> type[AwardsGenerator]:
    config_of(pelican.settings)
    return AwardsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
