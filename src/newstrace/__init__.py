"""newstrace: a sourced, dated record of who signalled what, when, according to whom.

    >>> import newstrace
    >>> store = newstrace.open("newstrace.db")
    >>> store.ingest(["articles/"])
    >>> store.timeline(actor="Vladimir Putin").to_frame()
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from newstrace.app.workspace import Workspace


def _knowledge(knowledge: Sequence[str | Path] | str | Path | None, packs: str | None) -> None:
    """Switch the process to these knowledge folders / packs when the caller names any."""
    if knowledge is None and packs is None:
        return
    from newstrace.knowledge import configure

    dirs = [knowledge] if isinstance(knowledge, str | Path) else knowledge
    configure(dirs=dirs, packs=packs)


def open(path: str | Path = "newstrace.db", *,
         knowledge: Sequence[str | Path] | str | Path | None = None,
         packs: str | None = None) -> Workspace:
    """Open (or create) a newstrace store, with the ingest and link services: a SQLite
    file path, or a ``postgresql://user@host/db`` URL of a database on a PostgreSQL
    server (created empty by its owner; see docs/scale.md).

    ``knowledge``: folder(s) of your own actors, outlets and topics (see
    docs/knowledge.md); ``packs``: packaged packs, "all" (default) or "none". Both
    apply to the whole process, as the CLI's ``--knowledge`` and ``--packs`` do.
    """
    from newstrace.app.workspace import Workspace

    _knowledge(knowledge, packs)

    return Workspace(path)


def extract_documents(paths: list[str | Path], *, model: str | None = None,
                      knowledge: Sequence[str | Path] | str | Path | None = None,
                      packs: str | None = None) -> list[dict[str, object]]:
    """Run the pipeline without a store; one output-contract dict per document.

    Named apart from the ``newstrace.extract`` package: once that package is imported
    (as any ingest does) the attribute ``newstrace.extract`` is the package, not a function.
    ``knowledge`` and ``packs`` as for ``open``.
    """
    from newstrace import pipeline
    from newstrace.contract import document_contract
    from newstrace.ingest import read_paths
    from newstrace.records import ExtractedDocument

    _knowledge(knowledge, packs)
    return [
        document_contract(item)
        for item in pipeline.run(read_paths(paths), model=model)
        if isinstance(item, ExtractedDocument)
    ]


def extract(paths: list[str | Path], *, model: str | None = None) -> list[dict[str, object]]:
    """Older name of ``extract_documents`` (shadowed once ``newstrace.extract`` is imported)."""
    return extract_documents(paths, model=model)


__all__ = ["__version__", "extract", "extract_documents", "open"]
