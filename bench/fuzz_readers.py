"""Coverage-guided fuzzing of the readers with atheris (libFuzzer), for N inputs.

Each input is split by its first byte into one target: raw bytes through
``decode_input``; a file of any supported kind (plain, HTML, JSONL, gzip)
through ``read_paths``; JSONL lines straight into the line reader; a folder
with a ``metadata.jsonl`` sidecar; date strings; and HTML through the depth
flattener. The only acceptable outcomes are a document or a numbered
``Rejected`` (``NewstraceError`` for ``decode_input``); any other exception is
a crash that libFuzzer reports with the input that caused it (and stops).
libFuzzer's closing "Done N runs" line is the count of inputs run.

    .venv/bin/python bench/fuzz_readers.py -runs=10000 [-max_len=4096] [corpus_dir]
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from newstrace.clean.html_depth import flatten_deep
    from newstrace.date.parse import parse_date_string, parse_in
    from newstrace.errors import NewstraceError
    from newstrace.ingest import read_paths
    from newstrace.ingest.decode import decode_input
    from newstrace.ingest.readers import _read_jsonl
    from newstrace.records import RawDocument, Rejected

WORK = Path(tempfile.gettempdir()) / "newstrace-fuzz-readers"
SUFFIXES = (".txt", ".html", ".jsonl", ".txt.gz", ".html.gz", "")


def _check(items: list[RawDocument | Rejected]) -> None:
    for item in items:
        if not isinstance(item, RawDocument | Rejected):
            raise AssertionError(f"reader yielded {type(item).__name__}")
        item.name.encode("utf-8")
        if isinstance(item, RawDocument):
            item.text.encode("utf-8")
            json.dumps(item.extra, ensure_ascii=False).encode("utf-8")


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    target = fdp.ConsumeIntInRange(0, 5)
    if target == 0:
        with contextlib.suppress(NewstraceError):
            decode_input(fdp.ConsumeBytes(fdp.remaining_bytes()))
    elif target == 1:
        suffix = SUFFIXES[fdp.ConsumeIntInRange(0, len(SUFFIXES) - 1)]
        path = WORK / f"input{suffix}"
        path.write_bytes(fdp.ConsumeBytes(fdp.remaining_bytes()))
        _check(list(read_paths([path], max_bytes=64 * 1024)))
        path.unlink()
    elif target == 2:
        text = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes()) if fdp.ConsumeBool() \
            else fdp.ConsumeUnicode(fdp.remaining_bytes())
        _check(list(_read_jsonl(WORK / "lines.jsonl", text)))
    elif target == 3:
        folder = WORK / "folder"
        folder.mkdir(exist_ok=True)
        (folder / "a.txt").write_text("Minister Ola Brenn said the talks would resume.\n", "utf-8")
        (folder / "metadata.jsonl").write_bytes(fdp.ConsumeBytes(fdp.remaining_bytes()))
        items = list(read_paths([folder]))
        _check(items)
        if sum(isinstance(i, RawDocument) for i in items) != 1:
            raise AssertionError("the article next to a bad sidecar was lost")
    elif target == 4:
        text = fdp.ConsumeUnicode(fdp.remaining_bytes())
        parse_date_string(text)
        parse_in(text)
    else:
        html = fdp.ConsumeUnicode(fdp.remaining_bytes())
        flat = flatten_deep(html, limit=fdp.ConsumeIntInRange(1, 50) if fdp.remaining_bytes() else 10)
        if not isinstance(flat, str):
            raise AssertionError("flatten_deep returned no text")


def main() -> None:
    shutil.rmtree(WORK, ignore_errors=True)  # libFuzzer exits without cleaning up
    WORK.mkdir()
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
