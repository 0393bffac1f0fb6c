"""Schemas of the knowledge tables: actors (``actors/*.toml``) and outlets (``outlets*.toml``).

A user's own knowledge folder uses the same layout and is checked by the same schemas.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from newstrace.knowledge.schemas.base import Table, Words

ActorKind = Literal["person", "organization", "government", "media", "group"]
OutletKind = Literal[
    "wire", "newspaper", "broadcaster", "state_media", "aggregator", "magazine", "online"
]


class Actor(Table):
    canonical: Annotated[str, Field(min_length=1)]
    kind: ActorKind = "person"
    aliases: Words = []
    titles: Words = []
    #: Wikidata item
    qid: Annotated[str, Field(pattern=r"^Q\d+$")] | None = None
    #: the actor this one speaks for (Peskov -> Kremlin -> Russia)
    parent: str | None = None
    affiliation: str | None = None
    gender: Literal["m", "f"] | None = None


class Actors(Table):
    """``actors/*.toml``."""

    actor: list[Actor] = []


class Outlet(Table):
    name: Annotated[str, Field(min_length=1)]
    aliases: Words = []
    domains: Words = []
    #: ISO 3166 alpha-2 (user-assigned codes such as XA for invented countries)
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None
    kind: OutletKind = "newspaper"


class Outlets(Table):
    """``outlets.toml`` and ``outlets_*.toml``."""

    outlet: list[Outlet] = []
