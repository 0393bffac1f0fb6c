"""HTML pages: trafilatura's extraction, then the line classifier with the HTML
overrides and extra rules of data/clean/html.toml. Every page here is invented."""

from __future__ import annotations

import pytest

from newstrace.clean import clean_document
from newstrace.clean.features import split_lines
from newstrace.clean.html import extract_html, squash
from newstrace.clean.html_lines import classify_html, html_rules
from newstrace.records import RawDocument


def clean_html(html: str) -> tuple[str, list[tuple[str, str, str]]]:
    doc = clean_document(RawDocument(doc_id="t", name="t", text=html, format="html"))
    return doc.text, [(ln.cls, ln.reason, ln.text) for ln in doc.lines]


ARTICLE = """<!doctype html>
<html lang="en"><head>
<title>Harbour council approves new flood barrier | Coast | The Example Gazette</title>
<meta property="og:site_name" content="The Example Gazette">
</head><body>
<header><div class="logo">The Example Gazette</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/coast">Coast</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>Harbour council approves new flood barrier</h1>
<div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Email</a></div>
<p>The harbour council voted on Tuesday to build a movable flood barrier across the mouth
of the estuary, ending a decade of argument over how to protect the old town from storm surges.</p>
<figure><img src="barrier.jpg" alt=""><figcaption>A model of the planned barrier on display
at the town hall. (Photo: Example Agency)</figcaption></figure>
<p>The barrier, which will cost an estimated 40 million, is due to be finished within four
years, according to the council's chief engineer, who presented the plans to members.</p>
<p>Residents of the lower streets, which flooded twice last winter, welcomed the decision but
said work should begin before the next storm season rather than after it.</p>
<p>Sign up for our free morning newsletter to get the latest coast news.</p>
<p>Opponents on the council argued that the money would be better spent raising the existing
sea wall, and said they would ask for the vote to be reviewed next month.</p>
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Storm closes coastal road for third time this year</a></li>
<li><a href="/b">Fishing fleet returns early as gales forecast</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>About time too, my cellar has been under water twice this year
already and nobody listened.</p></div></section>
</main>
<footer><p>&copy; 2024 The Example Gazette. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def test_only_the_article_paragraphs_survive() -> None:
    text, lines = clean_html(ARTICLE)
    paras = text.split("\n")
    assert len(paras) == 4
    assert paras[0].startswith("The harbour council voted on Tuesday")
    assert paras[-1].startswith("Opponents on the council argued")
    for junk in (
        "Home", "Facebook", "Photo: Example Agency", "newsletter", "Related stories",
        "Storm closes coastal road", "cellar", "All rights reserved", "Privacy",
    ):
        assert junk not in text, junk
    assert ("title", "known_title", "Harbour council approves new flood barrier") in lines


GERMAN = """<!doctype html>
<html lang="de"><head><title>Neue Fähre für den Inselverkehr - Beispielblatt</title></head><body>
<nav><a href="/">Startseite</a> <a href="/region">Region</a></nav>
<article>
<h1>Neue Fähre für den Inselverkehr</h1>
<p>Die Reederei hat am Montag eine neue Fähre in Dienst gestellt, die künftig dreimal täglich
zwischen dem Festland und der Insel verkehren soll.</p>
<p>Anzeige</p>
<p>Das Schiff bietet Platz für 400 Fahrgäste und 60 Autos und fährt mit einem Hybridantrieb,
der den Verbrauch nach Angaben der Reederei um ein Drittel senkt.</p>
<p>Lesen Sie auch: Hafenausbau verzögert sich um ein weiteres Jahr</p>
<p>Die alte Fähre wird nach fast vierzig Jahren im Einsatz an einen Museumsverein übergeben,
der sie im Hafen als schwimmendes Ausstellungsschiff nutzen möchte.</p>
<p>Aktualisiert am 12.03.2024</p>
</article>
<footer><p>Impressum</p><p>Datenschutz</p></footer>
</body></html>
"""


def test_non_english_body_kept_and_its_teasers_removed() -> None:
    text, lines = clean_html(GERMAN)
    assert text.startswith("Die Reederei hat am Montag")
    assert "Hybridantrieb" in text
    assert "Museumsverein" in text
    assert "Lesen Sie auch" not in text
    assert "Anzeige" not in text
    assert "Aktualisiert" not in text
    reasons = {r for _c, r, _t in lines}
    assert "html_read_also" in reasons


ARABIC = """<!doctype html>
<html lang="ar" dir="rtl"><head><title>افتتاح مكتبة عامة جديدة</title></head><body>
<article><h1>افتتاح مكتبة عامة جديدة</h1>
<p>افتتحت البلدية يوم الأحد مكتبة عامة جديدة في وسط المدينة
تضم أكثر من عشرين ألف كتاب وقاعة للمطالعة مفتوحة طوال الأسبوع.</p>
<p>وقال رئيس البلدية إن المكتبة ستنظم ورشات للقراءة لفائدة الأطفال
خلال العطلة الصيفية بالتعاون مع المدارس المجاورة.</p>
<p>وأضاف أن المشروع استغرق ثلاث سنوات من العمل وأن تكلفته غطتها منحة من الدولة ومساهمات من سكان الحي.</p>
</article></body></html>
"""


def test_caseless_script_is_not_all_caps_junk() -> None:
    text, lines = clean_html(ARABIC)
    assert len(text.split("\n")) == 3
    assert not [r for c, r, _t in lines if c == "junk"]


LIST_TEXT = """Storm damage to the pier will take months to repair, engineers say.
The council listed the works it plans to carry out this year.
Repairs to the loading ramp
New railings along the promenade
Top stories this week"""


def test_overruled_fragments_stay_body_only_when_the_precision_pass_agrees() -> None:
    lines = split_lines(LIST_TEXT)
    confirm = squash(LIST_TEXT.rsplit("\n", 1)[0])  # the precision pass dropped the last line
    out = {ln.text: ln for ln in classify_html(lines, confirm=confirm)}
    assert out["Repairs to the loading ramp"].cls == "body"
    assert out["Repairs to the loading ramp"].reason == "html_overrides_tail_fragment"
    assert out["Top stories this week"].cls == "junk"
    assert out["Top stories this week"].reason == "tail_fragment"
    no_second_opinion = {ln.text: ln.cls for ln in classify_html(lines, confirm=None)}
    assert no_second_opinion["Top stories this week"] == "body"


def test_precision_pass_text_is_recorded() -> None:
    page = extract_html(ARTICLE)
    assert page.method == "trafilatura"
    assert page.confirm is not None
    assert "movable flood barrier" in page.confirm


def test_fallback_to_paragraphs_when_trafilatura_finds_nothing() -> None:
    tiny = "<html><body><p>The ferry runs again from Monday, the operator said.</p></body></html>"
    page = extract_html(tiny)
    assert page.text == "The ferry runs again from Monday, the operator said."
    assert page.method in ("trafilatura", "lxml_p")
    assert extract_html("<html></html>").method == "none"


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Lea también: el puerto cerrará por obras", "read_also"),
        ("Czytaj też: Nowy most otwarty", "read_also"),
        ("À lire aussi", "read_also"),
        ("Veröffentlicht am 06.12.2022", "dated_label"),
        ("Werbung", "label_only"),
        ("Foto: Erika Beispiel", "credit_label"),
        ("Quelle: Statistisches Amt", "source_label"),
    ],
)
def test_html_rules_match_their_boilerplate(line: str, name: str) -> None:
    hits = [r.name for r in html_rules().rules if r.matches(line)]
    assert hits[:1] == [name]


@pytest.mark.parametrize(
    "line",
    [
        "Weitere Informationen zu den Kosten gibt es beim Bauamt der Stadt, sagte die Sprecherin.",
        "La alcaldesa dijo que lea también los informes técnicos antes de votar el proyecto.",
        "The council will publish the plans on Friday.",
    ],
)
def test_html_rules_leave_prose_alone(line: str) -> None:
    assert not [r.name for r in html_rules().rules if r.matches(line)]
