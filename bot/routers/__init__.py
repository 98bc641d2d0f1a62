"""The routers in the one order of DESIGN; the first that answers wins.

Every other router module states what it does, not where it stands: the order lives here.
"""

from __future__ import annotations

from bot.pipeline.dispatcher import Dispatcher
from bot.routers.breach import breach
from bot.routers.compliance import compliance
from bot.routers.consent import consent_answers, consent_gate
from bot.routers.enforcement import enforcement
from bot.routers.fallback import fallback
from bot.routers.handover import handover
from bot.routers.optins import optins
from bot.routers.payloads import payloads
from bot.routers.questions import questions
from bot.routers.receipts import receipts
from bot.routers.rights import rights_flows
from bot.routers.staff_link import staff_link
from bot.routers.subscription import subscription_answers


def build_dispatcher() -> Dispatcher:
    """The order of DESIGN: receipts, compliance words, the open flow, payloads, the consent
    gate, intents, fallback. First match wins. Compliance words take only text messages and
    receipts only receipt events, so compliance may go first: STOP works even in breach mode
    and while a human holds the thread (standby), where the handover router, right after
    compliance, keeps everything else silent."""
    return Dispatcher(
        [
            ("enforcement", enforcement),
            ("compliance", compliance),
            ("handover", handover),
            ("staff_link", staff_link),
            ("breach", breach),
            ("receipts", receipts),
            ("optins", optins),
            ("flow", consent_answers),
            ("rights", rights_flows),
            ("subscription", subscription_answers),
            ("payloads", payloads),
            ("consent", consent_gate),
            ("questions", questions),
            ("fallback", fallback),
        ]
    )
