"""Parameter decoding: over HTTP every form value is a string; in process they are typed."""

import json
import re
from typing import Any

from bot.local_api.records import ApiError, JSONDict

_JSON_PARAMS = frozenset(
    {
        "reply_markup",
        "allowed_updates",
        "entities",
        "caption_entities",
        "commands",
        "scope",
        "link_preview_options",
        "reply_parameters",
        "menu_button",
        "media",
    }
)
_INT_PARAMS = frozenset(
    {
        "message_id",
        "offset",
        "limit",
        "timeout",
        "cache_time",
        "live_period",
        "max_connections",
        "user_id",
        "message_thread_id",
        "from_chat_id",
    }
)
_FLOAT_PARAMS = frozenset({"latitude", "longitude", "horizontal_accuracy"})
_BOOL_PARAMS = frozenset(
    {
        "show_alert",
        "drop_pending_updates",
        "disable_notification",
        "protect_content",
        "disable_web_page_preview",
        "revoke_messages",
    }
)


def decode_params(params: dict[str, Any]) -> JSONDict:
    """Parameters typed as the Bot API reads them (JSON fields decoded, numbers parsed)."""
    decoded: JSONDict = {}
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, str):
            try:
                if key in _JSON_PARAMS:
                    value = json.loads(value)
                elif key in _INT_PARAMS:
                    value = int(value)
                elif key in _FLOAT_PARAMS:
                    value = float(value)
                elif key in _BOOL_PARAMS:
                    value = value.lower() in {"true", "1"}
                elif key == "chat_id" and re.fullmatch(r"-?\d+", value):
                    value = int(value)
            except ValueError as exc:
                raise ApiError(400, f"Bad Request: can't parse parameter {key}") from exc
        decoded[key] = value
    return decoded
