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

from conversations import (
    account,
    admin,
    announcements,
    badges,
    cards,
    deep_links,
    moderation,
    news,
    opportunity_form,
    profile,
    providers,
    referrals,
    reminders,
    results,
    router,
    staff,
    start,
)
from conversations import callback_data as cd
from conversations.errors import error_handler

__all__ = ["COMMANDS", "build_handlers", "error_handler"]

COMMANDS = (
    ("start", "Start or restart"),
    ("search", "Search for something"),
    ("interests", "Change what you're into"),
    ("location", "Change your area"),
    ("saved", "Things you saved"),
    ("reminders", "Your reminders"),
    ("portfolio", "Your badges"),
    ("claim", "Collect a badge with a code"),
    ("settings", "Distance and more"),
    ("announcements", "News from providers: on or off"),
    ("report", "Report a message from a provider"),
    ("help", "What I can do"),
    ("privacy", "How I use your information"),
    ("mydata", "See everything I keep about you"),
    ("delete", "Delete everything about you"),
    ("cancel", "Stop what we're doing"),
)

PRIVATE = filters.ChatType.PRIVATE
# Catalogue files providers and admins send in chat (badge files are PNG or JSON).
CATALOGUE_FILES = filters.Document.FileExtension("csv") | filters.Document.MimeType("text/csv")


def build_handlers() -> dict[int, list[BaseHandler]]:  # type: ignore[type-arg]
    """Every handler, by group: screens for group chats and malformed buttons, then the flows."""
    commands = {
        "start": start.start,
        "search": account.ask_search,
        "interests": account.change_interests,
        "location": account.change_location,
        "saved": account.show_saved,
        "reminders": reminders.show_reminders,
        "portfolio": badges.show_portfolio,
        "claim": badges.claim_command,
        "codes": badges.make_codes,  # staff only
        "revoke": badges.revoke_badge,  # staff only
        "settings": account.show_settings,
        "help": account.show_help,
        "privacy": account.show_privacy,
        "mydata": account.send_my_data,
        "delete": account.ask_delete,
        "cancel": account.cancel,
        "announcements": news.show_announcements_setting,
        "report": news.ask_report,
        "register": providers.ask_to_register,  # organisations asking to join; not in the menu
        # Staff only, each wrapped in `access.staff_only`; shown only in staff members' menus.
        "staff": staff.show_staff_help,
        "invite": referrals.show_invites,
        "stats": admin.show_stats,
        "newopportunity": opportunity_form.start_new_opportunity,
        "myopportunities": providers.show_my_opportunities,
        "pending": moderation.show_pending,
        "staffinvite": admin.ask_staff_invite,
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
        cd.REMIND: reminders.act_on_reminder,
        cd.PREFS: reminders.act_on_prefs,
        cd.BADGE: badges.download_badges,
        cd.REFERRAL: deep_links.answer_referral_consent,
        cd.JOIN: deep_links.answer_staff_invite,
        cd.NEWS: news.change_announcements_setting,
        cd.REPORT: news.act_on_report,
        cd.YOUTH: referrals.act_on_invites,
        cd.PROVIDER: providers.act_on_my_opportunity,
        cd.FORM: opportunity_form.act_on_form,
        cd.ANNOUNCE: announcements.act_on_announcement,
        cd.MODERATE: moderation.act_on_announcement_review,
        cd.ADMIN: admin.act_on_admin_button,
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
            MessageHandler(
                PRIVATE & filters.UpdateType.MESSAGE & badges.BADGE_FILES,
                badges.receive_badge_file,
            ),
            MessageHandler(
                PRIVATE & filters.UpdateType.MESSAGE & CATALOGUE_FILES,
                admin.receive_catalogue_file,
            ),
            MessageHandler(PRIVATE & filters.UpdateType.MESSAGE, router.unsupported_message),
            ChatMemberHandler(router.track_blocking, ChatMemberHandler.MY_CHAT_MEMBER),
        ],
    }
