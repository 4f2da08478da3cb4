from __future__ import annotations

import datetime as dt

import pytest

from newsroom.core.dates import DateError, build_clock, format_date, format_hijri, parse_date, to_digits

MUSCAT = dt.timedelta(hours=4)
MUSCAT_TZ = "Asia/Muscat"  # the first site's TIMEZONE setting


@pytest.mark.parametrize(
    ("text", "partial", "iso", "precision"),
    [
        ("2020-03-15", False, "2020-03-15T00:00:00+04:00", "day"),
        ("2020-03-15 09:30", False, "2020-03-15T09:30:00+04:00", "minute"),
        ("2020-03-15T09:30:15Z", False, "2020-03-15T09:30:15+00:00", "minute"),
        ("2020-03-15 09:30 +03:00", False, "2020-03-15T09:30:00+03:00", "minute"),
        ("٢٠٢٠-٠٣-١٥", False, "2020-03-15T00:00:00+04:00", "day"),  # Arabic-Indic digits
        ("2019", True, "2019-01-01T00:00:00+04:00", "year"),
        ("2019-07", True, "2019-07-01T00:00:00+04:00", "month"),
    ],
)
def test_parse_date(text: str, partial: bool, iso: str, precision: str) -> None:
    parsed = parse_date(text, allow_partial=partial, tz=MUSCAT_TZ)
    assert parsed.moment.isoformat() == iso
    assert parsed.precision == precision


@pytest.mark.parametrize(
    ("text", "partial"),
    [
        ("2019", False),
        ("2019-07", False),
        ("2019-13", True),
        ("2019-02-30", False),
        ("15/03/2020", False),
        ("March 2020", True),
        ("", True),
        ("2020-03-15 25:00", False),
    ],
)
def test_parse_date_refuses_to_guess(text: str, partial: bool) -> None:
    with pytest.raises(DateError):
        parse_date(text, allow_partial=partial, tz=MUSCAT_TZ)


def test_clock_is_pinned() -> None:
    assert build_clock({"SITE_CLOCK": "2026-01-01T00:00:00"}, tz=MUSCAT_TZ).utcoffset() == MUSCAT
    assert build_clock({"SOURCE_DATE_EPOCH": "0"}, tz=MUSCAT_TZ).isoformat() == "1970-01-01T04:00:00+04:00"


@pytest.mark.parametrize(
    ("locale", "digits", "expected"),
    [
        ("ar_OM", "latn", "15 مارس 2020"),
        ("ar_OM", "arab", "١٥ مارس ٢٠٢٠"),
        ("en_GB", "latn", "15 March 2020"),
    ],
)
def test_format_date(locale: str, digits: str, expected: str) -> None:
    assert format_date(dt.date(2020, 3, 15), locale, digits) == expected


def test_partial_dates_show_only_what_is_known() -> None:
    assert format_date(parse_date("2019", allow_partial=True), "ar_OM") == "2019"
    assert format_date(parse_date("2019-07", allow_partial=True), "ar_OM") == "يوليو 2019"


@pytest.mark.parametrize(
    ("day", "adjust", "digits", "expected"),
    [
        (dt.date(2020, 3, 15), 0, "latn", "20 رجب 1441 هـ"),
        (dt.date(2020, 3, 15), 1, "latn", "21 رجب 1441 هـ"),
        (dt.date(2020, 3, 15), -1, "arab", "١٩ رجب ١٤٤١ هـ"),
        (dt.date(2024, 4, 10), 0, "latn", "1 شوال 1445 هـ"),
    ],
)
def test_hijri(day: dt.date, adjust: int, digits: str, expected: str) -> None:
    assert format_hijri(day, digits, adjust) == expected


def test_to_digits() -> None:
    assert to_digits("عام 1971م", "arab") == "عام ١٩٧١م"
    assert to_digits("1971", "latn") == "1971"
