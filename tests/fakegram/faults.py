"""Fault scripts and flood limits for the fake Bot API server."""

import asyncio
import math
from collections import deque
from dataclasses import dataclass, field
from typing import Literal

from bot.local_api import SEND_METHODS

ActionKind = Literal["status", "hang", "accept_then_hang", "reset"]


@dataclass(frozen=True)
class Action:
    """What the server does instead of (or after) answering a call."""

    kind: ActionKind
    status: int = 0
    description: str = ""
    retry_after: int | None = None
    seconds: float | None = None  # hang length; None = until released (or the client leaves)
    json_body: bool = True  # False: an nginx-style HTML error page, as Telegram's 502s are

    @property
    def name(self) -> str:
        """Short label stored in ledger entries (SentCall.fault)."""
        if self.kind == "status":
            suffix = f"(retry_after={self.retry_after})" if self.retry_after else ""
            return f"{self.status}{suffix}"
        return self.kind


def retry_after(seconds: int = 1) -> Action:
    """429 with parameters.retry_after: PTB raises RetryAfter."""
    return Action(
        "status",
        429,
        f"Too Many Requests: retry after {seconds}",
        retry_after=seconds,
    )


def too_many_requests() -> Action:
    """429 without parameters: PTB raises a plain NetworkError (F2)."""
    return Action("status", 429, "Too Many Requests")


def server_error(status: int = 500, *, html: bool = False) -> Action:
    """5xx; with `html` the body is an HTML page PTB cannot parse (still NetworkError)."""
    phrases = {
        500: "Internal Server Error",
        502: "Bad Gateway",
        503: "Service Unavailable",
        504: "Gateway Timeout",
    }
    return Action("status", status, phrases.get(status, "Server Error"), json_body=not html)


def forbidden(description: str = "Forbidden: bot was blocked by the user") -> Action:
    """403: PTB raises Forbidden."""
    return Action("status", 403, description)


def bad_request(description: str = "Bad Request: chat not found") -> Action:
    """400: PTB raises BadRequest."""
    return Action("status", 400, description)


def unauthorized() -> Action:
    """401: PTB raises InvalidToken."""
    return Action("status", 401, "Unauthorized")


def hang(seconds: float | None = None) -> Action:
    """Never answer (for `seconds`, or until `Faults.release()`), then drop the connection.

    The call is not processed: nothing reaches the chat.
    """
    return Action("hang", seconds=seconds)


def accept_then_hang(seconds: float | None = None) -> Action:
    """Process the call (the ledger and the chat have it), then hang and drop the connection:
    the ambiguous TimedOut of F5."""
    return Action("accept_then_hang", seconds=seconds)


def reset() -> Action:
    """Reset the TCP connection (RST) without answering: PTB raises NetworkError."""
    return Action("reset")


_SHORTHANDS = {
    "429": retry_after,
    "429-bare": too_many_requests,
    "403": forbidden,
    "400": bad_request,
    "401": unauthorized,
    "hang": hang,
    "accept_then_hang": accept_then_hang,
    "reset": reset,
}


def parse_action(action: "Action | str | int") -> Action:
    """An Action from a shorthand: 429, 500, 502, 503, 504, "hang", "reset", ..."""
    if isinstance(action, Action):
        return action
    key = str(action)
    if key in _SHORTHANDS:
        return _SHORTHANDS[key]()
    if key.isdigit() and 500 <= int(key) <= 599:
        return server_error(int(key))
    raise ValueError(f"unknown fault action {action!r}")


@dataclass
class FaultRule:
    """Fire `action` on matching calls: the nth, every Nth, or the first K (default: all)."""

    action: Action
    method: str | None = None
    chat_id: int | str | None = None
    nth: int | None = None
    every: int | None = None
    times: int | None = None
    seen: int = 0  # matching calls so far
    fired: int = 0

    def matches(self, method: str, chat_id: int | str | None) -> bool:
        """Does the call match the rule's method and chat filters?"""
        if self.method is not None and self.method.lower() != method.lower():
            return False
        return self.chat_id is None or self.chat_id == chat_id

    def take(self) -> bool:
        """Count one matching call; True if the rule fires on it."""
        self.seen += 1
        if self.times is not None and self.fired >= self.times:
            return False
        if self.nth is not None:
            fires = self.seen == self.nth
        elif self.every is not None:
            fires = self.seen % self.every == 0
        else:
            fires = True
        if fires:
            self.fired += 1
        return fires


