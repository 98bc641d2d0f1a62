"""What the bot and the CLI both run: compliance words first, then the matcher."""

from __future__ import annotations

from intents.compliance import compliance_keyword
from intents.language import guess_language
from intents.matcher import IntentMatch, Matcher, Understanding

COMPLIANCE_SCORE = 100.0


def understand(matcher: Matcher, text: str, lang: str | None = None) -> Understanding:
    """A bare STOP / START form acts at once; anything else goes to the matcher."""
    keyword = compliance_keyword(text)
    if keyword is None:
        return matcher.classify(text, lang)
    if lang not in matcher.languages:
        lang = guess_language(text, matcher.languages) or matcher.pack.default_language
    return IntentMatch(keyword, COMPLIANCE_SCORE, lang)
