"""The one error handler: log first, then a kind apology; never exception text to a learner."""

import logging

from telegram import Update
from telegram.error import Forbidden

from conversations import texts
from conversations.context import BotContext

logger = logging.getLogger(__name__)


async def error_handler(update: object, context: BotContext) -> None:
    """Log the error before anything else, then apologise if there is a chat to answer."""
    logger.error("Unhandled error while handling an update", exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.callback_query is not None:
        try:
            await update.callback_query.answer()
        except Exception:
            logger.debug("Could not answer the callback query", exc_info=True)
    try:
        await context.bot.send_message(update.effective_chat.id, texts.APOLOGY)
    except Forbidden:
        logger.info("Could not apologise: the bot was blocked")
    except Exception:
        logger.warning("Could not send the apology", exc_info=True)
