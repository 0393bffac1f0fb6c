from newstrace import ids


def test_doc_id_is_content_hash_ignoring_line_endings() -> None:
    assert ids.doc_id("a\nb") == ids.doc_id("a\r\nb")
    assert ids.doc_id("a\nb") != ids.doc_id("a\nc")
    assert ids.doc_id("x").startswith("d")


def test_item_id_depends_on_every_key_part() -> None:
    base = ids.item_id("signal", "d1", 0, 10, "Putin", "meet")
    assert base == ids.item_id("signal", "d1", 0, 10, "Putin", "meet")
    assert base != ids.item_id("signal", "d1", 0, 11, "Putin", "meet")
    assert base != ids.item_id("signal", "d1", 0, 10, "Putin", "deny")
    assert base.startswith("s")
    assert ids.item_id("attribution", "d1", 0, 1).startswith("a")


def test_actor_id_is_case_and_space_insensitive() -> None:
    assert ids.actor_id("Vladimir  Putin") == ids.actor_id("vladimir putin")
