"""Inline and reply keyboards; labels come from `texts`, data from `callback_data`."""

from collections.abc import Sequence

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from conversations import callback_data as cd
from conversations import texts

REMOVE = ReplyKeyboardRemove()


def _rows(buttons: Sequence[InlineKeyboardButton], width: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [list(buttons[start : start + width]) for start in range(0, len(buttons), width)]
    )


def age_bands() -> InlineKeyboardMarkup:
    """The age question: every answer is one equal-weight button."""
    return _rows(
        [
            InlineKeyboardButton(label, callback_data=cd.build(cd.AGE, band))
            for label, band in texts.AGE_BUTTONS
        ],
        2,
    )


def consent() -> InlineKeyboardMarkup:
    """Yes and no side by side, the same size: no nudging (Children's code standard 13)."""
    return _rows(
        [
            InlineKeyboardButton(texts.CONSENT_YES, callback_data=cd.build(cd.CONSENT, "yes")),
            InlineKeyboardButton(texts.CONSENT_NO, callback_data=cd.build(cd.CONSENT, "no")),
        ],
        2,
    )


def topic_suggestions(topics: Sequence[tuple[str, str]]) -> InlineKeyboardMarkup:
    """Topic buttons for learners who would rather tap than type."""
    return _rows(
        [
            InlineKeyboardButton(name, callback_data=cd.build(cd.TOPIC, "add", topic_id))
            for topic_id, name in topics
        ],
        2,
    )


def confirm_interests() -> InlineKeyboardMarkup:
    """Confirm or change what the bot understood."""
    return _rows(
        [
            InlineKeyboardButton(texts.CONFIRM_YES, callback_data=cd.build(cd.INTERESTS, "yes")),
            InlineKeyboardButton(
                texts.CONFIRM_CHANGE, callback_data=cd.build(cd.INTERESTS, "change")
            ),
        ],
        2,
    )


def ask_location() -> ReplyKeyboardMarkup:
    """Share a location (only the area is kept), or choose online only; typing works too."""
    return ReplyKeyboardMarkup(
        [
            [KeyboardButton(texts.SHARE_LOCATION, request_location=True)],
            [KeyboardButton(texts.ONLINE_ONLY)],
        ],
        resize_keyboard=True,
        one_time_keyboard=True,
        input_field_placeholder="Town or postcode",
    )


def place_candidates(labels: Sequence[str]) -> InlineKeyboardMarkup:
    """One button per place that shares the name the learner typed."""
    return _rows(
        [
            InlineKeyboardButton(label, callback_data=cd.build(cd.PLACE, "pick", index))
            for index, label in enumerate(labels)
        ],
        1,
    )
