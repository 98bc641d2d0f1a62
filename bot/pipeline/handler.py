"""Handling one event: the routers in their fixed order, then the replies sent."""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

from bot.consent.profile import is_stale, store_profile
from bot.consent.receipts import needs_reconsent
from bot.errors import GraphPermanent
from bot.pipeline.dispatcher import Dispatcher, Turn
from bot.pipeline.events import MessagingEvent
from bot.pipeline.turn_state import OpenedTurn, TurnOpener
from bot.routers import build_dispatcher
from bot.routers.open_question import put_again, remember_question
from bot.services import Services
from bot.store import UserRecord
from intents.language import guess_language

log = logging.getLogger("privacybot.handler")

# Languages the person set (a button, a correction) or Facebook's locale gave: a guess from
# one message does not replace them; an earlier guess it does. (The locale is taken only
# from someone who has not been writing in a language: bot.consent.flow.)
FIXED_LANGUAGE = frozenset({"choice", "locale"})
_ACTIONS = frozenset({"message", "postback"})
_CREATES = frozenset({"message", "postback", "optin"})  # what a new person can start with


class Handler:
    """Handles events of every Page: each through its own Page's view of the services."""

    def __init__(self, services: Services, dispatcher: Dispatcher | None = None) -> None:
        self.dispatcher = dispatcher or build_dispatcher()
        self._pages = {
            page.page.id: _PageHandler(page, self.dispatcher) for page in services.every_page()
        }
        # One Page without PAGES_FILE is its own default (id ""): one handler, not two.
        self._default = self._pages.get("") or _PageHandler(services, self.dispatcher)

    async def __call__(self, event: MessagingEvent) -> None:
        if not event.page_id:
            await self._default(event)
            return
        handler = self._pages.get(event.page_id)
        if handler is None and not self._default.services.paged:
            handler = self._default  # one Page without PAGES_FILE: it serves every id
        if handler is None:  # queued for a Page since taken out of PAGES_FILE
            log.warning("event kind=%s of a Page no longer served dropped", event.kind)
            return
        await handler(event)


class _PageHandler:
    def __init__(self, services: Services, dispatcher: Dispatcher) -> None:
        self.services = services
        self.dispatcher = dispatcher
        self.opener = TurnOpener(services.scripts, services.keys, services.store.cipher)

    async def __call__(self, event: MessagingEvent) -> None:
        services = self.services
        psid = event.psid
        opened = await self._open(event)
        if opened is None:
            # Queued before the person was erased, or a receipt about nobody we keep.
            log.info("event kind=%s of an erased or unknown person dropped", event.kind)
            return
        user = opened.user
        if event.kind in _ACTIONS and not opened.breach:
            user = await self._refresh_profile(user)
        lang = await self._language(user, event, remember=not opened.breach)
        turn = Turn(
            event=event,
            services=services,
            user=user,
            lang=lang,
            first_contact=opened.first_contact,
            breach=opened.breach,
            flow=opened.flow,
        )
        router, replies = await self.dispatcher.dispatch(turn)
        replies = await put_again(turn, router, replies)
        sent = await self._send(psid, opened.held, [reply.message() for reply in replies])
        if sent is not None:
            await remember_question(turn, replies[-1] if replies else None, sent.get("message_id"))
        log.info(
            "event kind=%s user=%s router=%s replies=%d",
            event.kind,
            services.pseudonym(psid) if psid else "-",
            router,
            len(replies),
        )

    async def _send(
        self, psid: str, held: list[dict[str, Any]], replies: list[dict[str, Any]]
    ) -> dict[str, Any] | None:
        """The Send API's answer to the last message; None when it did not go out.

        A permanent refusal (blocked, Page token, standby thread) ends the turn: the
        event was handled, and running it again would record its decisions again. Held
        results that did not go out are held again for the next contact."""
        messages = [*held, *replies]
        answered: dict[str, Any] = {}
        for index, message in enumerate(messages):
            try:
                answered = await self.services.graph.send(psid, message)
            except GraphPermanent as error:
                unsent = [json.dumps(m) for m in messages[index : len(held)]]
                if unsent:
                    await self.services.redis.lpush(self.services.keys.outbox(psid), *unsent[::-1])
                log.warning(
                    "replies undeliverable user=%s code=%s unsent=%d",
                    self.services.pseudonym(psid),
                    error.label,
                    len(messages) - index,
                )
                return None
        return answered

    async def _open(self, event: MessagingEvent) -> OpenedTurn | None:
        if not event.psid:  # page-level events (policy enforcement) concern no person
            return OpenedTurn(UserRecord("", {}), first_contact=False, breach=False, flow=None)
        return await self.opener.open(
            event.psid,
            event.timestamp,
            action=event.kind in _ACTIONS and not event.standby,
            digest=self.services.pseudonym(event.psid),
            known_only=event.kind not in _CREATES or event.standby,
        )

    async def _refresh_profile(self, user: UserRecord) -> UserRecord:
        """At most once a week while `profile` consent holds under the current policy."""
        now = dt.datetime.now(dt.UTC)
        if user.consent("profile") != "granted" or user.restricted or not is_stale(user, now):
            return user
        if needs_reconsent(user.consent_version("profile"), self.services.pack.pack.rights_version):
            return user  # asked again first: the old consent does not cover a new fetch
        profile = await self.services.profiles.fetch(user.psid)
        await store_profile(self.services.store, psid=user.psid, profile=profile, now=now)
        return await self.services.store.load(user.psid)

    async def _language(self, user: UserRecord, event: MessagingEvent, *, remember: bool) -> str:
        """A chosen language; else a clear guess from the text (remembered: people switch
        language mid-chat), else the one guessed before, else the pack's."""
        pack = self.services.pack
        if not user.psid:
            return pack.default_language
        if user.language and user.get("language_source") in FIXED_LANGUAGE:
            return user.language
        typed = (
            event.kind == "message" and event.message is not None and not event.message.quick_reply
        )
        # Only what the person typed: an echo is the Page's text, a tap the button's title.
        guess = guess_language(event.text, pack.languages) if typed and event.text else None
        if user.language and guess in (None, user.language):
            return user.language
        if guess and remember:
            await self.services.store.update(
                user.psid, {"language": guess, "language_source": "guess"}
            )
        return guess or pack.default_language
