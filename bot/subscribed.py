"""What "subscribed" means, in one place: the people list and its filter, the person's page,
the admin API and the broadcast audience all ask this function.

A person is subscribed when they granted marketing consent and have not said STOP since.
(The raw `subscribed` flag alone is not it: someone who refused marketing never said STOP,
so their flag still reads "1".) Whether a broadcast can reach a subscribed person now
(restriction, Meta's window, quiet hours) is a delivery question: bot.broadcast.rules.
"""

from __future__ import annotations

from collections.abc import Mapping

# The user-hash fields the answer needs (for HMGET callers).
FIELDS = ("consent:marketing", "subscribed")


def is_subscribed(fields: Mapping[str, str | None]) -> bool:
    return fields.get("consent:marketing") == "granted" and fields.get("subscribed") != "0"
