"""Who may use staff commands and buttons: one wrapper, so no handler checks roles itself."""

import functools
from collections.abc import Callable, Coroutine, Iterable
from typing import Any

from telegram import Update

from catalogue.db import session_scope
from catalogue.roles import has_role
from conversations import texts
from conversations.context import BotContext
from conversations.replies import answer_button, reply

# A coroutine function, as CommandHandler and CallbackQueryHandler expect.
Handler = Callable[[Update, BotContext], Coroutine[Any, Any, None]]


def staff_only(*allowed: str) -> Callable[[Handler], Handler]:
    """Let the wrapped handler run only for people holding one of `allowed` roles.

    Learners (and anyone else) get the same kind refusal, whether a command or a button.
    """

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def guarded(update: Update, context: BotContext) -> None:
            user = update.effective_user
            if user is None:
                return
            with session_scope(context.services.engine) as session:
                allowed_here = has_role(
                    session=session,
                    telegram_id=user.id,
                    admin_ids=context.services.admin_ids,
                    allowed=allowed,
                )
            if not allowed_here:
                if update.callback_query is not None:
                    await answer_button(update, texts.STAFF_ONLY_TOAST)
                else:
                    await reply(update, texts.STAFF_ONLY)
                return
            await handler(update, context)

        guarded.allowed_roles = frozenset(allowed)  # type: ignore[attr-defined]
        return guarded

    return decorate


def allowed_roles(handler: object) -> Iterable[str] | None:
    """The roles a handler is guarded by, or None for a learner-facing handler."""
    roles = getattr(handler, "allowed_roles", None)
    return roles if isinstance(roles, frozenset) else None
