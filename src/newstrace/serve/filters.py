"""The filters every listing takes, validated once: a bad value is a 422 naming the closest names."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request

from newstrace.cli import checks
from newstrace.errors import NewstraceError
from newstrace.serve.errors import ApiError
from newstrace.serve.service import Service

SourceKind = Literal["on_record", "anonymous", "reported"]
Status = Literal["denied", "doubted", "confirmed", "disputed", "unconfirmed", "answered", "unanswered"]


def service(request: Request) -> Service:
    svc = request.app.state.service
    assert isinstance(svc, Service)
    return svc


@dataclass(frozen=True, slots=True)
class Filters:
    """Validated filters; ``actor`` is canonical, dates are YYYY[-MM[-DD]]."""

    actor: str | None = None
    type: str | None = None
    topic: str | None = None
    outlet: str | None = None
    source_kind: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None

    def key(self) -> dict[str, Any]:
        return asdict(self)

    def dated(self, value: str | None) -> bool:
        return checks.in_range(value, self.since, self.until)

    def marked(self, marks: list[str], claim_status: str | None = None) -> bool:
        """Whether an item with these answer marks passes the status filter."""
        if self.status is None:
            return True
        if self.status == "answered":
            return bool(marks)
        if self.status == "unanswered":
            return not marks
        return self.status in marks or self.status == claim_status


def _checked(fn: Any, *args: Any) -> Any:
    try:
        return fn(*args)
    except NewstraceError as exc:
        raise ApiError.of(exc, 422) from None


def filters(
    svc: Annotated[Service, Depends(service)],
    actor: Annotated[str | None, Query(description="Actor (alias or canonical) and its spokespeople")] = None,
    type: Annotated[str | None, Query(description="Signal type (intent_to_negotiate, deny, …)")] = None,
    topic: Annotated[str | None, Query(description="Topic, or several joined by commas")] = None,
    outlet: Annotated[str | None, Query(description="Publishing outlet")] = None,
    source_kind: Annotated[SourceKind | None, Query(description="How the report is sourced")] = None,
    status: Annotated[Status | None, Query(description="Answer mark or claim status")] = None,
    since: Annotated[str | None, Query(description="From this date (YYYY[-MM[-DD]])")] = None,
    until: Annotated[str | None, Query(description="Up to this date (YYYY[-MM[-DD]])")] = None,
) -> Filters:
    since, until = _checked(checks.check_range, since, until)
    return Filters(
        actor=_checked(checks.check_actor, svc.store, actor),
        type=_checked(checks.check_type, type),
        topic=_checked(checks.check_topics, topic),
        outlet=_checked(checks.check_choice, outlet, svc.outlets(), checks.CliErrors.E110),
        source_kind=source_kind, status=status, since=since, until=until)


def topic_match(wanted: str | None, topics: list[str]) -> bool:
    return not wanted or bool(set(wanted.split(",")) & set(topics))
