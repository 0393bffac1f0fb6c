"""Extractors as named components, chosen by name like spaCy's factories.

An attribution component takes a parsed document and returns ``Attribution``
records; a signal component takes the document and its attributions and
returns ``Signal`` records. Each record says which component made it
(``component``) and how sure it is (``confidence``). Rules, trained models and
their combination are registered here under names ("rules", "trained",
"combined"); the pipeline picks one by name (``NEWSTRACE_ATTRIBUTION``,
``NEWSTRACE_SIGNALS`` or the ``attribution=``/``signals=`` arguments), and code
downstream of extract reads only the records.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Protocol

from newstrace.errors import Errors, NewstraceError
from newstrace.nlp import ParsedDocument
from newstrace.records import Attribution, Signal


class AttributionComponent(Protocol):
    """Finds attributions in one parsed document."""

    @property
    def name(self) -> str: ...

    def __call__(self, parsed: ParsedDocument) -> list[Attribution]: ...


class SignalComponent(Protocol):
    """Finds signals in one parsed document, given its attributions."""

    @property
    def name(self) -> str: ...

    def __call__(self, parsed: ParsedDocument, attributions: Sequence[Attribution]) -> list[Signal]: ...


_ATTRIBUTION: dict[str, Callable[[], AttributionComponent]] = {}
_SIGNALS: dict[str, Callable[[], SignalComponent]] = {}
_MADE: dict[tuple[str, str], object] = {}


def attribution_factory(
    name: str,
) -> Callable[[Callable[[], AttributionComponent]], Callable[[], AttributionComponent]]:
    """Register a function that builds an attribution component under ``name``."""

    def register(make: Callable[[], AttributionComponent]) -> Callable[[], AttributionComponent]:
        _ATTRIBUTION[name] = make
        return make

    return register


def signal_factory(name: str) -> Callable[[Callable[[], SignalComponent]], Callable[[], SignalComponent]]:
    """Register a function that builds a signal component under ``name``."""

    def register(make: Callable[[], SignalComponent]) -> Callable[[], SignalComponent]:
        _SIGNALS[name] = make
        return make

    return register


def _builtins() -> None:
    # importing the modules registers their factories
    import newstrace.extract.attribution.registered
    import newstrace.extract.signals.registered  # noqa: F401


def attribution_names() -> list[str]:
    _builtins()
    return sorted(_ATTRIBUTION)


def signal_names() -> list[str]:
    _builtins()
    return sorted(_SIGNALS)


def default_attribution() -> str:
    """``combined`` where the trained model is shipped and loadable, else ``rules``."""
    from newstrace.extract.attribution.trained import model_available

    return os.environ.get("NEWSTRACE_ATTRIBUTION") or ("combined" if model_available() else "rules")


def default_signals() -> str:
    """``combined`` where the trained signal model is shipped and loadable, else ``rules``."""
    from newstrace.extract.signals.learned import available

    return os.environ.get("NEWSTRACE_SIGNALS") or ("combined" if available() else "rules")


def _build(kind: str, factories: dict[str, Callable[[], object]], key: str) -> object:
    """The component ``key`` of ``kind``, built once per process; E041 names the known ones."""
    if key not in factories:
        raise NewstraceError(Errors.E041, kind=kind, name=key, known=", ".join(sorted(factories)))
    made = _MADE.get((kind, key))
    if made is None:
        made = _MADE[(kind, key)] = factories[key]()
    return made


def attribution_component(name: str | None = None) -> AttributionComponent:
    """The attribution component registered as ``name`` (built once per process)."""
    _builtins()
    return _build("attribution", _ATTRIBUTION, name or default_attribution())  # type: ignore[arg-type,return-value]


def signal_component(name: str | None = None) -> SignalComponent:
    """The signal component registered as ``name`` (built once per process)."""
    _builtins()
    return _build("signal", _SIGNALS, name or default_signals())  # type: ignore[arg-type,return-value]
