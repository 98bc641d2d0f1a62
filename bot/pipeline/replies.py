"""What the bot sends: a text with optional quick replies, rendered in the Send API's shape."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.constants import QUICK_REPLIES_MAX, QUICK_REPLY_TITLE_MAX, TEXT_MAX

# Payloads of our own buttons and quick replies. A payload is data from the client: the
# payload router parses it and never trusts it further than these prefixes.
GET_STARTED = "GET_STARTED"
MENU = "MENU"
INTENT = "INTENT:"
# Quick-reply payloads of the rights flows: the routers read them, the consent package offers them.
ERASE, RECTIFY, RESTRICT = "ERASE:", "RECTIFY:", "RESTRICT:"
OBJECT = "OBJECT:"  # OBJECT:<yes|no>: the answer to "Shall I restrict the use of your data?"
LANG = "LANG:"
CONSENT = "CONSENT:"  # CONSENT:<purpose>:<yes|no|more>
WITHDRAW = "WITHDRAW:"  # WITHDRAW:<purpose|all>
MM_OPTIN = "MM_OPTIN"
ASK = "ASK:"  # ASK:<intent>: put a question the policy does not answer to the privacy staff
TO_STAFF = "TO_STAFF"  # pass the person's own words, held in their flow, to the privacy staff
# Hand the thread to the Page Inbox, where a person from the staff answers (an action intent).
HUMAN = INTENT + "human_agent"


@dataclass(frozen=True, slots=True)
class QuickReply:
    title: str
    payload: str


@dataclass(frozen=True, slots=True)
class Reply:
    text: str
    quick_replies: tuple[QuickReply, ...] = ()
    attachment: dict[str, Any] | None = None
    # This reply puts the open flow's question (its quick replies answer it): once sent,
    # its message id is what a typed yes / no must be answering.
    asks: bool = False
    # No open question is put after it in the same turn: its quick replies are the point
    # ("Did you mean ...?", the menu, "you also asked"), which a question after it would take
    # from the screen, or the person is leaving (thanks, goodbye).
    ends_turn: bool = False

    def message(self) -> dict[str, Any]:
        """The Send API `message` object, cut to Messenger's limits."""
        if self.attachment is not None:
            return {"attachment": self.attachment}
        body: dict[str, Any] = {"text": _clip(self.text, TEXT_MAX - 1)}
        if self.quick_replies:
            body["quick_replies"] = [
                {
                    "content_type": "text",
                    "title": _clip(q.title, QUICK_REPLY_TITLE_MAX),
                    "payload": q.payload,
                }
                for q in self.quick_replies[:QUICK_REPLIES_MAX]
            ]
        return body


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
