"""link stage (over the store): canonical actors, whom each signal speaks for, copy groups, claims.

Names load on first use (PEP 562): importing one link module (say the stance lexicon)
must not import the actor linker, which pulls in spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newstrace.link.actors import link_actors
    from newstrace.link.copies import CopyGroup, CopyIndex, CopyInput, find_copies
    from newstrace.link.copy_groups import link_copies

_WHERE = {
    "link_actors": "newstrace.link.actors", "CopyGroup": "newstrace.link.copies",
    "CopyIndex": "newstrace.link.copies", "CopyInput": "newstrace.link.copies",
    "find_copies": "newstrace.link.copies", "link_copies": "newstrace.link.copy_groups",
}


def __getattr__(name: str) -> Any:
    import importlib

    if name not in _WHERE:
        raise AttributeError(name)
    return getattr(importlib.import_module(_WHERE[name]), name)


__all__ = ["CopyGroup", "CopyIndex", "CopyInput", "find_copies", "link_actors", "link_copies"]
