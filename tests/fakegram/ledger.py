"""Read-only views over the fake Bot API's call ledger (`LocalBotApi.sent`)."""

from collections import Counter
from collections.abc import Iterator

from bot.local_api import LocalBotApi, SentCall


def max_in_window(times: list[float], window: float = 1.0) -> int:
    """Most events in any half-open sliding window [t, t + window)."""
    ordered = sorted(times)
    best = start = 0
    for end, moment in enumerate(ordered):
        while moment - ordered[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best


class Ledger:
    """Every call the bot made, with helpers for rates and idempotency keys."""

    def __init__(self, api: LocalBotApi) -> None:
        self.api = api

    def __iter__(self) -> Iterator[SentCall]:
        return iter(list(self.api.sent))

    def __len__(self) -> int:
        return len(self.api.sent)

    def __getitem__(self, index: int) -> SentCall:
        return self.api.sent[index]

    def calls(
        self,
        method: str | None = None,
        *,
        chat_id: int | str | None = None,
        status: int | None = None,
    ) -> list[SentCall]:
        """Calls filtered by method (case-insensitive), chat and HTTP status."""
        return [
            call
            for call in self.api.sent
            if (method is None or call.method.lower() == method.lower())
            and (chat_id is None or call.chat_id == chat_id)
            and (status is None or call.status == status)
        ]

    def sends(self, chat_id: int | str | None = None, *, accepted: bool = True) -> list[SentCall]:
        """Message-creating calls (send*, copy, forward), by default only accepted ones."""
        return [
            call
            for call in self.api.sent
            if call.is_send
            and (chat_id is None or call.chat_id == chat_id)
            and (call.ok or not accepted)
        ]

    def texts(self, chat_id: int | str | None = None) -> list[str]:
        """Texts/captions of accepted sends, in order."""
        return [call.text or "" for call in self.sends(chat_id)]

    def max_rate(
        self,
        window: float = 1.0,
        *,
        chat_id: int | str | None = None,
        accepted: bool = False,
    ) -> int:
        """Most sends in any sliding `window` (all attempts unless `accepted`)."""
        return max_in_window([c.time for c in self.sends(chat_id, accepted=accepted)], window)

    def max_rate_per_chat(self, window: float = 1.0, *, accepted: bool = False) -> int:
        """Highest per-chat figure of `max_rate` over all chats."""
        chats = {call.chat_id for call in self.sends(accepted=accepted)}
        return max(
            (self.max_rate(window, chat_id=chat, accepted=accepted) for chat in chats),
            default=0,
        )

    def idem_counts(self) -> Counter[str]:
        """L(k): how many accepted sends carried each idempotency key."""
        return Counter(call.idem for call in self.sends() if call.idem is not None)
