"""Prometheus metrics for one hirebot process, in a registry of its own (no module-level globals), served at
``GET /metrics``."""

from __future__ import annotations

from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

ACK_BUCKETS = (0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 3.0, 5.0)


class Metrics:
    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "hirebot_slack_requests",
            "Requests from Slack by surface and HTTP status",
            ["surface", "status"],
            registry=self.registry,
        )
        self.ack_seconds = Histogram(
            "hirebot_slack_ack_seconds",
            "Time from request to Slack's acknowledgement",
            ["surface"],
            buckets=ACK_BUCKETS,
            registry=self.registry,
        )
        self.answers = Counter(
            "hirebot_answers", "Answers posted, by engine and feature", ["engine", "feature"], registry=self.registry
        )
        self.llm_tokens = Counter(
            "hirebot_llm_tokens", "Claude tokens by kind and feature", ["kind", "feature"], registry=self.registry
        )
        self.llm_failures = Counter(
            "hirebot_llm_failures", "Claude answers replaced by the offline one", ["reason"], registry=self.registry
        )
        self.redis_errors = Counter("hirebot_redis_errors", "Redis operations that failed", registry=self.registry)
        self.unsubscribed_events = Counter(
            "hirebot_slack_unsubscribed_events",
            "Events Slack sends with no subscription (app_rate_limited), acknowledged",
            ["type"],
            registry=self.registry,
        )

        # The children of each surface and status, looked up once: ``labels()`` takes a lock and builds its key on
        # every call, twice per request. Both labels are bounded (``surface_of``; HTTP statuses).
        self._acknowledged: dict[tuple[str, int], tuple[Counter, Histogram]] = {}

    def acknowledged(self, surface: str, status: int, seconds: float) -> None:
        """Count one request from Slack and the time it took to acknowledge."""
        children = self._acknowledged.get((surface, status))
        if children is None:
            children = (
                self.requests.labels(surface=surface, status=str(status)),
                self.ack_seconds.labels(surface=surface),
            )
            self._acknowledged[(surface, status)] = children
        children[0].inc()
        children[1].observe(seconds)

    def render(self) -> bytes:
        return generate_latest(self.registry)

    def redis_failed(self) -> None:
        self.redis_errors.inc()


def surface_of(body: dict[str, Any]) -> str:
    """A short, bounded label for what Slack sent: never user text, so label cardinality stays small."""
    if "command" in body:
        return "command"
    kind = str(body.get("type") or "")
    if kind == "event_callback":
        event = body.get("event") or {}
        return f"event:{event.get('type', 'unknown')}" if isinstance(event, dict) else "event:unknown"
    if kind in (
        "block_actions",
        "view_submission",
        "view_closed",
        "shortcut",
        "message_action",
        "block_suggestion",
        "url_verification",
        "app_rate_limited",
    ):
        return kind
    return "other"
