"""Every data file is checked against its family's schema when it is loaded."""

from __future__ import annotations

import re
import tomllib
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, get_args

import pytest

from newstrace.errors import NewstraceError
from newstrace.knowledge import datafiles
from newstrace.knowledge.datafiles import data_dir, load_toml, load_toml_dir, load_toml_file, validate
from newstrace.knowledge.schemas import SCHEMAS, USER_ONLY, schema_for

SHIPPED = sorted(p.relative_to(data_dir()).as_posix() for p in data_dir().rglob("*.toml"))


@pytest.fixture(autouse=True)
def _stamps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Stamps go to a fresh folder, so no test sees another's."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(datafiles.CACHE_ENV, str(folder))
    return folder / "checked"


def _write(folder: Path, relpath: str, text: str) -> Path:
    path = folder / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _error(path: Path, schema: str) -> str:
    with pytest.raises(NewstraceError) as exc:
        load_toml_file(path, schema=schema)
    assert exc.value.code == "E016"
    return str(exc.value)


@pytest.mark.parametrize("relpath", SHIPPED)
def test_every_shipped_file_fits_its_schema(relpath: str) -> None:
    assert schema_for(relpath) is not None, f"no schema for data/{relpath}"
    with (data_dir() / relpath).open("rb") as fh:
        validate(tomllib.load(fh), schema=relpath, shown=relpath)


def test_every_schema_pattern_has_a_shipped_file() -> None:
    for pattern, _ in SCHEMAS:
        assert (pattern in USER_ONLY) != any(fnmatchcase(r, pattern) for r in SHIPPED), pattern


def test_star_does_not_cross_folders() -> None:
    assert schema_for("extract/en/cues.toml") is not None
    assert schema_for("extract/en/old/cues.toml") is None
    assert schema_for("actors/extra/x.toml") is None


CUES = """
[[verb]]
lemma = "say"

[[verb]]
lemma = "tell"
{line}
"""


def test_misspelt_flag_names_the_file_and_key_path(tmp_path: Path) -> None:
    path = _write(tmp_path, "cues.toml", CUES.format(line="pasive = true"))
    message = _error(path, "extract/en/cues.toml")
    assert str(path) in message
    assert "verb[1].pasive: unknown key, did you mean 'passive'?" in message


def test_wrong_type_fails(tmp_path: Path) -> None:
    path = _write(tmp_path, "cues.toml", CUES.format(line='bare = "yes"'))
    assert "verb[1].bare: expected a boolean, got a string 'yes'" in _error(path, "extract/en/cues.toml")


def test_unknown_enum_value_fails(tmp_path: Path) -> None:
    path = _write(tmp_path, "cues.toml", CUES.format(line='force = "hedging"'))
    message = _error(path, "extract/en/cues.toml")
    assert "verb[1].force: unknown value 'hedging', expected 'neutral'" in message


def test_missing_required_key_fails(tmp_path: Path) -> None:
    path = _write(tmp_path, "cues.toml", '[[verb]]\nforce = "neutral"\n')
    assert "verb[0].lemma: missing key" in _error(path, "extract/en/cues.toml")


def test_unknown_line_flag_fails(tmp_path: Path) -> None:
    path = _write(tmp_path, "lines.toml", '[[rule]]\nname = "x"\nclass = "meta"\nwhen = ["prse"]\n')
    assert "rule[0].when[0]: unknown value 'prse'" in _error(path, "clean/lines.toml")


def test_unknown_signal_type_and_topic_keys_fail(tmp_path: Path) -> None:
    text = '[topic.peace_deal]\npatterns = ["deal"]\n\n[defaults]\nnegotiate = ["negotiations"]\n'
    message = _error(_write(tmp_path, "topics.toml", text), "extract/en/topics.toml")
    assert "topic.peace_deal: bad key: unknown topic 'peace_deal'" in message
    assert "defaults.negotiate: bad key: unknown signal type 'negotiate'" in message


def test_signal_rule_naming_an_undefined_word_class_fails(tmp_path: Path) -> None:
    text = (
        '[classes]\naid_object = ["aid"]\n\n'
        '[[rule]]\ntype = "aid"\nlemmas = ["send"]\nrequires = ["aid_objects"]\n'
    )
    message = _error(_write(tmp_path, "signals.toml", text), "extract/en/signals.toml")
    assert "rule[0].requires[0]: unknown word class 'aid_objects'" in message


