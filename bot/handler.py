"""Handling one event: the routers in their fixed order, then the replies sent."""

from __future__ import annotations

import datetime as dt
import logging

from bot.dispatcher import Dispatcher, Turn
from bot.events import MessagingEvent
from bot.profile import is_stale, store_profile
from bot.routers.breach import breach
from bot.routers.compliance import compliance
from bot.routers.consent import consent_answers, consent_gate
from bot.routers.enforcement import enforcement
from bot.routers.fallback import fallback
from bot.routers.optins import optins
from bot.routers.payloads import payloads
from bot.routers.questions import questions
from bot.routers.receipts import receipts
from bot.routers.rights import rights_flows
from bot.services import Services
from bot.store import UserRecord
from bot.turn_state import OpenedTurn, TurnOpener
from intents.language import guess_language

log = logging.getLogger("privacybot.handler")

_ACTIONS = frozenset({"message", "postback"})


def build_dispatcher() -> Dispatcher:
    """The order of DESIGN: receipts, compliance words, the open flow, payloads, the consent
    gate, intents, fallback. First match wins."""
    return Dispatcher(
        [
            ("enforcement", enforcement),
            ("breach", breach),
            ("receipts", receipts),
            ("optins", optins),
            ("compliance", compliance),
            ("flow", consent_answers),
            ("rights", rights_flows),
            ("payloads", payloads),
            ("consent", consent_gate),
            ("questions", questions),
            ("fallback", fallback),
        ]
    )


class Handler:
    def __init__(self, services: Services, dispatcher: Dispatcher | None = None) -> None:
        self.services = services
        self.dispatcher = dispatcher or build_dispatcher()
        self.opener = TurnOpener(services.redis, services.keys, services.store.cipher)

    async def __call__(self, event: MessagingEvent) -> None:
        services = self.services
        psid = event.psid
        opened = await self._open(event)
        if opened is None:
            # Queued before the person was erased: handling it would bring data back.
            log.info("event kind=%s of an erased person dropped", event.kind)
            return
        user = opened.user
        if event.kind in _ACTIONS and not opened.breach:
            user = await self._refresh_profile(user)
        lang = await self._language(user, event, remember=not opened.breach)
        turn = Turn(event, services, user, lang, first_contact=opened.first_contact,
                    breach=opened.breach, flow=opened.flow)  # fmt: skip
        held = opened.held
        router, replies = await self.dispatcher.dispatch(turn)
        for message in [*held, *(reply.message() for reply in replies)]:
            await services.graph.send(psid, message)
        log.info(
            "event kind=%s user=%s router=%s replies=%d",
            event.kind, services.pseudonym(psid) if psid else "-", router, len(replies),
        )  # fmt: skip

    async def _open(self, event: MessagingEvent) -> OpenedTurn | None:
        if not event.psid:  # page-level events (policy enforcement) concern no person
            return OpenedTurn(UserRecord("", {}), first_contact=False, breach=False, flow=None)
        return await self.opener.open(
            event.psid, event.timestamp, action=event.kind in _ACTIONS,
            digest=self.services.pseudonym(event.psid),
        )  # fmt: skip

    async def _refresh_profile(self, user: UserRecord) -> UserRecord:
        """At most once a week while `profile` consent holds."""
        now = dt.datetime.now(dt.UTC)
        if user.consent("profile") != "granted" or user.restricted or not is_stale(user, now):
            return user
        profile = await self.services.profiles.fetch(user.psid)
        await store_profile(self.services.store, user.psid, profile, now)
        return await self.services.store.load(user.psid)

    async def _language(self, user: UserRecord, event: MessagingEvent, *, remember: bool) -> str:
        """Known language, else a guess from the text (remembered), else the pack's."""
        pack = self.services.pack
        if not user.psid:
            return pack.default_language
        if user.language:
            return user.language
        guess = guess_language(event.text, pack.languages) if event.text else None
        if guess and remember:
            await self.services.store.update(
                user.psid, {"language": guess, "language_source": "guess"}
            )
        return guess or pack.default_language
