"""What staff type goes to the staff flow they are in; /staff lists what they can do.

Every staff text receiver here is wrapped in `staff_only`, so a role checked at the first step
is checked again at every step (a role can be taken away halfway).
"""

from collections.abc import Awaitable, Callable

from telegram import Update

from catalogue.db import session_scope
from catalogue.learners import get_flow
from catalogue.roles import ADMIN, MODERATOR, PROVIDER, YOUTH_WORKER, roles_of
from catalogue.safeguarding import mentions_crisis
from conversations import (
    admin,
    announcements,
    moderation,
    opportunity_form,
    providers,
    referrals,
    texts,
)
from conversations.access import staff_only
from conversations.context import BotContext
from conversations.replies import reply
from conversations.staff_ui import set_staff_commands, staff_commands, typed_text

Receiver = Callable[[Update, BotContext], Awaitable[None]]

# Flow name -> what takes the text typed in it. All but registration are staff-only.
TEXT_FLOWS: dict[str, Receiver] = {
    referrals.FLOW: referrals.receive_invite_text,
    opportunity_form.FLOW: opportunity_form.receive_form_text,
    announcements.FLOW: announcements.receive_announcement_text,
    moderation.FLOW: moderation.receive_reject_reason,
    admin.FLOW: admin.receive_invite_details,
    providers.REGISTER_FLOW: providers.receive_registration_text,
}


async def route_flow_text(update: Update, context: BotContext) -> bool:
    """Sends typed text to the staff (or registration) flow the person is in; False if none.

    Staff flows come before the crisis check on purpose: a provider may well title a session
    "Self-harm awareness". Registration is open to anyone, so it keeps the check.
    """
    user = update.effective_user
    if user is None:
        return False
    with session_scope(context.services.engine) as session:
        flow = get_flow(session=session, telegram_id=user.id)
    receiver = TEXT_FLOWS.get(flow.flow) if flow is not None else None
    if receiver is None:
        return False
    if receiver is providers.receive_registration_text and mentions_crisis(typed_text(update)):
        return False
    await receiver(update, context)
    return True


@staff_only(ADMIN, MODERATOR, YOUTH_WORKER, PROVIDER)
async def show_staff_help(update: Update, context: BotContext) -> None:
    """Lists the staff commands for this person's roles and puts them in their menu."""
    user = update.effective_user
    assert user is not None
    with session_scope(context.services.engine) as session:
        roles = roles_of(
            session=session, telegram_id=user.id, admin_ids=context.services.admin_ids
        )
    await set_staff_commands(context.bot, user.id, roles)
    await reply(update, texts.staff_help(staff_commands(roles)))
