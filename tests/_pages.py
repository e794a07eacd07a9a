"""Reading the build's HTML pages in tests: what they load, their scripts, their text."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

#: Markup from the hostile fixture that must never appear unescaped in any HTML output.
RAW_MARKUP = (
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "</script><script>",
    "<script>alert(2)</script>",
    "<b>bold</b>",
    "<b>note</b>",
    "onerror=alert(3)>",
)


class PageScan(HTMLParser):
    """Collects the URLs a page would load, its inline scripts/styles and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._in: tuple[str, dict] | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("src", "href", "data", "action", "poster", "srcset"):
            if a.get(key) is not None:
                self.urls.append((tag, key, a[key]))
        if tag == "link":
            self.urls.append((tag, "link", a.get("href") or ""))
        if tag in ("script", "style"):
            self._in, self._buf = (tag, a), []

    def handle_endtag(self, tag):
        if self._in and tag == self._in[0]:
            body = "".join(self._buf)
            if tag == "script":
                self.scripts.append((self._in[1], body))
            else:
                self.styles.append(body)
            self._in = None

    def handle_data(self, data):
        if self._in:
            self._buf.append(data)
        else:
            self.text.append(data)


def scan(html: str) -> PageScan:
    p = PageScan()
    p.feed(html)
    p.close()
    return p


def assert_self_contained(html: str, where: str = "") -> None:
    """No network loads: no script src, no link href, no http(s) URLs in attributes/CSS."""
    p = scan(html)
    for tag, key, url in p.urls:
        low = url.strip().lower()
        assert not low.startswith(("http:", "https:", "//", "ftp:")), (where, tag, key, url)
        if tag == "script":
            pytest.fail(f"{where}: external script {url!r}")
        if tag == "link":
            pytest.fail(f"{where}: <link> {url!r} (stylesheets must be inlined)")
    for css in p.styles:
        assert not re.search(r"@import", css, re.I), where
        assert not re.search(r"url\(\s*['\"]?\s*(https?:|//)", css, re.I), where
    assert not re.search(r"<script[^>]+src\s*=", html, re.I), where
    assert not re.search(r"<link[^>]+href\s*=\s*['\"]?(https?:|//)", html, re.I), where


def assert_no_raw_markup(html: str, where: str = "") -> None:
    for bad in RAW_MARKUP:
        assert bad not in html, f"{where}: unescaped {bad!r}"


def graph_data(html: str) -> dict:
    p = scan(html)
    blocks = [body for attrs, body in p.scripts if attrs.get("id") == "graph-data"]
    assert len(blocks) == 1
    assert "</" not in blocks[0] and "<!--" not in blocks[0]
    return json.loads(blocks[0])
