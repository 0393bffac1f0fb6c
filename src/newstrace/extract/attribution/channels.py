"""The channel of a statement (`via`), found in the cue's own phrase and carried forward.

The gold Conventions: ``via`` is the outlet or channel through which a statement
reaches the reader ("told Reuters", "in an interview with Ukrinform", "wrote on
Telegram"), and it carries forward to the same speaker's later statements that
continue the same interview, post or report ("he added"). The rules already
take an outlet that is the verb's recipient; this module adds the channel
named in a prepositional frame of the cue, platforms, and the carry-forward.
Hand-written: no library reads channels off a dependency parse. Word lists are
data (``data/extract/en/channels.toml``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from newstrace.extract.attribution.context import Draft
from newstrace.knowledge import outlets
from newstrace.knowledge.datafiles import load_toml


@dataclass(frozen=True, slots=True)
class ChannelWords:
    platforms: dict[str, str]  # word -> platform name
    verb_platforms: dict[str, str]
    preps: frozenset[str]
    settings: frozenset[str]
    media_nouns: frozenset[str]
    new_occasion: frozenset[str]
    carry_cues: frozenset[str]
    carry_paragraphs: int


@functools.cache
def channel_words() -> ChannelWords:
    data = load_toml("extract/en/channels.toml")
    frames = data["frames"]
    return ChannelWords(
        platforms={w: name for name, words in data["platforms"].items() for w in words},
        verb_platforms=dict(data["verb_platforms"]),
        preps=frozenset(frames["preps"]),
        settings=frozenset(frames["settings"]),
        media_nouns=frozenset(frames["media_nouns"]),
        new_occasion=frozenset(frames["new_occasion"]),
        carry_cues=frozenset(data["carry"]["cues"]),
        carry_paragraphs=int(data["carry"]["paragraphs"]),
    )


def outlet_named(phrase: str) -> str | None:
    """The registered outlet a phrase names: exactly, else the first one it contains."""
    known = outlets().lookup(phrase)
    if known is None:
        found = outlets().find_all(phrase)
        known = found[0][2] if found else None
    return known.name if known is not None else None


def _phrase(tok: Token) -> str:
    """The name phrase of ``tok``: its compounds and modifiers, without articles or possessives."""
    words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det", "poss", "case", "punct")]
    return " ".join(t.text for t in words).strip()


def _name(tok: Token, words: ChannelWords) -> str | None:
    """A channel named by the noun ``tok``: a known outlet, a platform, an organisation
    entity, or a media noun phrase ("Polish media")."""
    phrase = _phrase(tok)
    if not phrase:
        return None
    known = outlet_named(phrase)
    if known is not None:
        return known
    lower = phrase.lower()
    if lower in words.platforms:
        return words.platforms[lower]
    if tok.lower_ in words.platforms and tok.pos_ == "PROPN":
        return words.platforms[tok.lower_]
    if tok.ent_type_ == "ORG" and tok.pos_ == "PROPN":
        return phrase
    if (tok.lemma_.lower() in words.media_nouns or tok.lower_ in words.media_nouns) and any(
            c.dep_ in ("amod", "compound") for c in tok.children):
        return phrase
    return None


def _objects(tok: Token, preps: frozenset[str]) -> Iterable[Token]:
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            yield from (g for g in c.children if g.dep_ == "pobj")


def _setting_channel(setting: Token, words: ChannelWords) -> str | None:
    """The channel of a setting noun: "Fox News interview", "his Twitter account",
    "an interview with CNN", "an interview that aired on MSNBC"."""
    for c in setting.children:
        if c.dep_ in ("compound", "amod", "nmod", "poss") and c.i < setting.i:
            name = _name(c, words)
            if name:
                return name
    for t in setting.subtree:
        if t.dep_ == "pobj" and t.head.lower_ in words.preps | {"of"} and t.i > setting.i:
            name = _name(t, words)
            if name:
                return name
    return None


def find_channel(cue: Token, content: set[int]) -> tuple[str | None, bool]:
    """(channel, new occasion) for the cue token: the channel named in its own frame, and
    whether the frame names another occasion ("told reporters", "at a briefing").
    ``content`` holds the token indices of what is attributed and of the speaker phrase,
    which never name the channel."""
    words = channel_words()
    if cue.pos_ not in ("VERB", "AUX"):
        return None, False  # "according to X": X is the speaker, not a channel
    if cue.lemma_.lower() in words.verb_platforms:
        return words.verb_platforms[cue.lemma_.lower()], False
    occasion = False
    heads = [cue] + [c for c in cue.children if c.dep_ == "advcl" and c.tag_ == "VBG"]
    if cue.dep_ == "advcl" and cue.tag_ == "VBG":
        heads.append(cue.head)
    for head in heads:
        candidates = list(_objects(head, words.preps | {"at", "during"}))
        candidates += [c for c in head.children if c.dep_ in ("dobj", "dative")]
        for obj in candidates:
            if obj.i in content:
                continue
            lemma = obj.lemma_.lower()
            if lemma in words.new_occasion:
                occasion = True
            if lemma in words.settings:
                name = _setting_channel(obj, words)
                if name:
                    return name, False
                continue
            if obj.head.dep_ == "prep" and obj.head.lower_ not in words.preps:
                continue
            name = _name(obj, words)
            if name and (obj.dep_ != "dobj" or outlets().lookup(_phrase(obj)) is not None):
                return name, False
    return None, occasion


def _key(d: Draft) -> str | None:
    """Same speaker: by surname, so "Wilbur Ross" and a later "Ross" carry one channel."""
    sp = d.speaker
    if sp.canonical and sp.kind == "person":
        return sp.canonical.split()[-1].casefold()
    if sp.canonical:
        return sp.canonical.casefold()
    return None


def carry_forward(drafts: list[Draft]) -> None:
    """A speaker's explicit channel carries to their later statements until a new occasion."""
    words = channel_words()
    channel: dict[str, tuple[str, int] | None] = {}
    for d in drafts:
        key = _key(d)
        if key is None:
            continue
        if d.via_explicit and d.via:
            channel[key] = (d.via, d.para_index)
        elif d.new_occasion:
            channel[key] = None
        elif d.via is None and d.speaker.kind != "media" and d.cue in words.carry_cues:
            held = channel.get(key)
            if held is not None and d.para_index - held[1] <= words.carry_paragraphs:
                d.via = held[0]