def test_stance_profile_checks_parameter_names_and_types(tmp_path: Path) -> None:
    with (data_dir() / "link/stance.toml").open("rb") as fh:
        text = (data_dir() / "link/stance.toml").read_text(encoding="utf-8")
        assert "[profiles.answer]" in text and tomllib.load(fh)["profiles"]["answer"]
    bad = text.replace("[profiles.answer]\n", '[profiles.answer]\ntreshold = 0.3\ntop_k = "3"\n')
    message = _error(_write(tmp_path, "stance.toml", bad), "link/stance.toml")
    assert "profiles.answer.treshold: unknown stance parameter, did you mean 'threshold'?" in message
    assert "profiles.answer.top_k: expected int" in message


def test_signal_codes_must_cover_every_type(tmp_path: Path) -> None:
    text = (data_dir() / "extract/en/signal_codes.toml").read_text(encoding="utf-8")
    bad = text.replace("[aid]", "[aid_]", 1)
    message = _error(_write(tmp_path, "codes.toml", bad), "extract/en/signal_codes.toml")
    assert "aid_: bad key: unknown signal type 'aid_'" in message
    with (data_dir() / "extract/en/signal_codes.toml").open("rb") as fh:
        codes = tomllib.load(fh)
    del codes["aid"], codes["deny"]
    with pytest.raises(NewstraceError, match="deny: missing signal type; aid: missing signal type"):
        validate(codes, schema="extract/en/signal_codes.toml", shown="codes")


def test_odd_keys_are_quoted_in_the_path(tmp_path: Path) -> None:
    text = (data_dir() / "timeline/shifts.toml").read_text(encoding="utf-8")
    bad = text + '\n[transitions."required>nothing"]\ntemplate = "x"\n'
    message = _error(_write(tmp_path, "shifts.toml", bad), "timeline/shifts.toml")
    assert 'transitions."required>nothing": bad key: unknown condition change' in message


def test_package_files_are_named_by_their_data_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _write(tmp_path, "link/copies.toml", "[tokens]\nshingle_size = 5\n")
    monkeypatch.setattr(datafiles, "data_dir", lambda: tmp_path)
    with pytest.raises(NewstraceError, match=r"Data file link/copies\.toml is invalid: .*minhash: missing"):
        load_toml("link/copies.toml")


def test_unparsable_and_schemaless_files_fail(tmp_path: Path) -> None:
    assert "Data file" in _error(_write(tmp_path, "a.toml", "key = [\n"), "outlets.toml")
    assert "no schema for data/notes.toml" in _error(_write(tmp_path, "b.toml", "a = 1\n"), "notes.toml")


def test_user_knowledge_folder_is_checked_by_the_same_schemas(tmp_path: Path) -> None:
    good = '[[actor]]\ncanonical = "Scott Bessent"\nkind = "person"\naliases = ["Bessent"]\n'
    _write(tmp_path, "actors/a_us.toml", good)
    _write(tmp_path, "outlets.toml", '[[outlet]]\nname = "Daily X"\ncountry = "XA"\nkind = "online"\n')
    assert load_toml_dir("actors", root=tmp_path)[0]["actor"][0]["aliases"] == ["Bessent"]
    assert load_toml("outlets.toml", root=tmp_path)["outlet"][0]["kind"] == "online"
    _write(tmp_path, "topics.toml", '[topic.aid]\npatterns = ["loans?"]\n')
    assert load_toml("topics.toml", root=tmp_path)["topic"]["aid"]["patterns"] == ["loans?"]
    _write(tmp_path, "actors/b_cn.toml", '[[actor]]\ncanonical = "He Lifeng"\nkind = "country"\n')
    with pytest.raises(NewstraceError) as exc:
        load_toml_dir("actors", root=tmp_path)
    assert "b_cn.toml is invalid: actor[0].kind: unknown value 'country'" in str(exc.value)


