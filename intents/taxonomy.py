"""The shared intent taxonomy (../shared/intents.md): the same ids in every pack."""

from __future__ import annotations

INTENT_IDS: tuple[str, ...] = (
    "greeting",
    "help",
    "policy_overview",
    "personal_data_definition",
    "data_collected",
    "data_sources",
    "data_use",
    "marketing",
    "third_parties",
    "international_transfer",
    "security",
    "breach",
    "legal_basis",
    "policy_changes",
    "contact",
    "controller",
    "retention",
    "cookies",
    "children",
    "sensitive_data",
    "complaint",
    "rights_overview",
    "access",
    "export",
    "rectify",
    "erase",
    "unsubscribe",
    "resubscribe",
    "withdraw_consent",
    "object_processing",
)

# Conversation (../shared/intents.md, round 2): small talk, answered short and warm from the
# shared catalogue intents/conversation.toml (a pack may override), never with the menu.
CONVERSATION_IDS: tuple[str, ...] = (
    "thanks",
    "goodbye",
    "acknowledge",
    "how_are_you",
    "bot_identity",
    "frustration",
    "human_agent",
)

# About the person's own requests, not the policy: answered from the store (docs/packs.md,
# "Beyond the taxonomy"), from the same catalogue as the conversation.
SERVICE_IDS: tuple[str, ...] = ("request_status",)

# Action intents start a flow in the chat instead of only answering.
ACTION_INTENTS: frozenset[str] = frozenset(
    {
        "access",
        "export",
        "rectify",
        "erase",
        "unsubscribe",
        "resubscribe",
        "withdraw_consent",
        "object_processing",
        "human_agent",
    }
)

ALL_INTENT_IDS: tuple[str, ...] = INTENT_IDS + CONVERSATION_IDS + SERVICE_IDS
KNOWN_INTENTS: frozenset[str] = frozenset(ALL_INTENT_IDS)
