"""The web UI in a real browser: evidence links land on the right sentence; hostile text stays inert."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newstrace.records import ExtractedDocument
from newstrace.store import Store

from .conftest import serving

StoreOf = Callable[[Path, list[ExtractedDocument]], Store]
MAIN = "Ardan Morvek"


def test_timeline_click_lands_on_the_highlighted_evidence_sentence(
    browser: Any, sample_db: Path, shot: Callable[[Any, str], Path]
) -> None:
    import newstrace

    with newstrace.open(sample_db) as store:
        entries = {e.signal_id: e for e in store.timeline(MAIN)}
    with serving(sample_db) as base:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{base}/timeline?actor={MAIN}")
        assert page.locator("svg.chart g.mark").count() == len(entries)
        assert page.locator("svg.chart g.mark.denied").count() >= 1
        shot(page, "timeline")
        page.click("button[data-zoom=in]")
        # click a denied mark in the chart: the concession the presidential office denied
        mark = page.locator("svg.chart g.mark.denied").first
        signal_id = mark.get_attribute("data-signal")
        assert signal_id in entries
        mark.click()
        page.wait_for_url(f"**/documents/{entries[signal_id].doc_id}#s-{signal_id}")
        target = page.locator(".doc-text .sentence.target")
        assert target.count() == 1
        assert " ".join(target.inner_text().split()) == " ".join(entries[signal_id].sentence.split())
        highlighted = page.locator(".doc-text .sentence:has(> a:target)")
        assert highlighted.count() == 1
        assert target.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
        assert page.locator(f"#s-{signal_id}").is_visible() or target.is_visible()
        shot(page, "document-evidence")
        page.goto(f"{base}/actors/{MAIN}")
        assert page.locator(".shift").count() >= 1
        shot(page, "actor")
        page.goto(f"{base}/search?q=Kessel")
        assert page.locator("ol.hits li").count() >= 1
        shot(page, "search")
        assert dialogs == []


PAYLOADS = [
    "<script>window.__xss=1;alert('script')</script>",
    "<img src=x onerror=\"window.__xss=2;alert('img')\">",
    "<a href=\"javascript:alert('js')\" id=jslink>click me</a>",
    "<svg onload=\"window.__xss=3;alert('svg')\"><script>alert('svg2')</script></svg>",
]


def _hostile(make: Callable[..., ExtractedDocument]) -> ExtractedDocument:
    body = " ".join(PAYLOADS)
    text = f"Officials said Putin offered talks. {body} The ministry said nothing more."
    actor = PAYLOADS[1]
    doc = make(text, name="hostile<script>.txt", outlet=PAYLOADS[3],
               signals=[("Putin offered talks", actor, "intent_to_negotiate", None),
                        (body, "Vladimir Putin", "threaten", None)])
    clean = dataclasses.replace(doc.dated.clean, title=PAYLOADS[0] + " headline")
    atts = tuple(dataclasses.replace(a, speaker=PAYLOADS[2], via=PAYLOADS[0]) for a in doc.attributions)
    sigs = tuple(dataclasses.replace(s, source=dataclasses.replace(s.source, by=PAYLOADS[3]))
                 for s in doc.signals)
    return dataclasses.replace(doc, dated=dataclasses.replace(doc.dated, clean=clean), attributions=atts,
                               signals=sigs)


def test_hostile_article_text_renders_inert(
    browser: Any, tmp_path: Path, make_extracted: Callable[..., ExtractedDocument], store_of: StoreOf,
    shot: Callable[[Any, str], Path],
) -> None:
    from urllib.parse import quote

    doc = _hostile(make_extracted)
    store_of(tmp_path / "x.db", [doc]).close()
    doc_id = doc.dated.clean.raw.doc_id
    with serving(tmp_path / "x.db") as base:
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        urls = [f"/documents/{doc_id}", f"/timeline?actor={quote(PAYLOADS[1])}",
                "/timeline?actor=Vladimir%20Putin", "/actors/Vladimir%20Putin", "/search?q=officials",
                f"/search?q={quote(PAYLOADS[0])}", "/"]
        for url in urls:
            response = page.goto(base + url)
            assert response is not None and response.status == 200, url
            assert "default-src 'none'" in response.headers["content-security-policy"]
            assert page.evaluate("window.__xss === undefined"), url
            assert page.locator("img[src=x]").count() == 0, url
            assert page.locator("#jslink").count() == 0, url
            assert page.locator("body script:not([src])").count() == 0, url
        page.goto(f"{base}/documents/{doc_id}")
        assert PAYLOADS[0] in page.inner_text("article.doc-text")  # shown as text, whole
        shot(page, "xss-inert")
        assert dialogs == []
