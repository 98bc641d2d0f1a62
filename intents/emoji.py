"""A message of emoji only says something too: 👍 is a nod, 🙏 a thanks, 🤬 anger, 👋 a
hello. Before, each got the can't-answer menu (the labelled sets counted 👍 and 🙏 as out of
scope; relabelled in the sixth pass). Other emoji alone ("😂😂") stay out of scope. So are
"k" and "kk", texted for "ok" (folded, "kkkkkk" is "k" too: a mash, left out of scope).
"""

from __future__ import annotations

import unicodedata

# Each emoji by the small-talk intent it says (variation selectors and skin tones are
# dropped before the lookup).
_SAYS = {
    "acknowledge": "👍👌✅🆗🙂😉😎",
    "thanks": "🙏❤💙💚💛🧡💜🥰😍😊🤗💐🌹",
    "frustration": "🤬😡😠👎💩🖕😤😒🙄",
    "greeting": "👋",
}
SAYS = {char: intent for intent, chars in _SAYS.items() for char in chars}
TEXTED = {"k": "acknowledge", "kk": "acknowledge"}
_IGNORED = frozenset({"Mn", "Sk", "Cf", "Zs"})  # selectors, skin tones, joiners, spaces


def emoji_intent(text: str) -> str | None:
    """The small talk a message of emoji only says, when they all say the same, or a texted
    "k"; else None."""
    texted = TEXTED.get(text.strip().rstrip(".!").lower())
    if texted is not None:
        return texted
    chars = [char for char in text if unicodedata.category(char) not in _IGNORED]
    if not chars or any(char.isalnum() for char in chars):
        return None
    said = {SAYS.get(char) for char in chars if not char.isspace()}
    return said.pop() if len(said) == 1 and None not in said else None
