"""The contact-detail filter and link rules: every form in safeguarding.md §4 is caught, and
ordinary announcement text is not."""

import pytest

from catalogue.screening import (
    EMAIL,
    HANDLE,
    HIDDEN,
    HTML,
    LINK_IN_TEXT,
    MESSAGING_APP,
    MESSAGING_LINK,
    PHONE,
    contact_details,
    link_problem,
    text_problems,
)

CONTACT_FORMS = [
    ("Text me on 07700 900123", PHONE),
    ("07700900123", PHONE),
    ("+44 7700 900123", PHONE),
    ("+447700900123", PHONE),
    ("0044 7700 900 123", PHONE),
    ("(01273) 123 456", PHONE),
    ("0 7 7 0 0 - 9 0 0 - 1 2 3", PHONE),
    ("077.009.001.23", PHONE),
    ("zero seven seven zero zero nine zero zero one two three", PHONE),
    ("oh seven seven double oh nine double oh one two three", PHONE),
    ("O77OO 9OO l23", PHONE),
    ("０７７００９００１２３", PHONE),
    ("0️⃣7️⃣7️⃣0️⃣0️⃣9️⃣0️⃣0️⃣1️⃣2️⃣3️⃣", PHONE),
    ("077\u200b00 900\u200b123", PHONE),
    ("jo@example.com", EMAIL),
    ("JO.SMITH+club@Example.co.uk", EMAIL),
    ("jo at gmail dot com", EMAIL),
    ("jo [at] example [dot] org", EMAIL),
    ("jo(at)example(dot)co(dot)uk", EMAIL),
    ("jo at hotmail", EMAIL),
    ("jo @ gmail . com", EMAIL),
    ("ｊｏ＠ｅｘａｍｐｌｅ．ｃｏｍ", EMAIL),
    ("follow @coach_jo", HANDLE),
    ("DM @jo.smith for details", HANDLE),
    ("t.me/coachjo", MESSAGING_LINK),
    ("https://t.me/coachjo", MESSAGING_LINK),
    ("telegram.me/coachjo", MESSAGING_LINK),
    ("T . me / coachjo", MESSAGING_LINK),
    ("t dot me/coachjo", MESSAGING_LINK),
    ("tg://user?id=123456", MESSAGING_LINK),
    ("tg : // resolve?domain=jo", MESSAGING_LINK),
    ("wa.me/447700900123", MESSAGING_LINK),
    ("chat.whatsapp.com/AbCdEf", MESSAGING_LINK),
    ("discord.gg/abcdef", MESSAGING_LINK),
    ("instagram.com/coachjo", MESSAGING_LINK),
    ("snapchat.com/add/coachjo", MESSAGING_LINK),
    ("WhatsApp me for a place", MESSAGING_APP),
    ("add me on snapchat: coachjo", MESSAGING_APP),
    ("my snap is coachjo", MESSAGING_APP),
    ("insta: coachjo", MESSAGING_APP),
    ("find us on Instagram", MESSAGING_APP),
    ("join our Discord: coachjo#1234", MESSAGING_APP),
    ("message me for details", MESSAGING_APP),
    ("call me after school", MESSAGING_APP),
]


@pytest.mark.parametrize(("text", "kind"), CONTACT_FORMS, ids=[c[0] for c in CONTACT_FORMS])
def test_every_contact_detail_form_is_caught(text, kind):
    """List G: phone numbers, emails, handles, messaging links and apps, however written."""
    assert kind in contact_details(f"Come along on Friday! {text} See you there.")


ORDINARY = [
    "Free football for 16-25 year olds every Friday at Preston Park, Brighton. Bring trainers!",
    "Sessions on 03-05-2027 18:00 and 2027-06-01 at 10:30, ages 16-25, £5 a week.",
    "Meet us at Hove. Me and the team will be there from 6pm.",
    "Meet @ 6pm at the clubhouse, room 101, floor 2. 20 places, 3 hours.",
    "Come to our polka dot party — 1 in 3 people win a prize!",
    "Worried about something? Childline is free on 0800 1111.",
    "Learn to make beats on a laptop: year 11 and 12 welcome, 10am-4pm.",
    "I love 2 dance 4 fun on 1 day a week.",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_announcement_text_passes(text):
    """Dates, times, ages, prices, room numbers and helplines are not contact details."""
    assert text_problems(text) == ()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("<b>Big news</b>", HTML),
        ('<a href="javascript:alert(1)">x</a>', HTML),
        ("Tom &amp; Jerry", HTML),
        ("Read more at example.com", LINK_IN_TEXT),
        ("See https://example.org/info", LINK_IN_TEXT),
        ("bit.ly/free-stuff", LINK_IN_TEXT),
        ("javascript:alert(1)", LINK_IN_TEXT),
        ("evil\u202etxt.exe", HIDDEN),
        ("foot\u200bball", HIDDEN),
    ],
)
def test_html_links_and_hidden_characters_in_text_are_flagged(text, problem):
    """Raw HTML, links in the body (one link, in its own field) and hidden characters."""
    assert problem in text_problems(text)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://example.org/football", None),
        ("https://www.example.org/football", None),
        ("https://events.example.org/football", None),
        ("http://example.org/football", "not_https"),
        ("javascript:alert(1)", "not_https"),
        ("tg://resolve?domain=coachjo", "not_https"),
        ("example.org/football", "not_https"),
        ("https://bit.ly/3xYz", "shortener"),
        ("https://tinyurl.com/abc", "shortener"),
        ("https://t.me/coachjo", "messaging_link"),
        ("https://wa.me/447700900123", "messaging_link"),
        ("https://evil.example.net/", "not_allowed"),
        ("https://example.org.evil.net/", "not_allowed"),
        ("https://example.org@evil.net/", "bad_link"),
        ("https://10.0.0.1/", "bad_link"),
        ("https://example.org:8443/", "bad_link"),
        ("https://exa mple.org/", "bad_link"),
        ("https://" + "a" * 300 + ".org/", "bad_link"),
    ],
)
def test_links_must_be_https_allow_listed_and_not_shortened(url, problem):
    """One link: https, on an allowed domain, never a shortener or a messaging app."""
    assert link_problem(url, allowed_domains={"example.org"}) == problem
