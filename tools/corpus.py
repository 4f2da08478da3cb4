"""A deterministic synthetic corpus in our content format, for benchmarks.

    python tools/corpus.py 2000 /tmp/corpus          # 2,000 pairs, like real articles
    python tools/corpus.py 2000 /tmp/corpus plain    # without Slug: headers and links (older benches)

Pairs of ~500-word Arabic and ~450-word English news articles with categories and tags
from a glossary, some awards, and a few pages. Same N, same files, byte for byte.
Like real articles (`real=True`, the default): one pair in three has a `Slug:` header (the
same on both sides, unlike its file name), and each article has two or three external links
(a ministry, a news agency, a map) and, from the second pair on, an internal link to an
earlier article of its language.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

AR_WORDS = (
    "بلدية المدينة الطرق الحدائق المشاريع الخدمات المواطنين التطوير التخطيط البيئة النظافة "
    "المياه الإنارة المباني التراخيص الذكية الرقمية الاستدامة الشاطئ السوق الأحياء الصيانة الجسر "
    "النقل المرور السلامة المجتمع الشباب الثقافة التراث الاستثمار الحكومة الإلكترونية المبادرة "
    "افتتحت أعلنت نفذت أطلقت استكملت تواصل تعمل تسعى حققت شاركت ضمن خلال عام مع في على إلى من"
).split()
EN_WORDS = (
    "municipality harbour city roads parks projects services citizens development planning environment "
    "cleanliness water lighting buildings permits smart digital sustainability beach market districts "
    "maintenance bridge transport traffic safety community youth culture heritage investment government "
    "electronic initiative opened announced completed launched continues works seeks achieved joined "
    "within during year with in on to from the a of and"
).split()
CATEGORIES = [
    ("أخبار البلدية", "Municipality news"),
    ("الطرق", "Roads"),
    ("البيئة", "Environment"),
    ("الخدمات الرقمية", "Digital services"),
    ("الفعاليات", "Events"),
]
TAGS = [
    ("المدن الذكية", "Smart cities"),
    ("النقل", "Transport"),
    ("الحدائق", "Parks"),
    ("الشواطئ", "Beaches"),
    ("التراث", "Heritage"),
    ("الاستدامة", "Sustainability"),
    ("الشباب", "Youth"),
    ("السلامة", "Safety"),
]


def paragraphs(rng: random.Random, words: list[str], count: int) -> str:
    out, left = [], count
    while left > 0:
        size = min(left, rng.randint(40, 90))
        out.append(" ".join(rng.choice(words) for _ in range(size)).capitalize() + ".")
        left -= size
    return "\n\n".join(out)


EXTERNAL = (
    "https://www.example.gov.om/{lang}/news/{n}",
    "https://agency.example.com/{lang}/article/{n}.html",
    "https://maps.example.org/?q=municipality+{n}",
    "https://www.example.org/reports/{n}.pdf",
)


def with_links(rng: random.Random, body: str, lang: str, number: int, slugs: list[str]) -> str:
    """Two or three external links and (from the second pair on) one to an earlier article."""
    paras = body.split("\n\n")
    words = "المصدر" if lang == "ar" else "source"
    for link in rng.sample(EXTERNAL, rng.randint(2, 3)):
        at = rng.randrange(len(paras))
        paras[at] += f" [{words}]({link.format(lang=lang, n=number)})"
    if number:
        other = rng.randrange(number)
        label = "خبر سابق" if lang == "ar" else "an earlier story"
        paras[0] += f" ([{label}](/{lang}/news/{slugs[other]}/))"
    return "\n\n".join(paras)


def generate(pairs: int, folder: Path, awards: int | None = None, real: bool = True) -> None:
    rng = random.Random(pairs)
    folder.mkdir(parents=True, exist_ok=True)
    glossary = ["categories:"] + [f"  - ar: {a}\n    en: {e}" for a, e in CATEGORIES]
    glossary += ["tags:"] + [f"  - ar: {a}\n    en: {e}" for a, e in TAGS]
    (folder / "glossary.yml").write_text("\n".join(glossary) + "\n", "utf-8")
    slugs: list[str] = []
    for number in range(pairs):
        day = f"{2010 + number * 16 // max(pairs, 1):04d}-{number % 12 + 1:02d}-{number % 28 + 1:02d}"
        category = rng.randrange(len(CATEGORIES))
        tags = rng.sample(range(len(TAGS)), 2)
        slug = f"news-{number:05d}"
        header = ""
        if real and number % 3 == 1:  # an address chosen by the editor, not the file's name
            header = f"Slug: story-{number:05d}-update\n"
        slugs.append(header[6:].strip() or slug)
        for lang, words, size, index in (("ar", AR_WORDS, 500, 0), ("en", EN_WORDS, 450, 1)):
            title = " ".join(rng.choice(words) for _ in range(7))
            path = folder / lang / "news" / f"{slug}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            separator = "، " if lang == "ar" else ", "
            body = paragraphs(rng, words, size)
            if real:
                body = with_links(rng, body, lang, number, slugs)
            path.write_text(
                f"Title: {title}\n{header}Date: {day}\nCategory: {CATEGORIES[category][index]}\n"
                f"Tags: {separator.join(TAGS[t][index] for t in tags)}\n\n{body}\n",
                "utf-8",
            )
    for number in range(awards if awards is not None else max(1, pairs // 50)):
        for lang, words in (("ar", AR_WORDS), ("en", EN_WORDS)):
            path = folder / lang / "awards" / f"award-{number:04d}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            date = f"Date: {2010 + number % 15}\n" if number % 3 else ""
            path.write_text(
                f"Title: {' '.join(rng.choice(words) for _ in range(5))}\n{date}\n{paragraphs(rng, words, 80)}\n",
                "utf-8",
            )
    for lang, title in (("ar", "عن الموقع"), ("en", "About")):
        page = folder / lang / "pages" / "about.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            f"Title: {title}\nOrder: 1\n\n{paragraphs(rng, AR_WORDS if lang == 'ar' else EN_WORDS, 100)}\n", "utf-8"
        )


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]), real=sys.argv[3:4] != ["plain"])
