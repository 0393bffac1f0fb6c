"""The few SQL expressions that SQLite and PostgreSQL spell differently.

Everything else the store runs is written once in SQL both accept; these helpers
return the fragment for the connection's backend, keyed by SQLAlchemy's dialect name.
"""

from __future__ import annotations


def json_field(dialect: str, column: str, key: str) -> str:
    """A top-level key of a JSON text column, as text (NULL when absent)."""
    if dialect == "postgresql":
        return f"(CAST({column} AS jsonb) ->> '{key}')"
    return f"json_extract({column}, '$.{key}')"


def json_items(dialect: str, column: str, alias: str) -> str:
    """A table of the items of a JSON array column, one row each, in column ``{alias}.value``."""
    if dialect == "postgresql":
        return f"jsonb_array_elements_text(CAST({column} AS jsonb)) AS {alias}(value)"
    return f"json_each({column}) {alias}"
