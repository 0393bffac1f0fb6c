"""Knowledge packs: packaged packs on by default, user folders added without editing the package."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newstrace
from newstrace.cli.app import app
from newstrace.errors import NewstraceError
from newstrace.knowledge import actors, configure, outlets, packaged_packs, topics
from newstrace.knowledge import packs as packs_mod

EXAMPLE = Path(__file__).resolve().parents[2] / "samples" / "knowledge"


@pytest.fixture(autouse=True)
def _fresh_knowledge(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(packs_mod.ENV_DIRS, raising=False)
    monkeypatch.delenv(packs_mod.ENV_PACKS, raising=False)
    packs_mod.reset()
    yield
    packs_mod.reset()


def _write(folder: Path, rel: str, text: str) -> Path:
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_packaged_pack_is_on_by_default_and_optional() -> None:
    assert "world" in packaged_packs()
    assert actors().find("Putin") is not None
    configure(packs="none")
    assert actors().find("Putin") is None
    configure(packs="sample_story")
    assert actors().find("Putin") is None and actors().get("Kaldoria") is not None
    with pytest.raises(NewstraceError) as exc:
        configure(packs="no_such_pack")
    assert exc.value.code == "E052"


def test_user_folder_adds_actors_outlets_and_topics() -> None:
    configure(dirs=[EXAMPLE])
    marrow = actors().find("the Veldrian trade minister")
    assert marrow is not None and marrow.canonical == "Ilse Marrow"
    assert actors().ancestors("Ilse Marrow") == ["Veldrian Trade Ministry", "Veldria"]
    assert actors().find("Putin") is not None  # packaged pack still on
    ledger = outlets().lookup("the Aubel Ledger")
    assert ledger is not None and ledger.country == "XA"
    assert outlets().lookup("Reuters") is not None
    assert [t.name for t in topics()] == ["tariffs"]


def test_user_entry_replaces_packaged_one_and_its_aliases_win(tmp_path: Path) -> None:
    _write(tmp_path, "actors/mine.toml", '[[actor]]\ncanonical = "Russia"\nkind = "government"\n'
           'aliases = ["Russia", "Moscow"]\nqid = "Q159"\n\n'
           '[[actor]]\ncanonical = "Moscow City Hall"\nkind = "government"\n'
           'aliases = ["Moscow City Hall", "the mayor\'s office"]\n')
    configure(dirs=[tmp_path])
    assert actors().lookup("the mayor's office").canonical == "Moscow City Hall"  # type: ignore[union-attr]
    assert actors().get("Russia").aliases == ("Russia", "Moscow")  # type: ignore[union-attr]


@pytest.mark.parametrize(("rel", "text", "code"), [
    ("actors/a.toml", '[[actor]]\ncanonical = "X"\nalias = ["X"]\n', "E053"),  # misspelt key
    ("actors/a.toml", '[[actor]]\ncanonical = "X"\nkind = "country"\n', "E054"),
    ("actors/a.toml", '[[actor]]\nkind = "person"\n', "E053"),  # no canonical
    ("actors/a.toml", '[[actors]]\ncanonical = "X"\n', "E053"),  # wrong table
    ("actors/a.toml", '[[actor]]\ncanonical = "X"\nparent = "Nobody"\n', "E051"),
    ("outlets.toml", '[[outlet]]\nname = "X"\nkind = "blog"\n', "E054"),
    ("topics.toml", '[[topic]]\nname = "x"\nwords = "tariff"\n', "E053"),
    ("actors.toml", '[[actor]]\ncanonical = "X"\n', "E053"),  # not part of the layout
    ("actors/a.toml", "[[actor]\n", "E053"),  # not TOML
])
def test_bad_folder_fails_loudly(tmp_path: Path, rel: str, text: str, code: str) -> None:
    _write(tmp_path, rel, text)
    with pytest.raises(NewstraceError) as exc:
        configure(dirs=[tmp_path])
        actors()
    assert exc.value.code == code


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(NewstraceError) as exc:
        configure(dirs=[tmp_path / "absent"])
    assert exc.value.code == "E050"


def test_environment_variable_and_python_api(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(packs_mod.ENV_DIRS, str(EXAMPLE))
    packs_mod.reset()
    assert actors().get("Oskar Lenning") is not None
    monkeypatch.delenv(packs_mod.ENV_DIRS)
    packs_mod.reset()
    assert actors().get("Oskar Lenning") is None
    newstrace.open(tmp_path / "s.db", knowledge=EXAMPLE)
    assert actors().get("Oskar Lenning") is not None


def test_cli_global_option(tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "k.db"
    newstrace.open(db)  # an empty store: only ingest creates one from the command line
    ok = runner.invoke(app, ["--knowledge", str(EXAMPLE), "signals", "--actor", "Lenning",
                             "--db", str(db), "--json"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout) == []
    assert actors().resolve_query("Lenning") == "Oskar Lenning"
    bad = runner.invoke(app, ["--knowledge", str(tmp_path / "absent"), "docs", "--db", str(db)])
    assert bad.exit_code == 2 and "E050" in bad.output


def test_user_actors_reach_the_timeline_of_their_state(tmp_path: Path) -> None:
    article = tmp_path / "veldria.txt"
    article.write_text(
        "PORT AUBEL — Veldrian Trade Minister Ilse Marrow said on Tuesday that Veldria would "
        "impose tariffs on Corvanian steel unless Corvania lifted its import quotas.\n"
        "Marrow said she was ready to meet Corvanian President Oskar Lenning in June.\n", "utf-8")
    db = tmp_path / "v.db"
    runner = CliRunner()
    added = runner.invoke(app, ["--knowledge", str(EXAMPLE), "ingest", str(article), "--db", str(db)])
    assert added.exit_code == 0, added.output
    shown = runner.invoke(app, ["--knowledge", str(EXAMPLE), "timeline", "--actor", "Veldria",
                                "--db", str(db), "--json"])
    entries = json.loads(shown.stdout)["entries"]
    assert entries and {e["actor"] for e in entries} == {"Ilse Marrow"}
