"""The matcher over the test pack, shared by the matcher and understanding tests."""

from __future__ import annotations

import pytest

from intents.matcher import Matcher
from tests.intents.fixture_pack import fixture_pack


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    # No companions: the unit tests must not depend on the shipped packs.
    return Matcher(fixture_pack(), companions=())
