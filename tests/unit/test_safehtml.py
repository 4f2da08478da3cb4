"""The sanitizer (newsroom/core/safehtml.py) on its own: what it keeps, what it removes and
says it removed. The build tests go through it with whole articles; these hold each rule."""

from __future__ import annotations

import pytest

from newsroom.core.safehtml import find_unsafe, images_without_alt, sanitize

# Written out here, not taken from the module: a tag dropped from the allow-list must fail.
KEPT_TAGS = (
    "a abbr b bdi bdo blockquote cite code del div dl dt dd em figcaption figure h1 h2 h3 h4 h5 h6 "
    "i ins kbd li mark ol p pre q s samp small span strong sub sup time u ul"
).split()


@pytest.mark.parametrize("tag", KEPT_TAGS)
def test_every_allowed_element_is_kept_as_written(tag: str) -> None:
    html = f'<{tag} id="x" class="c" dir="rtl" lang="ar" title="ت">نص</{tag}>'
    clean, removed = sanitize(html)
    assert removed == []
    assert clean == html


@pytest.mark.parametrize(
    "html",
    [
        '<table><caption>ج</caption><thead><tr><th scope="col" colspan="2" rowspan="1" align="right">أ</th></tr>'
        '</thead><tbody><tr><td colspan="2" rowspan="1" align="left">ب</td></tr></tbody><tfoot><tr><td>ت</td></tr>'
        "</tfoot></table>",
        '<p>سطر<br>سطر</p><hr><img src="/images/a.jpg" alt="وصف" width="10" height="20" loading="lazy">',
        '<a href="https://example.org/" hreflang="en" rel="nofollow">رابط</a> <a href="mailto:a@b.om">بريد</a> '
        '<a href="tel:+968">هاتف</a> <a href="/ar/news/x/">داخلي</a> <a href="http://example.org/">قديم</a>',
        '<ol start="3" reversed=""><li>ج</li></ol><time datetime="2024-05-02">٢ مايو</time>',
    ],
)
def test_safe_markup_with_its_attributes_is_untouched(html: str) -> None:
    clean, removed = sanitize(html)
    assert removed == []
    assert clean == html


@pytest.mark.parametrize(
    ("html", "said", "gone"),
    [
        ("<p>أ</p><script>alert(1)</script>", ("a <script> element", "<script"), "alert"),
        ("<style>p{}</style><p>أ</p>", ("a <style> element", "<style"), "p{}"),
        ('<p onclick="alert(1)">أ</p>', ("the attribute onclick= on <p>", "onclick="), "onclick"),
        ('<a href="javascript:alert(1)">أ</a>', ("a javascript: address on <a>", "javascript:"), "javascript"),
        ('<a href=" JavaScript:alert(1)">أ</a>', ("a javascript: address on <a>", "javascript:"), "alert"),
        ('<img src="data:image/png;base64,AAAA" alt="x">', ("a data: address on <img>", "data:"), "data:"),
        ('<a href="/x" style="color:red">أ</a>', ("the attribute style= on <a>", "style="), "style"),
        ('<img src="/a.jpg" alt="x" onerror="alert(1)">', ("the attribute onerror= on <img>", "onerror="), "onerror"),
        ('<iframe src="https://evil.example/"></iframe>', ("an <iframe> from 'evil.example'", "<iframe"), "evil"),
        ("<iframe></iframe>", ("an <iframe> from 'nowhere'", "<iframe"), "<iframe"),
        ("<form><input name=a></form>", ("a <form> element", "<form"), "<input"),
        ('<p srcdoc="x">أ</p>', ("the attribute srcdoc= on <p>", "srcdoc="), "srcdoc"),
        ('<td width="1">أ</td>', ("the attribute width= on <td>", "width="), "width"),
        ('<a href="ftp://example.org/x">أ</a>', ("a ftp: address on <a>", "ftp:"), "ftp:"),
        ('<a href="sms:+968">أ</a>', ("a sms: address on <a>", "sms:"), "sms:"),
    ],
)
def test_unsafe_markup_is_removed_and_said(html: str, said: tuple[str, str], gone: str) -> None:
    clean, removed = sanitize(html)
    assert said in removed, removed
    assert gone.lower() not in clean.lower(), clean


def test_comments_are_removed() -> None:
    clean, _ = sanitize("<p>أ<!-- سر --></p>")
    assert clean == "<p>أ</p>"


def test_an_iframe_from_an_allowed_host_is_kept_and_only_there() -> None:
    hosts = frozenset({"www.youtube-nocookie.com"})
    kept = '<iframe src="https://www.youtube-nocookie.com/embed/x" title="فيديو" allowfullscreen></iframe>'
    clean, removed = sanitize(kept, hosts)
    assert removed == [] and 'src="https://www.youtube-nocookie.com/embed/x"' in clean
    clean, removed = sanitize('<iframe src="https://evil.example/x"></iframe>', hosts)
    assert removed == [("an <iframe> from 'evil.example'", "<iframe")]
    assert "evil" not in clean
    assert find_unsafe(kept) == [("an <iframe> from 'www.youtube-nocookie.com'", "<iframe")]  # no hosts allowed


def test_images_without_a_description() -> None:
    html = '<img src="/a.jpg" alt="وصف"><img src="/b.jpg"><img src="/c.jpg" alt="  "><img src="/d.jpg" alt="">'
    assert images_without_alt(html) == ["/b.jpg", "/c.jpg", "/d.jpg"]
    assert images_without_alt("<img>") == [""]
