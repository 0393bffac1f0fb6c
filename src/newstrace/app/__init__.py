"""Application layer above the store: the ingest, reprocess and link services.

Names load on first use (PEP 562), so importing the package pulls in neither
spaCy nor the pipeline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newstrace.app.workspace import Workspace

_WHERE = {"Workspace": "newstrace.app.workspace"}


def __getattr__(name: str) -> Any:
    import importlib

    if name not in _WHERE:
        raise AttributeError(name)
    return getattr(importlib.import_module(_WHERE[name]), name)


__all__ = ["Workspace"]
