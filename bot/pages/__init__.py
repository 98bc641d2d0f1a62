"""Many Pages in one deployment: what one Page owns, in one object (DESIGN "Pages").

A person is (Page, PSID). Each Page has its own keys, policy pack and matcher, Graph client
(its token) and time zone; `bot.services.Services.for_page` gives the per-Page view handlers use.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.graph.client import GraphClient
from bot.keys import Keys
from intents.matcher import Matcher
from intents.pack import Pack

JOURNAL_FILE = "erasure-journal.jsonl"


@dataclass(frozen=True)
class Page:
    id: str  # "" in the one-Page configuration without PAGES_FILE (id not known)
    name: str  # the controller, as people should read it
    pack: Pack
    matcher: Matcher
    graph: GraphClient
    token: str
    time_zone: str
    keys: Keys


def journal_file(page_id: str) -> str:
    """The erasure journal's file under VAR_DIR: one per Page (today's name without Pages)."""
    return f"erasure-journal.{page_id}.jsonl" if page_id else JOURNAL_FILE
