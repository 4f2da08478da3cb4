"""Property-based: any header value, hostile or not. What the checks accept is safe to print
and to put in an address; what they refuse is refused with the key's line."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from bilingual.plugin import isolate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2 import Environment

from newsroom.core.contract import read_source
from newsroom.core.problems import Collector
from newsroom.core.slugs import find_invisible
from newsroom.core.urls import check_image_name, check_link, check_site_path

# Everything an attacker reaches for, mixed with Arabic and Latin text.
PIECES = st.sampled_from(
    [
        "<",
        ">",
        '"',
        "'",
        "&",
        "/",
        "\\",
        ";",
        "{",
        "}",
        "#",
        "?",
        "%",
        "%2e",
        ":",
        "=",
        " ",
        "\t",
        "javascript:",
        "data:",
        "JaVaScRiPt:",
        "http://",
        "https://",
        "//",
        "..",
        "onerror=",
        "<script>",
        "</title>",
        "{{",
        "}}",
        "{%",
        "$uri",
        "\u202e",
        "\u2066",
        "\u200b",
        "\u00ad",
        "\U000e0041",
        "\u3164",
        "\u2028",
        "\u2029",
        "\u0085",
        "\ufeff",
        "\u061c",
        "\x00",
        "\x1b",
        "مسقط",
        "بلدية",
        "\u064e",
        "ـ",
        "x",
        "1",
    ]
)
VALUE = st.lists(PIECES, min_size=1, max_size=12).map("".join)
FORBIDDEN = {"Cf", "Zl", "Zp", "Cc"}


@given(VALUE)
@settings(max_examples=400)
def test_find_invisible_misses_no_format_separator_or_control_character(value: str) -> None:
    expected = {f"U+{ord(c):04X}" for c in value if unicodedata.category(c) in FORBIDDEN and c != "\t"}
    assert expected <= set(find_invisible(value))


@given(VALUE)
@settings(max_examples=400)
def test_an_accepted_link_is_http_or_on_this_site_and_has_no_markup(value: str) -> None:
    if check_link(value) is not None:
        return
    assert value.startswith("/") and not value.startswith("//") or urlsplit(value).scheme.lower() in ("http", "https")
    assert not any(c in value for c in "<>\"'\\{} \t`") and not find_invisible(value)


@given(VALUE)
@settings(max_examples=400)
def test_an_accepted_site_path_is_safe_in_nginx_and_redirect_files(value: str) -> None:
    if check_site_path(value) is not None:
        return
    assert value.startswith("/") and not value.startswith("//")
    assert not any(c in value for c in "<>\"'\\{};#?$ \t`") and not find_invisible(value)
    assert ".." not in value.split("/")


@given(VALUE)
@settings(max_examples=400)
def test_an_accepted_image_name_stays_in_the_images_folder(value: str) -> None:
    if check_image_name(value) is not None:
        return
    assert not value.startswith("/") and ":" not in value and ".." not in value.split("/")


@given(VALUE)
@settings(max_examples=400)
def test_a_printed_value_never_carries_markup(value: str) -> None:
    """What templates print (autoescaped, or through |isolate) has no tag and no quote that
    could end an attribute."""
    env = Environment(autoescape=True)
    for lang in ("ar", "en"):
        for html in (str(isolate(value, lang)), env.from_string('<p title="{{ v }}">{{ v }}</p>').render(v=value)):
            stripped = html.replace("<bdi>", "").replace("</bdi>", "")
            stripped = stripped.replace('<p title="', "", 1).replace('">', "", 1).removesuffix("</p>")
            assert "<" not in stripped and '"' not in stripped


@given(
    st.sampled_from(["Title", "Summary", "Tags", "Awards", "Image-Alt", "Link", "Image", "Redirect-From"]),
    VALUE,
    st.sampled_from(["ar", "en"]),
)
@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_hostile_header_value_is_accepted_only_when_safe(key: str, value: str, lang: str) -> None:
    """Any value in any key: the file is read without crashing; an invisible character or a
    bad address is an error on the key's line (3)."""
    import tempfile  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.md"
        path.write_text(
            f"Title: عنوان\nDate: 2024-01-01\n{key}: {value}\nImage-Alt: صورة\n\nنص.\n"
            if key != "Title"
            else f"Date: 2024-01-01\nImage-Alt: صورة\n{key}: {value}\n\nنص.\n",
            "utf-8",
        )
        collector = Collector(Path(folder))
        source = read_source(path, lang, "news/x.md", collector)
    assert source is not None
    stripped = value.strip()
    if find_invisible(stripped) or "\n" in value:
        assert not source.valid
        return
    checks = {"Link": None, "Image": check_image_name, "Redirect-From": check_site_path}
    if key in checks and stripped:
        from newsroom.core.contract import split_list  # noqa: PLC0415

        check = checks[key]
        if check is not None and any(
            check(item) for item in (split_list(stripped) if key == "Redirect-From" else [stripped])
        ):
            assert not source.valid
            assert any(p.line == 3 for p in collector.problems)
