"""Spotting words that mean a young person may be at risk, so the bot signposts help
(Childline, Shout, 999) instead of search results. The text itself is never stored.
"""

import re
import unicodedata

CRISIS_PHRASES = (
    r"kill(ing)? my ?self",
    r"end(ing)? (it all|my life)",
    r"suicid\w*",
    r"self[- ]?harm\w*",
    r"hurt(ing)? my ?self",
    r"cut(ting)? my ?self",
    r"want(s|ed)? to die",
    r"don'?t want to (live|be alive|be here)",
    r"no reason to live",
    r"being (abused|groomed|hurt)",
    r"(he|she|they|someone) (hits|hurts|touched|touches) me",
    r"not safe at home",
    r"overdose",
    r"kms",
)
_CRISIS = re.compile(r"\b(" + "|".join(CRISIS_PHRASES) + r")\b", re.IGNORECASE)
_INVISIBLE = dict.fromkeys(
    cp for cp in range(0x2000, 0x2070) if unicodedata.category(chr(cp)) in ("Cf", "Zs")
)


def mentions_crisis(text: str) -> bool:
    """Whether free text suggests the person may be at risk and needs signposting."""
    cleaned = unicodedata.normalize("NFKC", text[:2000]).translate(_INVISIBLE)
    cleaned = cleaned.replace("’", "'")
    return bool(_CRISIS.search(cleaned))
