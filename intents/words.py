"""Words the bot's flows understand outside the matcher: a typed yes or no to a question,
and what people call a language when they change the chat's language. Folded like
everything else, so case and diacritics do not matter."""

from __future__ import annotations

from typing import Final

from intents.normalize import fold

YES: Final = frozenset(
    fold(w)
    for w in [
        "da",
        "ja",
        "yes",
        "y",
        "yep",
        "yeah",
        "ok",
        "okej",
        "okay",
        "seveda",
        "lahko",
        "sure",
        "ок",
        "добре",
        "да",
    ]
)
NO: Final = frozenset(fold(w) for w in ["ne", "no", "n", "nope", "nikakor", "нет", "не", "nu"])

# Per pack language, what people type for it (besides its own name, which the bot's
# catalogue holds); folded when compared.
LANGUAGE_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "sl": (
        "sl",
        "slovenscina",
        "slovenski",
        "slovensko",
        "slovene",
        "slovenian",
        "словенски",
        "slovena",
    ),
    "en": ("en", "english", "anglescina", "angleski", "anglesko", "английски", "engleza"),
    "bg": ("bg", "bulgarian", "български", "bulgarski", "bolgarscina", "bulgara"),
    "ro": ("ro", "romanian", "romana", "romaneste", "romunscina", "румънски"),
}
