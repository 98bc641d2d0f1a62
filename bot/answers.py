"""Policy answers from the pack, rendered as replies with related topics as quick replies."""

from __future__ import annotations

from dataclasses import replace

from bot.pipeline.dispatcher import Turn
from bot.pipeline.replies import ASK, INTENT, LANG, QuickReply, Reply
from bot.texts import LANGUAGE_NAMES, text
from bot.texts.words import law_starts
from intents.language import guess_language
from intents.matcher import NoMatch, Understanding
from intents.pack import Pack
from intents.taxonomy import CONVERSATION_IDS, SERVICE_IDS
from intents.understand import understand

# Answers that come from no policy section: no "source" line, no "ask the staff".
UNSOURCED = frozenset({"greeting", "help", *CONVERSATION_IDS, *SERVICE_IDS})
MENU_INTENTS = (
    "policy_overview",
    "data_collected",
    "rights_overview",
    "access",
    "erase",
    "unsubscribe",
)


def pack_lang(pack: Pack, lang: str) -> str:
    """The person's language if the pack speaks it, else the pack's default."""
    return lang if lang in pack.languages else pack.default_language


def topic_buttons(pack: Pack, intents: tuple[str, ...], lang: str) -> tuple[QuickReply, ...]:
    lang = pack_lang(pack, lang)
    return tuple(QuickReply(pack.intents[name].title[lang], INTENT + name) for name in intents)


def language_buttons(pack: Pack, lang: str) -> tuple[QuickReply, ...]:
    """Quick replies to switch to each other language the pack speaks."""
    return tuple(
        QuickReply(LANGUAGE_NAMES.get(other, other), LANG + other)
        for other in pack.languages
        if other != pack_lang(pack, lang)
    )


def menu(pack: Pack, lang: str, lead: str = "menu") -> Reply:
    body = text(lead, pack_lang(pack, lang), controller=pack.pack.controller)
    buttons = topic_buttons(pack, MENU_INTENTS, lang) + language_buttons(pack, lang)
    return Reply(body, buttons, ends_turn=True)


def answer(pack: Pack, intent: str, lang: str) -> list[Reply]:
    """The pack's answer to `intent`, its section named, related topics offered."""
    lang = pack_lang(pack, lang)
    spec = pack.intents[intent]
    messages = list(spec.answer[lang])
    section = spec.section.get(lang, "")
    if section:
        messages = with_source(messages, text("source", lang, section=section))
    buttons = topic_buttons(pack, spec.related, lang)
    asks_staff = offers_ask_staff(pack, intent)
    if asks_staff:
        buttons = (QuickReply(text("ask_staff", lang), ASK + intent), *buttons)
    replies = [Reply(message) for message in messages[:-1]]
    # "Ask here: your question is recorded" needs its button in view, and an answer that asks
    # ("Want to see what we hold about you?") its own yes: no open question is put after
    # either (a consent question's buttons would take their place, and a "yes" meant for the
    # answer would grant consent). It comes at the next turn.
    ends_turn = asks_staff or "?" in messages[-1]
    replies.append(Reply(messages[-1], buttons, ends_turn=ends_turn))
    return replies


def with_source(messages: list[str], source: str) -> list[str]:
    """The section label with the policy's own words: after them, before any sentence that
    speaks for the law ("By law (GDPR) ..."), so the law never reads as the policy."""
    for index, message in enumerate(messages):
        cut = law_starts(message)
        if cut is None:
            continue
        policy = message[:cut].rstrip(" ;,")
        if not policy and index == 0:
            return messages  # all law, nothing the policy says: no label
        if not policy:
            return [*messages[: index - 1], f"{messages[index - 1]}\n\n{source}", *messages[index:]]
        if policy.endswith(("…", ")")) or policy[-1].isalnum():
            policy += "."
        law = message[cut:].lstrip()
        law = law[:1].upper() + law[1:]
        return [*messages[:index], f"{policy}\n\n{source}\n\n{law}", *messages[index + 1 :]]
    return [*messages[:-1], f"{messages[-1]}\n\n{source}"]


def offers_ask_staff(pack: Pack, intent: str) -> bool:
    """Whether the answer comes with "ask the staff": where the policy is silent, and where
    the answer itself invites asking here (the pack's `ask_staff`, docs/packs.md)."""
    if intent in UNSOURCED:
        return False
    spec = pack.intents[intent]
    return spec.ask_staff or not any(spec.section.values())


def did_you_mean(pack: Pack, intents: tuple[str, ...], lang: str) -> Reply:
    buttons = topic_buttons(pack, intents, lang)
    return Reply(text("did_you_mean", pack_lang(pack, lang)), buttons, ends_turn=True)


def understand_turn(turn: Turn) -> tuple[Understanding, Turn]:
    """The person's message in their language; if that finds nothing, in the language the
    message itself is written in (people switch), which then becomes the reply's language:
    the turn returned with the result speaks it."""
    matcher, message = turn.services.matcher, turn.event.text
    result = understand(matcher, message, turn.lang)
    if not isinstance(result, NoMatch):
        return result, turn
    written_in = guess_language(message, matcher.languages)
    if written_in == turn.lang:
        return result, turn  # the same language again would find the same nothing
    # No clear language ("yo" as a first message): every language the pack speaks is tried.
    guessed = understand(matcher, message, written_in)
    if not isinstance(guessed, NoMatch):
        return guessed, replace(turn, lang=guessed.lang)
    return result, turn
