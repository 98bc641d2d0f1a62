"""The consent conversation: one purpose at a time, yes / no / tell me more.

Decisions become receipts (bot.consent.receipts); `profile` consent is what allows the profile
fetch, and the receipt records which fields came back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from bot.answers import language_buttons, menu, pack_lang
from bot.consent.profile import locale_language, store_profile
from bot.consent.receipts import (
    PURPOSES,
    ConsentReceipt,
    Decision,
    Purpose,
    iso_utc,
    needs_reconsent,
)
from bot.constants import OPTIN_TITLE_MAX
from bot.pipeline.dispatcher import Turn
from bot.pipeline.flows import ConsentFlow
from bot.pipeline.replies import CONSENT, MM_OPTIN, QuickReply, Reply
from bot.store import UserRecord
from bot.texts import text
from bot.texts.words import yes_or_no


def next_purpose(user: UserRecord, rights_version: str) -> Purpose | None:
    """The first purpose still to ask about (see `still_open`)."""
    return next((p for p in PURPOSES if still_open(user, p, rights_version)), None)


def still_open(user: UserRecord, purpose: Purpose, rights_version: str) -> bool:
    """Whether `purpose` is undecided, or granted under an outdated policy (a refusal stands:
    a new policy version is no reason to ask someone who said no again). Nothing is asked of
    someone who restricted processing, and no marketing of someone who said STOP: they have
    just said what they want."""
    if user.restricted or (purpose == "marketing" and not user.subscribed):
        return False
    decision = user.consent(purpose)
    if decision is None:
        return True
    return decision == "granted" and needs_reconsent(user.consent_version(purpose), rights_version)


def typed_answer(message_text: str) -> str | None:
    """ "yes" or "no" in the person's words ("ja seveda", "no thanks"), else None."""
    return yes_or_no(message_text)


async def ask(turn: Turn, purpose: Purpose) -> Reply:
    await turn.services.store.set_flow(turn.psid, ConsentFlow(purpose=purpose))
    lang = pack_lang(turn.services.pack, turn.lang)
    options = (
        QuickReply(text("yes", lang), f"{CONSENT}{purpose}:yes"),
        QuickReply(text("no", lang), f"{CONSENT}{purpose}:no"),
        QuickReply(text("more", lang), f"{CONSENT}{purpose}:more"),
    )
    languages = language_buttons(turn.services.pack, lang)
    return Reply(text(f"ask_{purpose}", lang), options + languages, asks=True)


async def intro(turn: Turn) -> Reply:
    """The first-contact greeting, once per person: `greeted` stays in their record until
    an erasure (or the 30-day expiry of someone who consented to nothing) removes it."""
    await turn.services.store.update(turn.psid, {"greeted": "1"})
    pack = turn.services.pack
    lang = pack_lang(pack, turn.lang)
    url = policy_url(turn)
    return Reply(text("intro", lang, controller=pack.pack.controller, policy_url=url))


def policy_url(turn: Turn) -> str:
    """Where this Page's policy is read (`/policy`): with many Pages, `/policy` alone would
    show the first Page's policy, not this one's."""
    page_id = turn.services.page.id
    policy_path = f"/policy/{page_id}" if page_id else "/policy"
    return turn.services.settings.public_url.rstrip("/") + policy_path


async def explain(turn: Turn, purpose: Purpose) -> list[Reply]:
    pack = turn.services.pack
    lang = pack_lang(pack, turn.lang)
    spec = getattr(pack.consent, purpose)
    body = spec.explain[lang]
    if section := spec.section.get(lang):
        body = f"{body}\n\n{text('source', lang, section=section)}"
    return [Reply(body), await ask(turn, purpose)]


async def record_decision(
    turn: Turn,
    purpose: Purpose,
    decision: Decision,
    channel: str = "messenger",
    question: str | None = None,
) -> Turn:
    """Write the receipt (fetching the profile first if it was just allowed). The turn
    returned knows the person as now stored, in the language the conversation goes on in."""
    services = turn.services
    # The language the question was put and answered in: the evidence of what was agreed,
    # before the fetched profile's locale may switch the conversation's language.
    asked_in = lang = turn.lang
    fields: tuple[str, ...] | None = None
    if purpose == "profile" and decision == "granted":
        fields, lang = await _fetch_profile(turn)
    receipt = ConsentReceipt(
        purpose=purpose,
        decision=decision,
        policy=services.pack.id,
        policy_version=services.pack.pack.policy_version,
        language=asked_in,
        at=iso_utc(turn.event.timestamp),
        evidence=turn.evidence,
        question=question,
        fields=fields,
        channel=channel,
    )
    granted_any = decision == "granted" or any(
        turn.user.consent(p) == "granted" for p in PURPOSES if p != purpose
    )
    await services.consents.record(
        turn.psid, receipt, granted_any=granted_any, restricted=turn.user.restricted
    )
    return replace(await turn.reload(), lang=lang)


async def decide(
    turn: Turn, purpose: Purpose, decision: Decision, question: str | None = None
) -> list[Reply]:
    """An answer to a consent question (`question`: the message id of the question it
    answered): record it, thank, go on to the next question."""
    await turn.services.store.clear_flow(turn.psid)
    turn = await record_decision(turn, purpose, decision, question=question)
    replies = [_acknowledge(turn, purpose, decision)]
    if purpose == "marketing" and decision == "granted" and turn.services.settings.marketing_tokens:
        replies.append(marketing_optin(turn))
    return replies + await follow_up(turn)


async def follow_up(turn: Turn) -> list[Reply]:
    """Ask the next open question, or close the conversation with the menu."""
    purpose = next_purpose(turn.user, turn.services.pack.pack.rights_version)
    if purpose is not None:
        return [await ask(turn, purpose)]
    return [menu(turn.services.pack, turn.lang, lead="done")]


def _acknowledge(turn: Turn, purpose: Purpose, decision: Decision) -> Reply:
    lang = pack_lang(turn.services.pack, turn.lang)
    outcome = "granted" if decision == "granted" else "refused"
    first_name = (turn.user.profile() or {}).get("first_name")
    name = f", {first_name}" if first_name else ""
    return Reply(text(f"{purpose}_{outcome}", lang, name=name))


async def _fetch_profile(turn: Turn) -> tuple[tuple[str, ...], str]:
    """The fields that came back, and the conversation's language from now on: the
    profile's locale, unless the person chose a language or has been writing in one."""
    services = turn.services
    profile = await services.profiles.fetch(turn.psid)
    await store_profile(
        services.store, psid=turn.psid, profile=profile, now=dt.datetime.now(dt.UTC)
    )
    lang = locale_language(profile.get("locale"), services.pack.languages)
    # The language someone chose, or writes in when it is another, wins over the locale.
    source = turn.user.get("language_source")
    writes_another = source == "guess" and turn.user.language not in (None, lang)
    if lang and source != "choice" and not writes_another:
        await services.store.update(turn.psid, {"language": lang, "language_source": "locale"})
        return tuple(profile), lang
    return tuple(profile), turn.lang


def marketing_optin(turn: Turn) -> Reply:
    """Meta's Marketing Messages opt-in, so offers can reach the person outside 24 hours."""
    pack = turn.services.pack
    lang = pack_lang(pack, turn.lang)
    title = text("optin_title", lang, controller=pack.pack.controller)[:OPTIN_TITLE_MAX]
    payload = {
        "template_type": "notification_messages",
        "title": title,
        "payload": MM_OPTIN,
        "notification_messages_cta_text": "GET_UPDATES",
        "notification_messages_timezone": "Europe/Ljubljana",
    }
    return Reply("", attachment={"type": "template", "payload": payload})
