"""fakegram: a fake Telegram Bot API for tests (see README.md in this folder)."""

from tests.fakegram.faults import (
    Action,
    FaultRule,
    Faults,
    RateLimits,
    accept_then_hang,
    bad_request,
    forbidden,
    hang,
    reset,
    retry_after,
    server_error,
    too_many_requests,
    unauthorized,
)
from tests.fakegram.ledger import Ledger, max_in_window
from tests.fakegram.ptb import Running, http_app_builder, local_app_builder, polling, webhook
from tests.fakegram.server import FakeTelegramServer, WebhookDelivery, free_port

__all__ = [
    "Action",
    "FakeTelegramServer",
    "FaultRule",
    "Faults",
    "Ledger",
    "RateLimits",
    "Running",
    "WebhookDelivery",
    "accept_then_hang",
    "bad_request",
    "forbidden",
    "free_port",
    "hang",
    "http_app_builder",
    "local_app_builder",
    "max_in_window",
    "polling",
    "reset",
    "retry_after",
    "server_error",
    "too_many_requests",
    "unauthorized",
    "webhook",
]
