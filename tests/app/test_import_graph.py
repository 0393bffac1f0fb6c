"""The store persists and queries only: it imports no stage that runs before or after it."""

from __future__ import annotations

import ast
from pathlib import Path

import newstrace

SRC = Path(newstrace.__file__).resolve().parent
FORBIDDEN = ("newstrace.pipeline", "newstrace.ingest", "newstrace.link", "newstrace.timeline",
             "newstrace.app", "newstrace.parallel")


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at the top, inside functions or under TYPE_CHECKING."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return out


def test_store_imports_no_pipeline_ingest_link_or_timeline() -> None:
    offenders = {
        f"{p.relative_to(SRC)} imports {m}"
        for p in (SRC / "store").rglob("*.py")
        for m in _imports(p)
        if m.startswith(FORBIDDEN) or m in ("newstrace.pipeline",)
    }
    assert offenders == set()


def test_the_graph_check_sees_imports_inside_functions(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from newstrace.timeline import build_timeline\n", "utf-8")
    assert "newstrace.timeline" in _imports(probe)


def test_opening_a_store_does_not_import_the_stages() -> None:
    import subprocess
    import sys

    code = ("import sys, tempfile, pathlib, newstrace\n"
            "s = newstrace.open(pathlib.Path(tempfile.mkdtemp()) / 's.db')\n"
            "s.documents(); s.signals(); s.claims()\n"
            "bad = [m for m in ('spacy', 'torch', 'newstrace.pipeline', 'newstrace.link.claim_build')"
            " if m in sys.modules]\n"
            "print(','.join(bad))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_stance_lexicon_and_stance_import_neither_spacy_nor_torch() -> None:
    import subprocess
    import sys

    code = ("import sys\n"
            "import newstrace.link.stance_lexicon as lex, newstrace.link.stance\n"
            "assert 'the' in lex.stop_words() and 'ceasefire' not in lex.stop_words()\n"
            "print(','.join(m for m in ('spacy', 'torch', 'thinc') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
