"""Which outlet published this copy (``outlet``) and whose reporting it rests on (``origin``).

Hand-written: no library reads wire bylines or "X reported" citations. Cues
are in ``data/clean/provenance.toml``; names are resolved through the outlet
registry (``knowledge.outlets()``).

Outlet evidence, strongest first: the ingest metadata, the URL's domain, the
HTML site name, a " | Site" title suffix, a masthead above the headline, a
"republished by" note, a copyright line, an outlet naming itself by its domain
("told NewsDrum.in"). Origin evidence, strongest first: a
wire byline or dateline ("Reuters |", "KYIV (AP) —"), such a self-reference,
then the outlet most cited as reporting in the body ("the NYT reported",
"told CNN"), weighted towards the opening lines.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newstrace.clean.features import site_title_parts, soft_suffix
from newstrace.knowledge import Outlet, outlets
from newstrace.knowledge.datafiles import load_toml
from newstrace.records import Line


@dataclass(frozen=True, slots=True)
class Cue:
    pattern: re.Pattern[str]
    weight: float


@dataclass(frozen=True, slots=True)
class ProvenanceRules:
    copyright: tuple[re.Pattern[str], ...]
    republished: tuple[re.Pattern[str], ...]
    masthead: re.Pattern[str] | None
    company_suffixes: frozenset[str]
    self_reference: tuple[re.Pattern[str], ...]
    byline_lines: tuple[re.Pattern[str], ...]
    dateline_starts: tuple[re.Pattern[str], ...]
    dateline_lines: int
    max_seg_words: int
    cite_window: int
    first_lines: int
    first_lines_factor: float
    min_score: float
    cite_before: tuple[Cue, ...]
    cite_after: tuple[Cue, ...]


def _compile(items: Sequence[str], flags: int = re.IGNORECASE) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, flags) for p in items)


def _cues(rows: Sequence[dict[str, Any]]) -> tuple[Cue, ...]:
    return tuple(Cue(re.compile(r["pattern"], re.IGNORECASE), float(r.get("weight", 1.0))) for r in rows)


@functools.lru_cache(maxsize=1)
def provenance_rules() -> ProvenanceRules:
    data = load_toml("clean/provenance.toml")
    o, g = data.get("outlet", {}), data.get("origin", {})
    return ProvenanceRules(
        copyright=_compile(o.get("copyright", ())),
        republished=_compile(o.get("republished", ())),
        # Case-sensitive: a masthead is a proper name in Title Case or capitals.
        masthead=re.compile(o["masthead"]) if o.get("masthead") else None,
        company_suffixes=frozenset(o.get("company_suffixes", ())),
        # Case-sensitive: a self-reference is a proper name ("NewsDrum.in").
        self_reference=_compile(o.get("self_reference", ()), 0),
        byline_lines=_compile(g.get("byline_lines", ())),
        dateline_starts=_compile(g.get("dateline_starts", ())),
        dateline_lines=int(g.get("dateline_lines", 2)),
        max_seg_words=int(g.get("max_seg_words", 8)),
        cite_window=int(g.get("cite_window", 40)),
        first_lines=int(g.get("first_lines", 3)),
        first_lines_factor=float(g.get("first_lines_factor", 2.0)),
        min_score=float(g.get("min_score", 2.0)),
        cite_before=_cues(g.get("cite_before", ())),
        cite_after=_cues(g.get("cite_after", ())),
    )


# --------------------------------------------------------------------------- names


def resolve(name: str) -> Outlet | None:
    """Registered outlet for a name as written, or one named inside it."""
    reg = outlets()
    found = reg.lookup(name)
    if found is not None:
        return found
    hits = reg.find_all(name)
    return hits[-1][2] if hits else None


def _in_segment(seg: str, max_words: int) -> Outlet | None:
    if len(seg.split()) > max_words:
        return None
    hits = outlets().find_all(seg)
    return hits[0][2] if hits else None


def _plain_name(name: str, suffixes: frozenset[str]) -> str | None:
    words = name.strip(" .,;:|-–—").split()
    while words and words[-1] in suffixes:
        words.pop()
    out = " ".join(words).strip(" .,")
    return out if 1 <= len(out.split()) <= 6 and any(c.isalpha() for c in out) else None


# --------------------------------------------------------------------------- outlet


def outlet_of(
    lines: Sequence[Line],
    *,
    meta_outlet: str | None = None,
    url: str | None = None,
    sitename: str | None = None,
    page_title: str | None = None,
) -> str | None:
    """The outlet that published this copy, strongest evidence first."""
    rules = provenance_rules()
    if meta_outlet:
        found = resolve(meta_outlet)
        return found.name if found else meta_outlet.strip()
    if url:
        by_domain = outlets().by_domain(url)
        if by_domain is not None:
            return by_domain.name
    if sitename:
        found = resolve(sitename)
        return found.name if found else sitename.strip()
    suffixed = [page_title] if page_title else []
    suffixed += [ln.text for ln in lines if ln.reason in ("site_title_duplicate", "site_title")]
    for text in suffixed:
        name = _suffix_outlet(text)
        if name:
            return name
    for ln in lines:
        if ln.reason == "masthead":
            name = _masthead_outlet(ln.text)
            if name:
                return name
    for ln in lines:
        if ln.cls != "junk":
            continue
        for pat in rules.republished:
            m = pat.search(ln.text)
            if m:
                found = resolve(m.group("name"))
                return found.name if found else m.group("name").strip()
    for ln in lines:
        if ln.reason != "copyright":
            continue
        for pat in rules.copyright:
            m = pat.search(ln.text)
            if m is None:
                continue
            found = resolve(m.group("name"))
            if found is not None:
                return found.name
            plain = _plain_name(m.group("name"), rules.company_suffixes)
            if plain:
                return plain
    own = _self_reference(lines)
    return own.name if own else None


def _masthead_outlet(text: str) -> str | None:
    found = outlets().lookup(text)
    if found is not None:
        return found.name
    pat = provenance_rules().masthead
    if pat is None or not pat.match(text):
        return None
    return " ".join(w if not w.isupper() else w.capitalize() for w in text.split())


def _suffix_outlet(text: str) -> str | None:
    parts = site_title_parts(text)
    suffix = parts[1] if parts else soft_suffix(text)
    if suffix is None:
        return None
    segments = [s.strip() for s in re.split(r"\s+[-–—|]\s+", suffix) if s.strip()]
    for seg in reversed(segments):
        found = resolve(seg)
        if found is not None:
            return found.name
    return segments[-1] if parts and segments and len(segments[-1].split()) <= 4 else None


def _self_reference(lines: Sequence[Line]) -> Outlet | None:
    for ln in lines:
        if ln.cls != "body":
            continue
        for pat in provenance_rules().self_reference:
            for m in pat.finditer(ln.text):
                found = outlets().lookup(m.group("name"))
                if found is not None:
                    return found
    return None


# --------------------------------------------------------------------------- origin


def origin_of(lines: Sequence[Line]) -> str | None:
    """The outlet whose reporting this copy rests on, or ``None`` when the text does not show it."""
    rules = provenance_rules()
    for ln in lines:
        if ln.cls != "meta":
            continue
        for pat in rules.byline_lines:
            m = pat.search(ln.text)
            if m:
                found = _in_segment(m.group("seg"), rules.max_seg_words)
                if found is not None:
                    return found.name
    body = [ln for ln in lines if ln.cls == "body"]
    for ln in body[: rules.dateline_lines]:
        for pat in rules.dateline_starts:
            m = pat.match(ln.text)
            if m:
                found = _in_segment(m.group("seg"), rules.max_seg_words)
                if found is not None:
                    return found.name
    own = _self_reference(lines)
    if own is not None:
        return own.name
    return _most_cited(body)


def cite_scores(body: Sequence[Line]) -> dict[str, float]:
    """Weighted count of "X reported" / "told X" style citations per outlet."""
    rules = provenance_rules()
    scores: dict[str, float] = {}
    for index, ln in enumerate(body):
        factor = rules.first_lines_factor if index < rules.first_lines else 1.0
        text = ln.text
        for start, end, outlet in outlets().find_all(text):
            before = text[max(0, start - rules.cite_window) : start]
            after = text[end : end + rules.cite_window]
            weight = max(
                [c.weight for c in rules.cite_before if c.pattern.search(before)]
                + [c.weight for c in rules.cite_after if c.pattern.search(after)]
                + [0.0]
            )
            if weight:
                scores[outlet.name] = scores.get(outlet.name, 0.0) + weight * factor
    return scores


def _most_cited(body: Sequence[Line]) -> str | None:
    scores = cite_scores(body)
    if not scores:
        return None
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] >= provenance_rules().min_score else None
