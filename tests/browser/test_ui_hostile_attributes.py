"""Attribute injection, ``javascript:`` URLs and SVG payloads in titles, outlets and speaker names stay inert.

Each payload tries to leave the context it is printed in: an HTML attribute
(quotes), an SVG ``<title>`` inside the chart, a link target. The pages are
loaded in a real browser and hovered, focused and clicked; no script may run
and no element may carry an event handler or a ``javascript:`` link.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from newstrace.records import ExtractedDocument
from newstrace.store import Store

from .conftest import serving

StoreOf = Callable[[Path, list[ExtractedDocument]], Store]

ATTRIBUTE = "\" onmouseover=\"window.__xss=11\" autofocus onfocus=\"window.__xss=12\" x=\""
SINGLE = "' onmouseover='window.__xss=13' x='"
JS_URL = "javascript:window.__xss=14;alert(14)"
SVG = ("</title></svg><svg onload=\"window.__xss=15\"><animate onbegin=\"window.__xss=16\" "
       "attributeName=x dur=1s>")
SVG_TITLE = "</title><script>window.__xss=17</script><title>"
SVG_HREF = "<svg><a xlink:href=\"javascript:window.__xss=18\"><text y=20>click</text></a></svg>"
STYLE = "<style>body{background:url(javascript:window.__xss=19)}</style>"
HANDLER_SELECTOR = "[onmouseover],[onfocus],[onload],[onbegin],[onerror],[onclick]"


def _hostile(make: Callable[..., ExtractedDocument]) -> ExtractedDocument:
    text = (f"Officials said Putin offered talks. Envoy {SVG_TITLE} said {SVG_HREF} the talks went on. "
            f"The ministry {STYLE} said nothing more.")
    doc = make(text, name=f"attr{ATTRIBUTE}.txt", outlet=SVG,
               signals=[("Putin offered talks", ATTRIBUTE, "intent_to_negotiate", None),
                        ("the talks went on", JS_URL, "agree", None)])
    raw = dataclasses.replace(doc.dated.clean.raw, url=JS_URL)
    clean = dataclasses.replace(doc.dated.clean, raw=raw, title=SVG + SVG_TITLE, author=SINGLE)
    atts = tuple(dataclasses.replace(a, speaker=SVG_TITLE + SINGLE, via=JS_URL) for a in doc.attributions)
    sigs = tuple(dataclasses.replace(s, actor_text=SVG, source=dataclasses.replace(s.source, by=SVG_HREF))
                 for s in doc.signals)
    return dataclasses.replace(doc, dated=dataclasses.replace(doc.dated, clean=clean), attributions=atts,
                               signals=sigs)


def test_attribute_url_and_svg_payloads_stay_inert(
    browser: Any, tmp_path: Path, make_extracted: Callable[..., ExtractedDocument], store_of: StoreOf,
    shot: Callable[[Any, str], Path],
) -> None:
    doc = _hostile(make_extracted)
    store_of(tmp_path / "a.db", [doc]).close()
    doc_id = doc.dated.clean.raw.doc_id
    with serving(tmp_path / "a.db") as base:
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        urls = [f"/documents/{doc_id}", f"/timeline?actor={quote(ATTRIBUTE)}",
                f"/timeline?actor={quote(JS_URL)}", f"/actors/{quote(ATTRIBUTE, safe='')}",
                f"/actors/{quote(JS_URL, safe='')}",
                f"/search?q={quote(ATTRIBUTE)}", f"/search?q={quote(SVG)}", "/search?q=talks", "/"]
        statuses: dict[str, int] = {}
        for url in urls:
            response = page.goto(base + url)
            assert response is not None and response.status in (200, 404), url
            statuses[url] = response.status
            for element in page.locator("a, g.mark, span.sentence, td, li").all()[:60]:
                if element.is_visible():
                    element.hover(timeout=2000)
            page.keyboard.press("Tab")
            assert page.evaluate("window.__xss === undefined"), url
            assert page.locator(HANDLER_SELECTOR).count() == 0, url
            assert page.locator("a[href^='javascript:' i], [*|href^='javascript:' i]").count() == 0, url
            inert = "svg [onbegin], svg animate, body script:not([src]), body style"
            assert page.locator(inert).count() == 0, url
        assert statuses[urls[0]] == 200 and statuses[urls[1]] == 200 and statuses[urls[2]] == 200, statuses
        page.goto(f"{base}/timeline?actor={quote(ATTRIBUTE)}")
        assert page.locator("svg.chart g.mark").count() >= 1  # the hostile actor's mark was drawn
        page.goto(f"{base}/documents/{doc_id}")
        shown = page.inner_text("body")
        assert SVG_TITLE in shown or "<script>window.__xss=17</script>" in shown  # as text, whole
        page.goto(f"{base}/timeline?actor={quote(ATTRIBUTE)}")
        for link in page.locator("a").all():
            href = link.get_attribute("href") or ""
            assert not href.lower().lstrip().startswith("javascript"), href
        shot(page, "xss-attributes-inert")
        assert dialogs == []