@dataclass
class Faults:
    """The fault script of a server: `tg.faults.add(method="sendMessage", nth=3, action=...)`."""

    rules: list[FaultRule] = field(default_factory=list)
    hanging: int = 0  # calls currently held by a hang action
    _release: asyncio.Event = field(default_factory=asyncio.Event)

    def add(
        self,
        *,
        action: "Action | str | int",
        method: str | None = None,
        chat_id: int | str | None = None,
        nth: int | None = None,
        every: int | None = None,
        times: int | None = None,
    ) -> FaultRule:
        """Script a fault; rules are checked in order and each counts its own matches."""
        if sum(x is not None for x in (nth, every)) > 1:
            raise ValueError("use one of nth / every (times may be combined with every)")
        rule = FaultRule(parse_action(action), method, chat_id, nth, every, times)
        self.rules.append(rule)
        return rule

    def remove(self, rule: FaultRule) -> None:
        """Stop a rule from firing."""
        self.rules.remove(rule)

    def clear(self) -> None:
        """Remove every rule and release every hang."""
        self.rules.clear()
        self.release()

    def pick(self, method: str, chat_id: int | str | None) -> Action | None:
        """The action for this call, if any rule fires (every matching rule counts it)."""
        chosen: Action | None = None
        for rule in self.rules:
            if rule.matches(method, chat_id) and rule.take() and chosen is None:
                chosen = rule.action
        return chosen

    def release(self) -> None:
        """End every current hang (their connections are then dropped)."""
        self._release.set()
        self._release = asyncio.Event()

    @property
    def release_event(self) -> asyncio.Event:
        """Set when `release()` is called (a fresh event after each release)."""
        return self._release


@dataclass
class RateLimits:
    """Telegram-like flood limits over accepted sends (T9): off until `enforce()`."""

    global_max: int | None = None
    per_chat_max: int | None = None
    window: float = 1.0
    _global: deque[float] = field(default_factory=deque)
    _per_chat: dict[int | str, deque[float]] = field(default_factory=dict)

    def enforce(
        self, *, global_max: int | None = 30, per_chat: int | None = 1, window: float = 1.0
    ) -> None:
        """Answer 429 + retry_after when a send would exceed the caps in any `window` s."""
        self.global_max, self.per_chat_max, self.window = global_max, per_chat, window

    def disable(self) -> None:
        """Stop enforcing (measurements in the ledger continue)."""
        self.global_max = self.per_chat_max = None

    @property
    def enabled(self) -> bool:
        """Any cap set?"""
        return self.global_max is not None or self.per_chat_max is not None

    def check(self, method: str, chat_id: int | str | None, now: float) -> int | None:
        """retry_after in whole seconds if this send must be refused, else None."""
        if not self.enabled or method.lower() not in SEND_METHODS:
            return None
        waits = []
        for cap, times in (
            (self.global_max, self._global),
            (self.per_chat_max, self._per_chat.get(chat_id) if chat_id is not None else None),
        ):
            if cap is None or times is None:
                continue
            while times and now - times[0] >= self.window:
                times.popleft()
            if len(times) >= cap:
                waits.append(times[len(times) - cap] + self.window - now)
        if not waits:
            return None
        return max(1, math.ceil(max(waits)))

    def accepted(self, method: str, chat_id: int | str | None, now: float) -> None:
        """Count an accepted send."""
        if method.lower() not in SEND_METHODS:
            return
        self._global.append(now)
        if chat_id is not None:
            self._per_chat.setdefault(chat_id, deque()).append(now)
