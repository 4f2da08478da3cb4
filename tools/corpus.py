"""A deterministic synthetic corpus in our content format, for benchmarks.

    python tools/corpus.py 2000 /tmp/corpus     # 2,000 pairs

Pairs of ~500-word Arabic and ~450-word English news articles with categories and tags
from a glossary, some awards, and a few pages. Same N, same files, byte for byte.
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


def generate(pairs: int, folder: Path, awards: int | None = None) -> None:
    rng = random.Random(pairs)
    folder.mkdir(parents=True, exist_ok=True)
    glossary = ["categories:"] + [f"  - ar: {a}\n    en: {e}" for a, e in CATEGORIES]
    glossary += ["tags:"] + [f"  - ar: {a}\n    en: {e}" for a, e in TAGS]
    (folder / "glossary.yml").write_text("\n".join(glossary) + "\n", "utf-8")
    for number in range(pairs):
        day = f"{2010 + number * 16 // max(pairs, 1):04d}-{number % 12 + 1:02d}-{number % 28 + 1:02d}"
        category = rng.randrange(len(CATEGORIES))
        tags = rng.sample(range(len(TAGS)), 2)
        slug = f"news-{number:05d}"
        for lang, words, size, index in (("ar", AR_WORDS, 500, 0), ("en", EN_WORDS, 450, 1)):
            title = " ".join(rng.choice(words) for _ in range(7))
            path = folder / lang / "news" / f"{slug}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            separator = "، " if lang == "ar" else ", "
            path.write_text(
                f"Title: {title}\nDate: {day}\nCategory: {CATEGORIES[category][index]}\n"
                f"Tags: {separator.join(TAGS[t][index] for t in tags)}\n\n{paragraphs(rng, words, size)}\n",
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
    generate(int(sys.argv[1]), Path(sys.argv[2]))
