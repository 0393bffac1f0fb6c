"""Attribution extraction: who is presented as the source of a statement, through whom.

Works on the existing spaCy parse (no second parse) with a cue lexicon kept as
data (``data/extract/en/cues.toml``, see ``cues``). spaCy gives tokens, lemmas and
dependencies; what no library does here is written by hand and kept small:

* cue finding: listed reporting verbs in a speech frame (clause complement,
  adjacent quote, parenthetical, content object, "call for", "as"), unlisted
  verbs with a that-clause or an adjacent quote and a human/organisation subject
  (structure, not the list), nominal cues ("the announcement, made by X"),
  prepositional cues ("according to X", "per TASS", "in the poll"), citation chains
  ("X reported, citing Y", "It cited Y as saying") and layout cues (a speaker label
  opening a paragraph, "Kellan: …"; a dash signing a quote, "“…” ― Ana Ruiz");
* attitude verbs ("believe", "want"; ``top_only`` in the lexicon) are cues of their
  own but not inside the content of another cue ("said she hopes" is one attribution);
* speakers (``speakers``), pronouns and outlet context (``attribution_context``);
* quotes (``quotes``): a cue inside a quotation never attributes the outer text,
  and quotes decide ``direct`` (all quoted, partly quoted = "mixed", none).

A paragraph that is only a quotation and has no cue of its own gets no
attribution (the gold style); instead the previous direct attribution's content
span is extended over it.

Each sentence is visited once and each token a constant number of times, apart
from walking the subtree of a found cue.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from newstrace import ids
from newstrace.extract.attribution.channels import carry_forward, find_channel, outlet_named
from newstrace.extract.attribution.context import Discourse, Draft
from newstrace.extract.attribution.cues import CueLexicon, VerbCue, cue_lexicon
from newstrace.extract.attribution.quotes import Quote, QuoteMap
from newstrace.extract.attribution.speakers import (
    NO_SPEAKER,
    Speaker,
    classify,
    phrase_tokens,
    speaker_like,
    speaker_words,
)
from newstrace.extract.attribution.tagged import Tagged, tagged_by_sentence
from newstrace.nlp import ParsedDocument
from newstrace.records import Attribution

_RELATIVE = frozenset({"who", "that", "which", "whom"})
_GAP_CHARS = " ,:;—–-\t"
_CLOSING_PUNCT = ".,;:!?)]"
# "Kellan: …" / "PENCE: …" at a paragraph's start; 1-4 capitalised words, no verb.
_LABEL = re.compile(r"[\"“]?([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):[ \t]+(?=\S)")
_BYLINE_NAME = r"\s*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4})\.?\s*$"
_LEFT_STOP = frozenset({"conj", "appos", "nsubj", "nsubjpass", "ccomp", "advcl", "parataxis",
                        "ROOT", "xcomp"})


def extract_attributions(
    parsed: ParsedDocument, *, rules: bool = True, trained: bool = True, min_confidence: float = 0.0,
) -> Iterator[Attribution]:
    """Yield the document's attributions in text order.

    ``rules`` finds cues with the lexicon and the parse; ``trained`` adds the cues
    that the attribution tagger marked (``doc.spans``, present when the tagger ran
    in the spaCy pipeline) and the rules did not find, with at least
    ``min_confidence``. Both go through the same speaker, pronoun, content and
    via logic.
    """
    doc = parsed.doc
    text = parsed.text
    if len(doc) == 0:
        return
    run = _Run(doc, text, rules=rules, trained=trained, min_confidence=min_confidence)
    run.walk()
    doc_id = parsed.doc_id
    for d in run.finish():
        speaker = d.speaker.text
        yield Attribution(
            id=ids.item_id("attribution", doc_id, d.start, d.end, d.cue, speaker),
            start=d.start,
            end=d.end,
            speaker=speaker,
            speaker_canonical=d.speaker.canonical,
            speaker_kind=d.speaker.kind,
            named=d.speaker.named,
            cue=d.cue,
            direct=d.direct,  # type: ignore[arg-type]
            via=d.via,
            content_start=d.content_start,
            content_end=d.content_end,
            sentence_start=d.sentence_start,
            sentence_end=d.sentence_end,
            component=d.component,
            confidence=d.confidence,
        )


class _Run:
    """One pass over one document."""

    def __init__(self, doc: Doc, text: str, *, rules: bool = True, trained: bool = True,
                 min_confidence: float = 0.0) -> None:
        self.doc = doc
        self.text = text
        self.use_rules = rules
        self.min_confidence = min_confidence
        self.lex: CueLexicon = cue_lexicon()
        self.quotes = QuoteMap(text)
        self.sents = list(doc.sents)
        self.sent_of = [0] * len(doc)
        for k, s in enumerate(self.sents):
            for i in range(s.start, s.end):
                self.sent_of[i] = k
        self.para_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self.ctx = Discourse.for_doc(doc, self.sent_of)
        self.handled: set[int] = set()
        # outlet markers ("according to TASS"): (sentence index, paragraph, start, end, outlet)
        self.markers: list[tuple[int, int, int, int, str]] = []
        self.person_words = {e[-1].lower_ for e in doc.ents if e.label_ == "PERSON"}
        dashes = re.escape(self.lex.byline_dashes) if self.lex.byline_dashes else None
        self.byline = re.compile(f"[”\"]\\s*([{dashes}])" + _BYLINE_NAME) if dashes else None
        self.tagged = tagged_by_sentence(doc, self.sents) if trained else {}

    # ------------------------------------------------------------------ walking

    def para_of(self, offset: int) -> int:
        return bisect.bisect_right(self.para_starts, offset) - 1

    def walk(self) -> None:
        for k, sent in enumerate(self.sents):
            before = len(self.ctx.drafts)
            for t in sent:
                if not self.use_rules:
                    break
                if t.i in self.handled or self.quotes.inside(t.idx):
                    continue
                if t.lower_ in self.lex.preps and t.dep_ in ("prep", "ROOT", "advmod", "case"):
                    self._prep_cue(t, k, sent)
                elif t.pos_ == "NOUN" and t.lemma_.lower() in self.lex.nouns:
                    self._noun_cue(t, k, sent)
                elif t.pos_ in ("VERB", "AUX") and t.tag_.startswith("VB"):
                    self._verb_cue(t, k, sent)
            if self.use_rules:
                self._line_cues(k, sent, before)
            if k in self.tagged:
                self._tagged_cues(k, sent, before)
            self._settle_sentence(k, before)

    # ------------------------------------------------------------------ helpers

    def _draft(self, start: int, end: int, sp: Speaker, cue: str, cue_i: int, k: int,
               antecedent: Draft | None = None) -> Draft:
        sent = self.sents[k]
        sent_end = sent.end_char
        while sent_end > sent.start_char and self.text[sent_end - 1].isspace():
            sent_end -= 1
        d = Draft(start=start, end=end, speaker=sp, cue=cue, cue_i=cue_i, sent_index=k,
                  para_index=self.para_of(start), sentence_start=sent.start_char,
                  sentence_end=sent_end, antecedent=antecedent)
        self.ctx.drafts.append(d)
        return d

    def _span(self, tokens: list[Token]) -> tuple[int, int]:
        lo = min(t.idx for t in tokens)
        hi = max(t.idx + len(t) for t in tokens)
        while hi > lo and self.text[hi - 1].isspace():
            hi -= 1
        while lo < hi and self.text[lo].isspace():
            lo += 1
        return lo, hi

    def _set_content(self, d: Draft, lo: int | None, hi: int | None) -> None:
        if lo is None or hi is None or hi <= lo:
            d.content_start = d.content_end = None
            d.direct = False
            return
        while hi > lo and self.text[hi - 1] in " ,\n":
            hi -= 1
        while lo < hi and self.text[lo] in " ,\n":
            lo += 1
        if not any(ch.isalnum() for ch in self.text[lo:hi]):
            d.content_start = d.content_end = None  # "Some disagreed." has no content of its own
            d.direct = False
            return
        d.content_start, d.content_end = lo, hi
        d.direct = self._directness(lo, hi, d)

    def _directness(self, lo: int, hi: int, d: Draft) -> bool | str:
        """True when the content is all quotation (the attribution itself aside)."""
        qs = self.quotes.within(lo, hi)
        if not qs:
            return False
        outside = 0
        pos = lo
        for q in qs:
            outside += self._words_outside(pos, max(pos, q.start), d)
            pos = max(pos, q.end)
        outside += self._words_outside(pos, hi, d)
        return True if outside <= 2 else "mixed"

    def _words_outside(self, lo: int, hi: int, d: Draft) -> int:
        return sum(1 for i in range(lo, hi)
                   if self.text[i].isalnum() and not d.start <= i < d.end)

    def _quote_before(self, offset: int) -> Quote | None:
        """A quote that closes right before ``offset`` (only commas/spaces between)."""
        qs = self.quotes.within(max(0, offset - 400), offset)
        for q in reversed(qs):
            if q.end <= offset:
                gap = self.text[q.end : offset]
                return q if not gap.strip(_GAP_CHARS) and "\n" not in gap else None
        return None

    def _quote_after(self, offset: int) -> Quote | None:
        """A quote that opens right after ``offset`` (only commas/colons/spaces between).

        A colon ending the line introduces a quote opening the next paragraph
        ("Kellan continued:" / "“…”").
        """
        qs = self.quotes.within(offset, offset + 400)
        for q in qs:
            if q.start >= offset:
                gap = self.text[offset : q.start]
                if gap.strip(_GAP_CHARS):
                    return None
                return q if "\n" not in gap or gap.lstrip(" \t").startswith(":") else None
        return None

    def _resolve(self, sp: Speaker, head: Token, k: int) -> tuple[Speaker, Draft | None] | None:
        return self.ctx.resolve(sp, head, k, self.sents[k].start)

    # ------------------------------------------------------------------ layout cues

    def _line_cues(self, k: int, sent: Span, before: int) -> None:
        """A speaker label opening the paragraph, or a dash signing a quote that ends it."""
        p = self.para_of(sent.start_char)
        p0 = self.para_starts[p]
        p1 = self.text.find("\n", p0)
        p1 = len(self.text) if p1 < 0 else p1
        drafts = self.ctx.drafts[before:]
        m = _LABEL.match(self.text, p0, p1)
        if m is not None and sent.start_char <= m.start(1) < sent.end_char \
                and not any(d.start < m.end() and m.start(1) < d.end for d in drafts):
            words = m.group(1).split()
            if words[-1].lower() in self.person_words or (
                    len(words) == 1 and words[0].lower() in self.lex.label_documents):
                colon = m.start(1) + len(m.group(1))
                self._layout_draft(k, m.start(1), colon, colon, colon + 1, m.end(), p1)
        if self.byline is None or not sent.start_char < p1 <= sent.end_char + 1:
            return
        b = self.byline.search(self.text, p0, p1)
        if b is None or self.quotes.inside(b.start(1)) or any(
                d.start < b.end(2) and b.start(1) < d.end for d in drafts):
            return
        q = self._quote_before(b.start(1))
        if q is not None:
            self._layout_draft(k, b.start(2), b.end(2), b.start(1), b.end(1), q.start, q.end)
        elif not self.quotes.within(p0, b.start(1)):
            # the quote opened in an earlier paragraph: this paragraph is its end
            self._layout_draft(k, b.start(2), b.end(2), b.start(1), b.end(1), p0, b.start(1))

    def _layout_draft(self, k: int, s_lo: int, s_hi: int, c_lo: int, c_hi: int,
                      q_lo: int, q_hi: int) -> None:
        span = self.doc.char_span(s_lo, s_hi, alignment_mode="expand")
        if span is None or len(span) == 0:
            return
        sp = classify(span.root, list(span))
        if sp.role == "pronoun":
            return
        d = self._draft(min(s_lo, c_lo), max(s_hi, c_hi), sp, "say", span.root.i, k)
        self._set_content(d, q_lo, q_hi)

    # ------------------------------------------------------------------ prepositional cues

    def _prep_cue(self, t: Token, k: int, sent: Span) -> None:
        cue = self.lex.preps[t.lower_]
        doc = self.doc
        tokens = [t]
        holder = t
        for w in cue.words[1:]:
            nxt = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
            if nxt is None or nxt.lower_ != w:
                return
            tokens.append(nxt)
            holder = nxt
        pobj = next((c for c in holder.children if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.lemma_.lower() in cue.not_heads or not (
                speaker_like(pobj) or (cue.any_noun and pobj.pos_ == "NOUN")):
            return
        if cue.heads and pobj.lemma_.lower() not in cue.heads:
            return
        sp = classify(pobj)
        if cue.named_only and not sp.named:
            return
        self.handled.update(x.i for x in tokens)
        lo, hi = t.idx, sp.end
        if sp.kind == "media":
            self.markers.append((k, self.para_of(lo), lo, hi, sp.canonical or ""))
            return
        resolved = self._resolve(sp, pobj, k)
        if resolved is None:
            return
        sp, ante = resolved
        d = self._draft(lo, hi, sp, cue.cue, t.i, k, ante)
        # the content is the rest of the sentence around the cue phrase
        self._set_content(d, *self._rest_of_sentence(sent, lo, hi))

    def _rest_of_sentence(self, sent: Span, lo: int, hi: int) -> tuple[int, int]:
        s, e = sent.start_char, sent.end_char
        if lo - s >= e - hi:
            return s, lo
        return hi, e

    # ------------------------------------------------------------------ nominal cues

    def _noun_cue(self, t: Token, k: int, sent: Span) -> None:
        author = None
        for c in t.children:
            if c.dep_ == "acl" and c.tag_ == "VBN":
                for g in c.children:
                    if g.dep_ == "agent":
                        author = next((p for p in g.children if p.dep_ == "pobj"), None)
            elif c.dep_ == "prep" and c.lower_ == "by":
                author = next((p for p in c.children if p.dep_ == "pobj"), None)
        that = None
        if author is None:
            # "X's claim that …", "X's decision to …": a possessive author with the statement
            # as a that-clause or a to-infinitive
            that = next((c for c in t.children if c.dep_ in ("acl", "ccomp") and any(
                (g.dep_ == "mark" and g.lower_ == "that") or (g.dep_ == "aux" and g.lower_ == "to")
                for g in c.children)), None)
            relayed = t.head.pos_ in ("VERB", "AUX") and self.lex.verb(t.head.lemma_) is not None
            if that is not None and not relayed:  # not "repeated X's warning that …"
                author = next((c for c in t.children if c.dep_ == "poss"), None)
        if author is None or not speaker_like(author):
            return
        sp = classify(author)
        resolved = self._resolve(sp, author, k)
        if resolved is None:
            return
        sp, ante = resolved
        start = t.left_edge.idx if t.left_edge.i >= sent.start else t.idx
        d = self._draft(start, max(sp.end, t.idx + len(t)), sp, self.lex.nouns[t.lemma_.lower()].cue,
                        t.i, k, ante)
        head = t.head
        if that is not None:
            self._set_content(d, *self._span(list(that.subtree)))
        elif head.pos_ in ("VERB", "AUX") and t.dep_ in ("nsubj", "nsubjpass"):
            lo, hi = self._span([x for x in head.subtree if x.i not in {y.i for y in t.subtree}])
            self._set_content(d, lo, hi)
        else:
            self._set_content(d, None, None)

    # ------------------------------------------------------------------ verbal cues

    def _verb_cue(self, t: Token, k: int, sent: Span) -> None:
        if not t.text[0].isalpha():
            return  # a dash tagged as a verb: a signed quote, see _line_cues
        if t.dep_ in ("amod", "compound") or (t.dep_ == "acl" and t.tag_ == "VBN"):
            return
        if (t.dep_ == "xcomp" or (t.dep_ == "ccomp" and t.tag_ not in ("VBD", "VBN"))) \
                and t.head.lemma_.lower() in self.lex.irrealis_heads:
            return
        lemma = t.lemma_.lower()
        vc = self.lex.verb(lemma)
        children = list(t.children)
        particle: str | None = None
        if vc is not None:
            if vc.particles:
                particle = next((c.lower_ for c in children if self._framing_particle(t, c, vc)),
                                None)
                if particle is None and not (vc.naming and self._naming_frame(t, children)):
                    return
            if any(c.dep_ in ("prt", "prep", "advmod") and c.lower_ in vc.not_with for c in children):
                return
            if vc.top_only and self._inside_cue(t):
                return
            if vc.as_only and not self._as_clause(t, children):
                return
            if particle == "as" and any(c.dep_ == "dobj" and c.lower_ in _RELATIVE | {"what"}
                                        for c in children):
                return  # "what he sees as …" names a phrase of the writer's sentence
            if particle is not None and t.tag_ == "VBG" and t.dep_ == "advcl" \
                    and self.lex.verb(t.head.lemma_.lower()) is not None:
                return  # "Speaking of the west, he said …": a topic, the cue is "said"
        elif (lemma in self.lex.not_cues or t.pos_ != "VERB"
              or t.dep_ in ("relcl", "acl", "advcl", "xcomp", "pcomp", "conj")
              or self._inside_cue(t)):
            return  # unlisted verbs count only as the top cue ("said officials learned that")
        if any(c.dep_ == "aux" and c.tag_ == "MD" for c in children):
            return  # "could repeat", "must promise": not a statement made
        if lemma in ("cite", "quote") and self._citation(t, k, sent, children):
            return

        subj, passive = self._subject(t)
        if passive and (vc is None or not vc.passive):
            return
        skip = speaker_words().non_speaker_subjects
        # "an architect who said …": the relative "who" says the noun is a person
        who = t.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ == "who" for c in children)
        if subj is not None and ((subj.lower_ in skip and not self._described(subj))
                                 or not (speaker_like(subj) or (who and subj.pos_ == "NOUN")
                                         or self._speech_frame(t, subj, children, vc))):
            return
        if subj is None and not passive:
            return

        # speaker phrase and attribution span
        if subj is not None:
            sp_tokens = phrase_tokens(subj)
            if subj.dep_ == "pobj" and subj.head.dep_ != "agent":
                sp_tokens = [subj]  # a name closing an opening phrase, see _left_subject
            if subj.i > t.i or t.dep_ == "acl":
                sp_tokens = [x for x in sp_tokens if x.i not in {y.i for y in t.subtree}] or [subj]
            sp = classify(subj, sp_tokens)
        else:
            sp = NO_SPEAKER
        cue_tokens = [t] + [c for c in children if particle is not None and c.lower_ == particle
                            and c.dep_ in ("prep", "prt")]
        recipient = self._recipient(t, children, vc)
        span_tokens = cue_tokens + ([recipient] if recipient is not None else [])
        lo, hi = self._span(span_tokens)
        if sp.text is not None:
            lo, hi = min(lo, sp.start), max(hi, sp.end)
        # a subject far away (parse error across a long clause) is not trusted
        if hi - lo > 320:
            return

        clause = [c for c in children if c.dep_ in self.lex.clause_deps]
        content_deps = [c for c in children if self._content_child(c, vc)]
        if vc is not None and vc.content_preps:  # "accused the agency of hiding it"
            content_deps += [g for c in children if c.dep_ == "dobj" for g in c.children
                             if self._content_child(g, vc)]
        q_before = self._quote_before(lo)
        q_after = self._quote_after(hi)
        obj = next((c for c in children if c.dep_ in ("dobj", "dative")), None)

        if vc is None:
            has_that = any(any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                           for c in clause)
            closes = q_before is not None and not self.text[hi : self.sents[k].end_char].strip(
                _CLOSING_PUNCT + " \n\"”’")
            opens = q_after is not None and ":" in self.text[hi : q_after.start]
            if not (has_that or closes or opens) or sp.text is None:
                return
            if sp.role not in ("named", "media", "pronoun", "anaphor", "source") or obj is not None:
                return
            cue = lemma
        else:
            as_frame = not clause and self._as_clause(t, children)
            proform = None if as_frame else self._proform(t, children)
            if proform is not None:
                content_deps.append(proform)
            framed = bool(clause or q_before or q_after or t.dep_ == "parataxis" or as_frame
                          or content_deps or (vc.bare and obj is None) or passive)
            if obj is not None and vc.object == "none" and not (
                    clause or q_before or q_after or as_frame or proform is not None):
                framed = False
            if vc.recipient and recipient is not None and not framed:
                # "…, a source informed CNN." / "… told Reuters": the content is the sentence
                framed = self._is_outlet(recipient) or not self.text[
                    hi : self.sents[k].end_char].strip(_CLOSING_PUNCT + " \n\"”’")
            if vc.quote_only:  # the quote is its own: same sentence, no "continued to …"
                framed = not any(c.dep_ == "xcomp" for c in children) and (
                    q_after is not None or (q_before is not None
                                            and q_before.start >= sent.start_char))
            if not framed:
                return
            cue = f"{vc.lemma} {particle}" if particle else vc.lemma

        resolved = self._resolve(sp, subj, k) if subj is not None else (sp, None)
        if resolved is None:
            if not passive:
                return
            resolved = (NO_SPEAKER, None)
        sp, ante = resolved
        if passive and subj is None:
            sp, ante = NO_SPEAKER, None
        self.handled.add(t.i)
        d = self._draft(lo, hi, sp, cue, t.i, k, ante)
        if recipient is not None:
            name = outlet_named(" ".join(x.text for x in phrase_tokens(recipient)))
            if name is not None:
                d.via, d.via_explicit = name, True

        # content
        parts = clause + content_deps
        if clause and sp.kind == "media":
            # "Reuters reported that X was ready …, but would refuse …": an outlet does not
            # refuse; a subjectless conjunct with a modal continues the reported clause (the
            # parser hangs it on the cue verb). With a person speaker it may be their own act.
            parts += [c for c in children if c.dep_ == "conj" and c.i > clause[-1].i
                      and any(g.dep_ == "aux" and g.tag_ == "MD" for g in c.children)
                      and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
        c_lo: int | None = None
        c_hi: int | None = None
        if parts:
            c_lo, c_hi = self._span([x for c in parts for x in c.subtree])
        for q in (q_before, q_after):
            if q is not None:
                c_lo = q.start if c_lo is None else min(c_lo, q.start)
                c_hi = q.end if c_hi is None else max(c_hi, q.end)
        if c_lo is None and vc is not None and as_frame:  # "as X put it, <content>"
            inner = {x.i for x in t.subtree}
            rest = [x for x in t.head.subtree if x.i not in inner and not x.is_punct]
            if rest:
                c_lo, c_hi = self._span(rest)
        if c_lo is None:
            c_lo, c_hi = self._rest_of_sentence(sent, lo, hi)
        if q_before is not None:  # split quote: '"…," he said, "…"'
            q_next = self._quote_after(hi)
            if q_next is not None and c_hi is not None:
                c_hi = max(c_hi, q_next.end)
        self._set_content(d, c_lo, c_hi)
        only_object = parts and all(c.dep_ == "dobj" for c in parts) and not (q_before or q_after)
        if only_object or sp.text is None:
            d.direct = False

    def _framing_particle(self, t: Token, c: Token, vc: VerbCue) -> bool:
        """``c`` is the verb's particle: "call for"; "call on" only right after the verb."""
        if c.dep_ not in ("prep", "prt") or c.lower_ not in vc.particles:
            return False
        if any(g.ent_type_ in ("DATE", "TIME") for g in c.children):
            return False  # "called her on Tuesday"
        return bool(c.lower_ == vc.particle or c.i == t.i + 1 or vc.far)

    def _naming_frame(self, t: Token, children: list[Token]) -> bool:
        """"X called the plan a disaster", "called it \"reckless\"": an object and what it is called."""
        if not any(c.dep_ in ("dobj", "oprd") for c in children) or any(
                c.dep_ == "dobj" and c.lower_ in _RELATIVE | {"what"} for c in children):
            return False  # "what he called X" names a phrase of the writer's sentence
        if any(c.dep_ == "oprd" for c in children):
            return True
        end = max(x.idx + len(x) for x in t.subtree)
        return bool(self.quotes.within(t.idx + len(t), end))

    def _speech_frame(self, t: Token, subj: Token, children: list[Token], vc: VerbCue | None) -> bool:
        """A verb of saying with a reported clause or quote: any noun subject is its speaker.

        "environmentalists worry that …", "the fund warned that …", "“…,” my father often
        said". Not for verbs of evidence ("the attack showed that …"), whose subject may be
        an event, nor for unlisted verbs.
        """
        if vc is None or vc.lemma in self.lex.evidence_verbs or subj.pos_ not in ("NOUN", "PROPN") \
                or not (subj.head.i == t.i or (t.dep_ == "conj" and subj.head.i == t.head.i)):
            return False  # the verb's own subject (or its conjunct's), not another clause's
        if any(c.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass", "mark") for g in c.children)
               for c in children):
            return True
        lo = min(subj.left_edge.idx, t.idx)
        return (self._quote_before(lo) is not None
                or self._quote_after(t.idx + len(t)) is not None)

    def _proform(self, t: Token, children: list[Token]) -> Token | None:
        """An object standing for a statement: "said the same", "said as much", "said so"."""
        for c in children:
            if c.dep_ == "dobj" and c.i > t.i and (c.lemma_.lower() in self.lex.proform_objects or any(
                    g.dep_ == "amod" and g.lower_ == "same" for g in c.children)):
                return c
            if c.dep_ == "advmod" and c.i == t.i + 1 and c.lower_ in self.lex.proform_objects \
                    and c.i + 1 < len(self.doc) and self.doc[c.i + 1].is_punct:
                return c
        return None

    @staticmethod
    def _as_clause(t: Token, children: list[Token]) -> bool:
        """"as one aide put it", "as she noted": a comment clause on the sentence it modifies."""
        if t.dep_ != "advcl" or t.head.pos_ not in ("VERB", "AUX"):
            return False
        if not any(c.dep_ == "mark" and c.lower_ == "as" for c in children):
            return False
        return all(c.lower_ == "it" for c in children if c.dep_ in ("dobj", "ccomp", "xcomp"))

    @staticmethod
    def _described(subj: Token) -> bool:
        """"those close to him", "those who attended": a demonstrative with a description."""
        return subj.lower_ in ("those", "these") and any(
            c.dep_ in ("amod", "acl", "relcl", "prep") for c in subj.children)

    def _inside_cue(self, t: Token) -> bool:
        """Whether ``t`` sits in the clause or quote another cue reports ("said he thinks")."""
        if self.quotes.inside(t.idx):
            return True
        v = t
        for _ in range(4):
            if v.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "parataxis") or v.head.i == v.i:
                return False
            # "he proposed it, but analysts agreed ...": a clause of its own, unless that
            # clause is itself reported ("stated that …, and that they believed …")
            own = v.dep_ == "conj" and any(c.dep_ == "nsubj" for c in v.children)
            v = v.head
            if not own and v.pos_ in ("VERB", "AUX") and self.lex.verb(v.lemma_.lower()):
                return True
        return False

    def _content_child(self, c: Token, vc: VerbCue | None) -> bool:
        if vc is None:
            return False
        if c.dep_ == "dobj" and vc.object == "content":
            return True
        if c.dep_ == "xcomp" and c.tag_ == "VBG" and vc.object == "content":
            return True  # "proposed dropping the tax", "denied having a role"
        if c.dep_ == "xcomp" and (vc.object != "recipient" or vc.to_clause) and any(
                g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            return True
        if c.dep_ == "prep" and (c.lower_ in vc.particles or c.lower_ == "as") and any(
                g.dep_ in ("pobj", "pcomp") for g in c.children):
            return True  # "spoke of …", "pointed to …", "described it as …"
        if c.dep_ == "prep" and c.lower_ in vc.content_preps:
            return any(g.dep_ in ("pobj", "pcomp") for g in c.children)
        return bool(c.dep_ == "oprd")

    def _subject(self, t: Token) -> tuple[Token | None, bool]:
        """The subject of a cue verb, following conjunctions and participles; (token, passive)."""
        v = t
        for _ in range(4):
            subjects = [c for c in v.children
                        if c.dep_ == "nsubj" and not self.quotes.inside(c.idx)]
            if subjects:
                before = [c for c in subjects if c.i < v.i]
                c = before[-1] if before else subjects[0]
                if c.lower_ in _RELATIVE and v.dep_ == "relcl":
                    return v.head, False
                return c, False
            if any(c.dep_ == "nsubjpass" for c in v.children):
                for c in v.children:
                    if c.dep_ == "agent":
                        p = next((g for g in c.children if g.dep_ == "pobj"), None)
                        if p is not None:
                            return p, False
                return None, True
            if any(c.dep_ == "auxpass" for c in v.children):
                return None, True
            if v.dep_ == "acl" and v.tag_ == "VBG" and v.head.pos_ in ("NOUN", "PROPN"):
                return v.head, False
            left = self._left_subject(v)
            if left is not None:
                return left, False
            if v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX"):
                if any(c.dep_ == "aux" and c.tag_ == "MD" for c in v.children):
                    return None, False  # "... and would insist": reported content, not a cue
                v = v.head
                continue
            if v.head.pos_ in ("VERB", "AUX") and (
                    (v.dep_ == "advcl" and v.tag_ == "VBG") or v.dep_ == "xcomp"):
                v = v.head
                continue
            if v.dep_ == "pcomp" and v.tag_ == "VBG" and v.head.dep_ == "prep" \
                    and v.head.head.pos_ in ("VERB", "AUX"):
                v = v.head.head  # "began by saying", "criticised for saying"
                continue
            break
        return None, False

    def _left_subject(self, t: Token) -> Token | None:
        """No parsed subject: the noun phrase right before the verb ("…, X told Reuters").

        Used when the parser attached the real subject elsewhere (as an apposition or
        a conjunct of an earlier object). Climbs from the word before the verb through
        modifiers and relative clauses, stopping at a clause or conjunct boundary.
        """
        doc = self.doc
        sent_start = self.sents[self.sent_of[t.i]].start
        i = t.i - 1
        while i >= sent_start and (doc[i].dep_ in ("aux", "advmod", "neg") or doc[i].pos_ == "AUX"):
            i -= 1
        if i >= sent_start and doc[i].text == ")":
            while i >= sent_start and doc[i].text != "(":
                i -= 1
            i -= 1
        if i < sent_start:
            return None
        tok = first = doc[i]
        if tok.pos_ not in ("NOUN", "PROPN", "PRON") or self.quotes.inside(tok.idx):
            return None
        while (tok.dep_ not in _LEFT_STOP and sent_start <= tok.head.i < t.i
               and tok.head.i != tok.i):
            tok = tok.head
        if tok.dep_ == "prep" and tok.head.i == t.i and first.pos_ == "PROPN" \
                and first.dep_ == "pobj":
            # "In a meeting with the board Trump said": the name closing the opening
            # phrase is the verb's missing subject
            return first
        if tok.pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return subj
        return tok

    def _recipient(self, t: Token, children: list[Token], vc: VerbCue | None) -> Token | None:
        """Whom the statement was made to, when that is an outlet or an addressee."""
        for c in children:
            if c.dep_ in ("dobj", "dative") and vc is not None and vc.recipient:
                return c
        for c in children:
            if c.dep_ == "prep" and c.lower_ in ("to", "with"):
                p = next((g for g in c.children if g.dep_ == "pobj"), None)
                if p is not None and self._is_outlet(p):
                    return p
            if c.dep_ == "prep" and c.lower_ == "in":
                for p in c.children:
                    if p.dep_ == "pobj" and p.lemma_ == "interview":
                        for w in p.children:
                            if w.dep_ == "prep" and w.lower_ == "with":
                                o = next((g for g in w.children if g.dep_ == "pobj"), None)
                                if o is not None and self._is_outlet(o):
                                    return o
        return None

    def _is_outlet(self, tok: Token) -> bool:
        words = " ".join(x.text for x in phrase_tokens(tok))
        return outlet_named(words) is not None

    # ------------------------------------------------------------------ citation chains

    def _citation(self, t: Token, k: int, sent: Span, children: list[Token]) -> bool:
        """"X cited Y as saying …", "X reported, citing Y": Y speaks, through X."""
        as_saying = None
        for c in children:
            if c.dep_ == "prep" and c.lower_ == "as":
                as_saying = next((g for g in c.children if g.dep_ == "pcomp" and g.tag_ == "VBG"
                                  and self.lex.verb(g.lemma_.lower()) is not None), None)
        obj = next((c for c in children if c.dep_ == "dobj"), None)
        passive_subj = next((c for c in children if c.dep_ == "nsubjpass"), None)
        cited = obj if obj is not None else passive_subj
        if cited is None or not speaker_like(cited):
            return False
        sp = classify(cited, phrase_tokens(cited))
        resolved = self._resolve(sp, cited, k)
        if resolved is None:
            return False
        sp, ante = resolved
        # the citing party (the outlet) is the subject, or the agent of a passive
        subj, _ = self._subject(t)
        via: str | None = None
        if subj is not None and subj.i != cited.i:
            s_sp = classify(subj)
            r = self._resolve(s_sp, subj, k)
            if r is not None:
                s_sp = r[0]
            if s_sp.kind == "media":
                via = s_sp.canonical
        if as_saying is not None:
            cue = self.lex.verb(as_saying.lemma_.lower())
            toks = [t, as_saying, *([subj] if subj is not None and subj.i < t.i else [])]
            lo, hi = self._span(toks)
            lo, hi = min(lo, sp.start), max(hi, sp.end)
            d = self._draft(lo, hi, sp, cue.cue if cue else "say", t.i, k, ante)
            self.handled.update({t.i, as_saying.i})
            rest = [x for x in as_saying.subtree if x.i != as_saying.i]
            if rest:
                c_lo, c_hi = self._span(rest)
                q = self._quote_after(as_saying.idx + len(as_saying))
                if q is not None:
                    c_hi = max(c_hi, q.end)
                self._set_content(d, c_lo, c_hi)
        else:
            lo, hi = min(t.idx, sp.start), max(t.idx + len(t), sp.end)
            d = self._draft(lo, hi, sp, "cite", t.i, k, ante)
            self.handled.add(t.i)
            host = t.head if t.dep_ in ("advcl", "xcomp", "conj") else None
            clause = [c for c in host.children if c.dep_ == "ccomp"] if host is not None else []
            if clause:
                self._set_content(d, *self._span([x for c in clause for x in c.subtree]))
            else:
                self._set_content(d, *self._rest_of_sentence(sent, lo, hi))
        if via is not None:
            d.via, d.via_explicit = via, True
        return True

    # ------------------------------------------------------------------ tagged cues

    def _tagged_cues(self, k: int, sent: Span, before: int) -> None:
        """Cues the trained tagger marked and no rule found become attributions.

        The speaker (``_tagged_source``) is resolved like a rule speaker, the content
        comes from the parse where it can (``_tagged_content``), and a recipient
        outlet ("told Reuters") gives the via, as for rule cues.
        """
        spans = self.tagged[k]
        doc = self.doc
        for cue in (t for t in spans if t.role == "CUE"):
            if cue.confidence < self.min_confidence:
                continue
            c_lo, c_hi = self._span(list(doc[cue.start : cue.end]))
            drafts = self.ctx.drafts[before:]
            if any(d.start < c_hi and c_lo < d.end for d in drafts) or any(
                    cue.start <= d.cue_i < cue.end for d in self.ctx.drafts[before:]):
                continue
            root = doc[cue.start : cue.end].root
            head, tokens = self._tagged_source(spans, cue, root)
            if head is not None and not any(x.is_alpha for x in tokens):
                head = None
            sp: Speaker = NO_SPEAKER
            ante: Draft | None = None
            if head is not None:
                sp = classify(head, tokens)
                resolved = self._resolve(sp, head, k)
                if resolved is not None:
                    sp, ante = resolved
            lo, hi = c_lo, c_hi
            if sp.text is not None and max(hi, sp.end) - min(lo, sp.start) <= 320:
                lo, hi = min(lo, sp.start), max(hi, sp.end)
            elif sp.text is not None:
                sp, ante = NO_SPEAKER, None
            lemma = " ".join(t.lemma_.lower() for t in doc[cue.start : cue.end] if not t.is_punct)
            d = self._draft(lo, hi, sp, lemma or root.lemma_.lower(), root.i, k, ante)
            d.component, d.confidence = "trained", cue.confidence
            recipient = self._recipient(root, list(root.children), self.lex.verb(root.lemma_.lower()))
            if recipient is not None:
                name = outlet_named(" ".join(x.text for x in phrase_tokens(recipient)))
                if name is not None:
                    d.via, d.via_explicit = name, True
            self._set_content(d, *self._tagged_content(spans, cue, root, sent, lo, hi))

    def _tagged_source(self, spans: list[Tagged], cue: Tagged,
                       root: Token) -> tuple[Token | None, list[Token]]:
        """The speaker of a tagged cue: a tagged Source that is the verb's subject or next to
        the cue; else the parsed subject; else the nearest tagged Source in the sentence."""
        doc = self.doc
        subj, _ = self._subject(root) if root.pos_ in ("VERB", "AUX") else (None, False)
        near = self._nearest(spans, "SOURCE", cue)
        if near is not None:
            gap = cue.start - near.end if near.end <= cue.start else near.start - cue.end
            holds_subject = subj is not None and near.start <= subj.i < near.end
            if holds_subject or gap <= 3 or subj is None:
                return doc[near.start : near.end].root, list(doc[near.start : near.end])
        if subj is not None:
            return subj, phrase_tokens(subj)
        return None, []

    def _tagged_content(self, spans: list[Tagged], cue: Tagged, root: Token, sent: Span,
                        lo: int, hi: int) -> tuple[int, int]:
        """What a tagged cue attributes: the verb's clause complement or an adjacent quote
        (as for rule cues), else the tagger's nearest Content span, else the rest of the sentence."""
        clause = [c for c in root.children if c.dep_ in self.lex.clause_deps]
        if clause:
            return self._span([x for c in clause for x in c.subtree])
        for q in (self._quote_before(lo), self._quote_after(hi)):
            if q is not None:
                return q.start, q.end
        content = self._nearest(spans, "CONTENT", cue)
        if content is not None:
            return self._span(list(self.doc[content.start : content.end]))
        return self._rest_of_sentence(sent, lo, hi)

    @staticmethod
    def _nearest(spans: list[Tagged], role: str, cue: Tagged) -> Tagged | None:
        """The ``role`` span closest to the cue in tokens (ties: the one before it)."""
        best: Tagged | None = None
        gap = 10**9
        for t in spans:
            if t.role != role:
                continue
            g = cue.start - t.end if t.end <= cue.start else t.start - cue.end
            if g < gap:
                best, gap = t, g
        return best

    # ------------------------------------------------------------------ settling

    def _settle_sentence(self, k: int, before: int) -> None:
        drafts = self.ctx.drafts[before:]
        markers = [m for m in self.markers if m[0] == k]
        for _, para, m_lo, m_hi, name in markers:
            targets = [d for d in drafts if d.via is None and d.speaker.kind != "media"]
            if not targets and not self.text[self.sents[k].start_char : m_lo].strip(_GAP_CHARS):
                # "…,” | according to TASS." split off by the sentence splitter
                targets = [d for d in self.ctx.drafts[:before] if d.sent_index == k - 1
                           and d.para_index == para and d.via is None
                           and d.speaker.kind != "media"]
            for d in targets:
                d.via, d.via_explicit = name, True
            if targets:
                near = min(targets, key=lambda d: abs(m_lo - d.end))
                if 0 <= m_lo - near.end <= 3 and not self.text[near.end : m_lo].strip(_GAP_CHARS):
                    near.end = m_hi
            else:
                sent = self.sents[k]
                span = self.doc.char_span(m_lo, m_hi, alignment_mode="expand")
                if span is None:  # never: the marker was matched in the document's own text
                    continue
                sp = classify(span[-1])
                d = self._draft(m_lo, m_hi, sp, "according to", span.start, k)
                self._set_content(d, *self._rest_of_sentence(sent, m_lo, m_hi))
                drafts = self.ctx.drafts[before:]
        # an outlet reporting in this sentence relays the unnamed sources in it
        media = [d for d in drafts if d.speaker.kind == "media" and d.speaker.canonical]
        if media:
            for d in drafts:
                if d.via is None and d.speaker.kind != "media" and not d.speaker.named \
                        and d.speaker.role in ("source", "anaphor", "generic", "commentator"):
                    d.via, d.via_explicit = media[0].speaker.canonical, True
        for d in drafts:
            self.ctx.settle_via(d)

    def finish(self) -> list[Draft]:
        drafts = sorted(self.ctx.drafts, key=lambda d: (d.start, d.end))
        # an outlet named anywhere in a paragraph ("…, per TASS") relays the paragraph
        by_para: dict[int, str] = {}
        for _, para, _, _, name in self.markers:
            by_para.setdefault(para, name)
        for d in drafts:
            if d.via is None and d.speaker.kind != "media" and d.para_index in by_para \
                    and d.speaker.role not in ("source", "commentator", "generic", "group"):
                d.via = by_para[d.para_index]
        self._extend_quote_paragraphs(drafts)
        self._channels(drafts)
        seen: set[tuple[int, int, str]] = set()
        out: list[Draft] = []
        for d in drafts:
            key = (d.start, d.end, d.cue)
            if key not in seen:
                seen.add(key)
                out.append(d)
        return out

    def _channels(self, drafts: list[Draft]) -> None:
        """The channel named in each cue's own frame, then carried to the speaker's later
        statements (``channels``)."""
        for d in drafts:
            if d.via is not None or d.speaker.kind == "media" or not 0 <= d.cue_i < len(self.doc):
                continue
            lo = d.content_start if d.content_start is not None else -1
            hi = d.content_end if d.content_end is not None else -1
            t = self.doc[d.cue_i]
            sp = d.speaker
            content = {x.i for x in t.subtree if lo <= x.idx < hi or sp.start <= x.idx < sp.end}
            name, occasion = find_channel(t, content)
            if name:
                d.via, d.via_explicit = name, True
            d.new_occasion = occasion
        carry_forward(drafts)

    def _said(self, d: Draft) -> bool:
        """Whether a draft's cue is a listed verb of saying (not "according to", not a noun)."""
        t = self.doc[d.cue_i]
        return t.pos_ in ("VERB", "AUX") and self.lex.verb(t.lemma_.lower()) is not None

    def _extend_quote_paragraphs(self, drafts: list[Draft]) -> None:
        """A quote with no cue continues the speaker just before it (no new attribution).

        The speaker before is direct speech, or reported speech with a verb of saying
        ("…, they added." then a paragraph "“So yes, we …”")."""
        by_sent = {d.sent_index: d for d in drafts}
        last: Draft | None = None
        for k, sent in enumerate(self.sents):
            if k in by_sent:
                last = by_sent[k]
                continue
            if last is None or last.content_end is None or (
                    last.direct is False and not self._said(last)):
                continue
            end = last.content_end
            first = sent[0]
            q = self.quotes.at(first.idx + 1) if first.text in "“\"‘'" else None
            if q is None or q.start != first.idx or self.para_of(sent.start_char) - self.para_of(
                    end) > 1:
                last = None
                continue
            last.content_end = max(end, min(q.end, sent.end_char))
