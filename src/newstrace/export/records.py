"""The store's documents, attributions, signals and claims as flat records: JSONL, CSV, Parquet.

Each table is the typed rows of the Python API (``Store.documents()`` …), flattened
one level: lists and dicts become JSON text in CSV, native lists/structs in
Parquet (through pyarrow), plain JSON in JSONL. A claim's members and answers are
kept nested (JSON in CSV) so one row stays one claim.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from newstrace.safe_text import cell, dumps

if TYPE_CHECKING:
    from newstrace.store.database import Store

TABLES = ("documents", "attributions", "signals", "claims")
Tick = Callable[[int, int], None]


def table_rows(store: Store, table: str) -> list[dict[str, Any]]:
    """One table as dicts (the same fields as the typed rows of the Python API)."""
    if table == "documents":
        return store.documents().to_dicts()
    if table == "attributions":
        return store.attributions().to_dicts()
    if table == "signals":
        return store.signals().to_dicts()
    if table == "claims":
        return [c.to_dict() for c in store.claims()]
    raise ValueError(f"unknown table {table}")


def _flat(value: Any) -> Any:
    """A CSV cell: lists and objects as JSON, text made spreadsheet- and terminal-safe."""
    if isinstance(value, list | dict):
        return cell(dumps(value))
    return cell(value)


def write_jsonl(rows: Iterable[dict[str, Any]], out: IO[str], *, table: str, tick: Callable[[], None]) -> int:
    n = 0
    for row in rows:
        out.write(dumps({"table": table, **row}) + "\n")
        n += 1
        tick()
    return n


def write_csv(rows: list[dict[str, Any]], out: IO[str], *, tick: Callable[[], None]) -> int:
    columns = list(dict.fromkeys(k for r in rows for k in r))
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _flat(v) for k, v in row.items()})
        tick()
    return len(rows)


def write_parquet(rows: list[dict[str, Any]], path: Path, *, tick: Callable[[], None]) -> int:
    """Nested fields stay nested (lists, structs); a column mixing types becomes text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = list(dict.fromkeys(k for r in rows for k in r))
    arrays = {}
    for name in columns:
        values = [r.get(name) for r in rows]
        try:
            arrays[name] = pa.array(values)
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # e.g. direct: true / false / "mixed"
            arrays[name] = pa.array([None if v is None else str(_flat(v)) for v in values])
    pq.write_table(pa.table(arrays), path)
    for _ in rows:
        tick()
    return len(rows)


def export_tables(store: Store, fmt: str, *, tables: Iterable[str] = TABLES, out: Path | None,
                  stdout: IO[str], progress: Tick | None = None) -> dict[str, int]:
    """Write each table; CSV and Parquet need a folder (one file per table), JSONL may go to stdout."""
    data = {t: table_rows(store, t) for t in tables}
    total = sum(len(rows) for rows in data.values())
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress and (done % 200 == 0 or done == total):
            progress(done, total)

    if progress:
        progress(0, total)
    counts: dict[str, int] = {}
    if fmt == "jsonl" and (out is None or out.suffix == ".jsonl"):
        handle = stdout if out is None else out.open("w", encoding="utf-8")
        try:
            for t, rows in data.items():
                counts[t] = write_jsonl(rows, handle, table=t, tick=tick)
        finally:
            if out is not None:
                handle.close()
        return counts
    assert out is not None
    out.mkdir(parents=True, exist_ok=True)
    for t, rows in data.items():
        if fmt == "parquet":
            counts[t] = write_parquet(rows, out / f"{t}.parquet", tick=tick)
        else:
            with (out / f"{t}.{fmt}").open("w", encoding="utf-8", newline="") as fh:
                counts[t] = (write_csv(rows, fh, tick=tick) if fmt == "csv"
                             else write_jsonl(rows, fh, table=t, tick=tick))
    return counts


def iter_tables(store: Store) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    for t in TABLES:
        yield t, table_rows(store, t)
