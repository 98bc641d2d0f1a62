"""Compliance words: a bare STOP or START in any pack language acts at once.

Only the whole message counts ("STOP", "stop!", "Odjava prosim"). Anything longer goes
through the `unsubscribe` / `resubscribe` intents, so "where is the bus stop" never
unsubscribes anybody.
"""

from __future__ import annotations

from typing import Literal

from intents.normalize import fold

ComplianceIntent = Literal["unsubscribe", "resubscribe"]

# Comma-separated per language; folded below, so write them as people type them.
_STOP_FORMS = {
    "en": "stop, stop all, stopall, stop it, unsubscribe, unsub, unsubscribe me, opt out, "
    "optout, stop messages, stop sms, stop ads, stop please, please stop, unsubscribe please",
    "sl": "odjava, odjavi, odjavi me, odjavite me, odjavim, odjava prosim, stop prosim, "
    "ustavi, ustavi sporocila, odjavi se, odjavite, odjavi me prosim",
    "bg": "стоп, спри, спрете, отписване, отпиши, отпиши ме, отпишете ме, стоп моля",
    "ro": "dezabonare, dezabonez, dezaboneaza, dezaboneaza ma, dezabonati ma, opreste, "
    "opriti, stop va rog, dezabonare va rog",
}
_START_FORMS = {
    "en": "start, subscribe, resubscribe, subscribe me, opt in, optin, unstop, start again",
    "sl": "prijava, prijavi, prijavi me, prijavite me, start prosim",
    "bg": "старт, абонирай, абонирай ме, абонирайте ме, абониране, старт моля",
    "ro": "pornire, abonare, aboneaza, aboneaza ma, abonati ma, abonez",
}

# Deliberately absent: "cancel", "end", "quit", "отказ", "začni" -- inside an open flow
# they mean "not this", and a false unsubscribe (or opt-in) is worse than asking.

# Folded once so that case, diacritics, punctuation and "stoppp" do not matter.
_FORMS: dict[str, ComplianceIntent] = {
    **{fold(form): "resubscribe" for text in _START_FORMS.values() for form in text.split(",")},
    **{fold(form): "unsubscribe" for text in _STOP_FORMS.values() for form in text.split(",")},
}


# Politeness around a bare keyword does not make it a sentence: "stop pls", "odjava hvala".
_POLITE = frozenset(
    fold("please pls plz thanks thank prosim hvala моля благодаря va rog mersi").split()
)


def _core(words: list[str]) -> str:
    """The message without repeats ("stop stop") and politeness at either end."""
    kept = [word for i, word in enumerate(words) if i == 0 or word != words[i - 1]]
    while len(kept) > 1 and kept[-1] in _POLITE:
        kept.pop()
    while len(kept) > 1 and kept[0] in _POLITE:
        kept.pop(0)
    return " ".join(kept)


def compliance_keyword(text: str) -> ComplianceIntent | None:
    """`unsubscribe` / `resubscribe` when the whole message is a STOP / START form."""
    folded = fold(text)
    return _FORMS.get(folded) or _FORMS.get(_core(folded.split()))


def compliance_forms() -> dict[str, ComplianceIntent]:
    """Every folded form and what it does (for tests and documentation)."""
    return dict(_FORMS)
