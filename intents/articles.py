"""A request that cites one GDPR rights article is a request under that article.

"Under Article 17 of the GDPR I request the deletion of my personal data without undue
delay" is unmistakable to a person, but its formal words are few of them in the packs: it
scored under the threshold, and "na podlagi 15. člena GDPR zahtevam informacijo, katere
podatke obdelujete" read as `data_collected`. The article names the right; the bot still
asks before anything that acts (erase, object), as for every typed request.
"""

from __future__ import annotations

from intents.registers import _ARTICLE_REF, article_right

# The intent that answers each right the articles grant.
RIGHT_INTENTS = {
    "withdraw": "withdraw_consent",
    "access": "access",
    "rectify": "rectify",
    "erase": "erase",
    "restrict": "object_processing",
    "export": "export",
    "object": "object_processing",
    "complaint": "complaint",
}


def cited_intent(text: str) -> str | None:
    """The intent of the one rights article `text` cites; None for none, or for several
    (a message citing articles 15 and 17 says more than one thing)."""
    cited = set()
    for match in _ARTICLE_REF.finditer(text):
        right = article_right(match)
        if right is not None:
            cited.add(RIGHT_INTENTS[right])
    return cited.pop() if len(cited) == 1 else None
