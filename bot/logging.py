"""Logging set up once for the whole process, with the bot token scrubbed from every line."""

import logging
import re

TOKEN_IN_TEXT = re.compile(r"\d{3,20}:[A-Za-z0-9_-]{10,}")
NOISY_LOGGERS = ("httpx", "httpcore", "apscheduler", "tornado.access")


class RedactTokens(logging.Filter):
    """Replaces anything shaped like a bot token: python-telegram-bot's HTTP client logs URLs."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if TOKEN_IN_TEXT.search(message):
            record.msg = TOKEN_IN_TEXT.sub("<token>", message)
            record.args = None
        return True


def configure_logging(level: str) -> None:
    """Log to stderr at `level`; chatty libraries (httpx logs token-bearing URLs) at WARNING."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactTokens())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