def test_a_checked_file_is_not_checked_again_until_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _stamps: Path
) -> None:
    calls: list[str] = []
    real = datafiles.validate

    def counting(data: dict[str, object], *, schema: str, shown: str) -> None:
        calls.append(shown)
        real(data, schema=schema, shown=shown)

    monkeypatch.setattr(datafiles, "validate", counting)
    path = _write(tmp_path, "actors/x.toml", '[[actor]]\ncanonical = "A"\n')
    for _ in range(2):
        load_toml_file(path, schema="actors/x.toml")
    assert len(calls) == 1 and len(list(_stamps.iterdir())) == 1
    path.write_text('[[actor]]\ncanonical = "A"\nkind = "nation"\n', encoding="utf-8")
    for _ in range(2):
        with pytest.raises(NewstraceError):
            load_toml_file(path, schema="actors/x.toml")
    assert len(calls) == 3  # an invalid file leaves no stamp
    monkeypatch.setenv(datafiles.CACHE_ENV, "")
    path.write_text('[[actor]]\ncanonical = "A"\n', encoding="utf-8")
    load_toml_file(path, schema="actors/x.toml")
    load_toml_file(path, schema="actors/x.toml")
    assert len(calls) == 5  # stamps switched off


def test_schema_vocabularies_match_the_code() -> None:
    from newstrace.clean.html_lines import _FEATURES
    from newstrace.extract.attribution import cues
    from newstrace.extract.signals import certainty, conditions
    from newstrace.knowledge.schemas import attribution, base, clean, link, signals
    from newstrace.link import stance

    assert get_args(attribution.Force) == get_args(cues.Force)
    assert get_args(attribution.ObjectRole) == get_args(cues.ObjectRole)
    assert get_args(base.State) == get_args(conditions.State)
    assert get_args(signals.Certainty) == certainty.CERTAINTIES
    assert get_args(link.StanceLabel) == stance.LABELS
    html_unless = clean.HtmlRule.model_fields["unless"].annotation
    assert set(get_args(get_args(html_unless)[0])) == _FEATURES


def _shipped(relpath: str) -> dict[str, Any]:
    with (data_dir() / relpath).open("rb") as fh:
        return tomllib.load(fh)


def test_stance_schema_declares_exactly_the_parameters_the_code_reads() -> None:
    from newstrace.knowledge.schemas import link
    from newstrace.link.stance import StanceParams

    declared = {*link.Relatedness.model_fields, *link.Evidence.model_fields, *link.Decision.model_fields}
    assert declared == set(StanceParams.__dataclass_fields__) - {"cues"}


def test_line_patterns_name_only_defined_word_lists() -> None:
    lists = set(_shipped("clean/words.toml"))
    for i, rule in enumerate(_shipped("clean/lines.toml")["rule"]):
        for name in re.findall(r"\{([a-z_]+)\}", rule.get("pattern", "")):
            assert name in lists, f"lines.toml rule[{i}] names an undefined word list {{{name}}}"


def test_html_overrides_name_line_rules() -> None:
    names = {rule["name"] for rule in _shipped("clean/lines.toml")["rule"]}
    assert set(_shipped("clean/html.toml")["override"]["body"]) <= names


def test_signal_codes_name_plover_categories_and_scored_modes() -> None:
    categories = _shipped("export/plover.toml")["category"]
    for typ, row in _shipped("extract/en/signal_codes.toml").items():
        if row.get("plover") is None:
            continue
        modes = categories[row["plover"]].get("modes", {})
        for mode in [row.get("mode"), *(t.get("mode") for t in row.get("by_topic", {}).values())]:
            assert mode is None or mode in modes, f"{typ}: mode {mode!r} has no score in plover.toml"


def test_condition_content_kinds_must_be_given_by_a_detail(tmp_path: Path) -> None:
    text = (
        '[[cue]]\nwords = ["if"]\nstate = "required"\n\n'
        '[[content]]\ntype = "demand"\nstate = "required"\nkinds = ["frontline"]\n\n'
        '[[detail]]\ntopic = "territory"\nkind = "front_line"\npatterns = ["line"]\n'
    )
    message = _error(_write(tmp_path, "conditions.toml", text), "extract/en/conditions.toml")
    assert "content[0].kinds[0]: no detail gives kind 'frontline'" in message
