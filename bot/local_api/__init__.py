"""An in-memory Telegram Bot API for the local demo chat and for fast flow tests."""

# Infrastructure, not a bot flow. `LocalBotApi` answers the bot's calls the way Telegram does
# (including Telegram's validation errors and their wording), `LocalUser`/`LocalGroup` let a
# person or a test act as users, and `LocalRequest` plugs it into python-telegram-bot at the
# `BaseRequest` seam. `tests/fakegram` serves the same object over HTTP.

from bot.local_api.api import LocalBotApi
from bot.local_api.html import HtmlParseError, parse_html
from bot.local_api.params import decode_params
from bot.local_api.records import (
    SEND_METHODS,
    TINY_PNG,
    ApiError,
    BotMessage,
    Button,
    JSONDict,
    SentCall,
    Toast,
    error_body,
)
from bot.local_api.request import LocalRequest
from bot.local_api.users import LocalGroup, LocalUser

__all__ = [
    "SEND_METHODS",
    "TINY_PNG",
    "ApiError",
    "BotMessage",
    "Button",
    "HtmlParseError",
    "JSONDict",
    "LocalBotApi",
    "LocalGroup",
    "LocalRequest",
    "LocalUser",
    "SentCall",
    "Toast",
    "decode_params",
    "error_body",
    "parse_html",
]
