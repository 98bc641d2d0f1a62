"""What the bot and the CLI both run: compliance words first, emoji alone (intents/emoji.py),
then the matcher."""

from __future__ import annotations

from intents.compliance import compliance_keyword
from intents.emoji import emoji_intent
from intents.language import guess_language
from intents.matcher import IntentMatch, Matcher, Understanding

COMPLIANCE_SCORE = 100.0


def understand(matcher: Matcher, text: str, lang: str | None = None) -> Understanding:
    """A bare STOP / START form acts at once; anything else goes to the matcher."""
    keyword = compliance_keyword(text)
    if keyword is None:
        said = emoji_intent(text)
        if said is not None and said in matcher.pack.intents:
            return IntentMatch(said, COMPLIANCE_SCORE, _language(matcher, text, lang))
        return matcher.classify(text, lang)
    return IntentMatch(keyword, COMPLIANCE_SCORE, _language(matcher, text, lang))


def _language(matcher: Matcher, text: str, lang: str | None) -> str:
    if lang in matcher.languages:
        return lang
    return guess_language(text, matcher.languages) or matcher.pack.default_language
