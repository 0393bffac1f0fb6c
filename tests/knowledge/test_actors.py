from newstrace import ids
from newstrace.knowledge import actors, outlets


def test_titles_and_names_resolve_to_canonical() -> None:
    table = actors()
    assert table.find("Kremlin spokesman Dmitry Peskov").canonical == "Dmitry Peskov"  # type: ignore[union-attr]
    assert table.find("the Russian head of state").canonical == "Vladimir Putin"  # type: ignore[union-attr]
    assert table.lookup("Moscow").canonical == "Russia"  # type: ignore[union-attr]
    assert table.lookup("Putin's").canonical == "Vladimir Putin"  # type: ignore[union-attr]
    assert table.find("a completely unknown person") is None


def test_hierarchy_and_unknown_ids() -> None:
    table = actors()
    assert table.ancestors("Vladimir Putin") == ["Kremlin", "Russia"]
    assert "Dmitry Peskov" in table.members("Russia")
    assert table.resolve_query("Unknown  Person") == "Unknown Person"
    assert ids.actor_id("Unknown Person") == ids.actor_id("unknown person")


def test_outlets_by_alias_domain_and_scan() -> None:
    reg = outlets()
    assert reg.lookup("the NYT").name == "The New York Times"  # type: ignore[union-attr]
    assert reg.by_domain("https://www.reuters.com/world/x").name == "Reuters"  # type: ignore[union-attr]
    found = [o.name for _, _, o in reg.find_all("a source told Reuters, according to TASS")]
    assert found == ["Reuters", "TASS"]
