"""How people talk to the bot: Telegram flows, one module per flow. No SQL here; see catalogue.

`build_handlers` returns every handler by group, in the order they must be tried.
"""

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from conversations import account, cards, profile, results, router, start
from conversations import callback_data as cd
from conversations.errors import error_handler

__all__ = ["COMMANDS", "build_handlers", "error_handler"]

COMMANDS = (
    ("start", "Start or restart"),
    ("search", "Search for something"),
    ("interests", "Change what you're into"),
    ("location", "Change your area"),
    ("saved", "Things you saved"),
    ("settings", "Distance and more"),
    ("help", "What I can do"),
    ("privacy", "How I use your information"),
    ("mydata", "See everything I keep about you"),
    ("delete", "Delete everything about you"),
    ("cancel", "Stop what we're doing"),
)

PRIVATE = filters.ChatType.PRIVATE


def build_handlers() -> dict[int, list[BaseHandler]]:  # type: ignore[type-arg]
    """Every handler, by group: screens for group chats and malformed buttons, then the flows."""
    commands = {
        "start": start.start,
        "search": account.ask_search,
        "interests": account.change_interests,
        "location": account.change_location,
        "saved": account.show_saved,
        "settings": account.show_settings,
        "help": account.show_help,
        "privacy": account.show_privacy,
        "mydata": account.send_my_data,
        "delete": account.ask_delete,
        "cancel": account.cancel,
    }
    callbacks = {
        cd.AGE: start.choose_age,
        cd.CONSENT: start.give_consent,
        cd.TOPIC: profile.add_topic,
        cd.INTERESTS: profile.confirm_interests,
        cd.PLACE: profile.pick_place,
        cd.OPPORTUNITY: cards.act_on_card,
        cd.MORE: results.show_more,
        cd.DELETE: account.confirm_delete,
        cd.SETTINGS: account.change_setting,
    }
    return {
        # One handler runs per group, so each screen gets its own group before the flows.
        -2: [TypeHandler(Update, router.keep_to_private_chats)],
        -1: [CallbackQueryHandler(router.refuse_malformed_buttons)],
        0: [
            *(
                CommandHandler(name, callback, filters=PRIVATE)
                for name, callback in commands.items()
            ),
            *(
                CallbackQueryHandler(callback, pattern=cd.pattern(ns))
                for ns, callback in callbacks.items()
            ),
            CallbackQueryHandler(router.stale_button),
            MessageHandler(
                PRIVATE & filters.UpdateType.MESSAGE & filters.COMMAND, router.unknown_command
            ),
            MessageHandler(PRIVATE & filters.UpdateType.MESSAGE & filters.TEXT, router.route_text),
            MessageHandler(
                PRIVATE & filters.UpdateType.MESSAGE & filters.LOCATION, router.route_location
            ),
            MessageHandler(PRIVATE & filters.UpdateType.MESSAGE, router.unsupported_message),
            ChatMemberHandler(router.track_blocking, ChatMemberHandler.MY_CHAT_MEMBER),
        ],
    }
