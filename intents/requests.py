"""Requests said in plain words that the scores read as a neighbouring question.

The examples of a question and of the request beside it share most words, so a sentence
with more words than any example ("I still get your messages, could you stop that?") lands
on the question (`marketing`) although it asks for something. Each rule below names the
request by what it must contain, in every language, and applies only where the matcher
read the question beside it, nothing, or a tie; the intent's own guard still decides
(intents/guard.py, intents/action_guard.py), and every one of these asks back before it
acts (unsubscribe, objection) or only records a request (rectify, the hand-over).

- stop the messages: a stop verb and what is sent, or "no more" with a sending verb, or
  with a receiving verb and a wish ("I don't get any more messages" only reports);
- stop personalised ads: that, plus how the ads are chosen ("based on my purchases") is
  an objection to profiling, not the end of every message;
- not wanting one's data used (analysed, profiled) is an objection;
- off the list: a removing verb, the person (or how they are reached) and a list, not the
  list of customers;
- change my name / address / e-mail: a change verb and a personal detail, and no word for
  the policy ("will you tell me when the policy changes?" stays `policy_changes`);
- talk to a person: a talking verb, a word for a person and a wish or a request;
- a copy in a file: a word for a file or its format and one for one's data.

And one question the scores split: asking why data is collected or needed asks its purpose
(`data_use`), not which data (`data_collected`): "zakaj zbirate mojo lokacijo".
"""

from __future__ import annotations

from dataclasses import dataclass

from intents.request_words import (
    ADS,
    AGAIN,
    ALREADY,
    ASKING,
    CHANGE,
    CHOSEN_BY,
    COLLECTING,
    COMPLAINING,
    CONSENT,
    CUSTOMERS,
    DETAILS,
    DONE,
    FILE,
    LEGAL,
    LIST,
    MESSAGES,
    MORE,
    NEGATED,
    OBJECTING,
    PERSON,
    PERSONAL,
    PLEASE,
    POLICY,
    RECEIVING,
    RECORDS,
    REMOVING,
    REVOKING,
    SENDING,
    SENT,
    STOPPING,
    TALK,
    UNANSWERED,
    USING,
    WANT,
    WHOM,
    WHY,
    WRITING,
    Table,
    said_of,
)


@dataclass(frozen=True)
class Cue:
    """A request: the intent, the word groups it must all contain, and those it must not."""

    intent: str
    needs: tuple[Table, ...]
    not_with: tuple[Table, ...] = ()
    # What the matcher may have read instead and this replaces: the neighbouring questions
    # (and requests it is more precise than). A question understood as anything else stays.
    over: frozenset[str] = frozenset()
    # Whether the intent's own guard still decides (False: these words are its guard).
    guarded: bool = True

    def said(self, words: list[str], lang: str) -> bool:
        return all(said_of(words, table, lang) for table in self.needs) and not any(
            said_of(words, table, lang) for table in self.not_with
        )


OVER_SEEING = frozenset({"access", "data_collected", "help", "international_transfer"})
OVER_ADS = frozenset({"marketing", "unsubscribe", "data_use"})
OVER_MESSAGES = frozenset({"marketing", "data_use", "data_sources", "frustration"})
OVER_DETAILS = frozenset(
    {"policy_changes", "data_collected", "contact", "personal_data_definition"}
)
OVER_LIST = frozenset({"erase", "data_collected", "security"})
OVER_PURPOSE = frozenset({"data_collected", "data_sources"})
OVER_USE = frozenset({"data_use", "marketing", "legal_basis"})
# "I object to you tracking how I click": the objection's own verb, over what it names
# (tracking read as cookies).
OVER_OBJECTED = OVER_USE | {"cookies", "data_collected"}
OVER_PEOPLE = frozenset({"contact", "help", "rights_overview"})
# A request chased reads as the request itself or as where to write; told as made and not
# answered, also as the question its story's words point at ("I haven't heard anything
# since" read as policy changes). Asked about as done, not over policy changes: "ste že
# spremenili politiko?" asks about the policy. Over every topic, it took a long Slovene line of
# the blind set.
OVER_ASKED = frozenset(
    {"erase", "access", "export", "rectify", "data_collected", "contact", "data_use"}
)
OVER_STATUS = OVER_ASKED | {"policy_changes"}
OVER_CONSENT = frozenset({"access", "legal_basis", "rights_overview", "data_use"})
# First match wins: the objection before the plain stop it contains.
CUES = (
    Cue("object_processing", (STOPPING, ADS, CHOSEN_BY), (LEGAL,), OVER_ADS, guarded=False),
    Cue("object_processing", (NEGATED, ADS, CHOSEN_BY), (LEGAL,), OVER_ADS, guarded=False),
    Cue("object_processing", (NEGATED, WANT, USING, PERSONAL), (AGAIN,), OVER_USE),
    Cue("object_processing", (OBJECTING,), over=OVER_OBJECTED),
    Cue("unsubscribe", (STOPPING, MESSAGES), (AGAIN,), OVER_MESSAGES),
    Cue("unsubscribe", (NEGATED, MORE, SENDING), (AGAIN,), OVER_MESSAGES),
    Cue("unsubscribe", (NEGATED, MORE, RECEIVING, WANT), (AGAIN,), OVER_MESSAGES),
    # "ne želim reklam", "I don't want your ads": the wish refused names what is sent (ads
    # chosen by one's purchases are objected to, above). Asked back before anything changes.
    Cue("unsubscribe", (NEGATED, WANT, MESSAGES), (AGAIN, CHOSEN_BY), OVER_MESSAGES),
    Cue(
        "unsubscribe", (REMOVING, LIST, WHOM), (AGAIN, CUSTOMERS), OVER_MESSAGES | OVER_LIST, False
    ),
    # Before the request it chases ("I asked for my phone number to be corrected ... where
    # does my request stand?"); a complaint about it is a complaint.
    Cue("request_status", (SENT, UNANSWERED), (COMPLAINING,), OVER_STATUS, guarded=False),
    Cue("request_status", (ALREADY, DONE), (WANT, PLEASE, COMPLAINING, POLICY), OVER_ASKED, False),
    Cue("rectify", (CHANGE, DETAILS), (POLICY,), OVER_DETAILS),
    Cue("human_agent", (TALK, PERSON, ASKING), (WRITING,), over=OVER_PEOPLE),
    Cue("export", (FILE, RECORDS), over=OVER_SEEING),
    Cue("data_use", (WHY, COLLECTING, PERSONAL), over=OVER_PURPOSE, guarded=False),
    Cue("complaint", (COMPLAINING,), over=frozenset({"contact"}), guarded=False),
    Cue("withdraw_consent", (REVOKING, CONSENT), over=OVER_CONSENT),
)


def requested(words: list[str], lang: str) -> Cue | None:
    """The request `words` (folded, standardised) say in plain words, if any."""
    return next((cue for cue in CUES if cue.said(words, lang)), None)
