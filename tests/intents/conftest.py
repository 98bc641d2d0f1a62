"""The matcher over the test pack, shared by the matcher and understanding tests."""

from __future__ import annotations

import pytest

from intents.matcher import Matcher
from tests.intents.fixture_pack import fixture_pack
from tests.intents.shipped import shipped_matchers


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    # No companions: the unit tests must not depend on the shipped packs.
    return Matcher(fixture_pack(), companions=())


@pytest.fixture(scope="session")
def matchers() -> dict[str, Matcher]:
    """One matcher per shipped pack a language uses (tests/intents/shipped.py)."""
    return shipped_matchers()
