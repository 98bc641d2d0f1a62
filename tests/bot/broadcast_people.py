"""People left out of the marketing audience the way the bot leaves them out: through the
consent store, STOP, a restriction and erasure (each takes the person out of
`<p>:idx:marketing`), never by writing fields by hand. Shared by the dry-run tests of the
bot and of the console."""

from __future__ import annotations

import datetime as dt
import time

from bot.consent.receipts import ConsentReceipt, Decision, iso_utc
from bot.rights.operations import set_restricted
from bot.services import Services
from tests.helpers import record_contact

# The reviewer's run: who is in the audience, who left it and how.
REVIEWERS_RUN = {"eligible": 2, "withdrew": 3, "stop": 4, "restricted": 1, "refused": 1}


def daytime_offset() -> str:
    """A profile hour offset in which it is about noon now: nobody is in their quiet hours."""
    return str(12 - dt.datetime.now(dt.UTC).hour)


async def consent(services: Services, psid: str, decision: Decision, lang: str = "sl") -> None:
    now_ms = int(time.time() * 1000)
    receipt = ConsentReceipt.model_validate(
        {
            "purpose": "marketing",
            "decision": decision,
            "policy": services.pack.id,
            "policy_version": services.pack.pack.policy_version,
            "language": lang,
            "at": iso_utc(now_ms),
            "evidence": f"m_{psid}_{decision}",
        }
    )
    await services.consents.record(psid, receipt, granted_any=decision == "granted")


async def person(services: Services, psid: str, *decisions: Decision, lang: str = "sl") -> str:
    """Someone who wrote just now (inside the 24-hour window) and decided `decisions` about
    marketing, in order."""
    await record_contact(services, psid, int(time.time() * 1000))
    await services.store.update(psid, {"language": lang, "profile:timezone": daytime_offset()})
    for decision in decisions:
        await consent(services, psid, decision, lang)
    return psid


async def reviewers_run(services: Services) -> None:
    """2 may receive it; 3 withdrew marketing consent, 4 typed STOP, 1 restricted processing
    and 1 refused: only the first 2 are left in the audience index."""
    for i in range(REVIEWERS_RUN["eligible"]):
        await person(services, f"ok-{i}", "granted")
    for i in range(REVIEWERS_RUN["withdrew"]):
        await person(services, f"withdrew-{i}", "granted", "withdrawn")
    for i in range(REVIEWERS_RUN["stop"]):
        await services.store.set_subscribed(await person(services, f"stop-{i}", "granted"), False)
    for i in range(REVIEWERS_RUN["restricted"]):
        await set_restricted(services, await person(services, f"restr-{i}", "granted"), True)
    for i in range(REVIEWERS_RUN["refused"]):
        await person(services, f"refused-{i}", "refused")
