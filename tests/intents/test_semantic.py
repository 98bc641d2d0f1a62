"""The semantic layer (intents/semantic.py): a second opinion only where the matcher found
nothing, confirming the matcher's own guess; the examples' vectors cached by content."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from intents import semantic
from intents.matcher import IntentMatch, Matcher, NoMatch
from intents.pack import load_pack
from intents.semantic import CONFIRM_MIN, Examples
from intents.understand import understand


@pytest.fixture(scope="module")
def btc() -> tuple[Matcher, Matcher]:
    """The btc matcher with and without the semantic layer."""
    pack = load_pack("btc")
    return Matcher(pack, semantic=False), Matcher(pack)


def test_it_understands_what_the_matcher_only_guessed(btc: tuple[Matcher, Matcher]) -> None:
    plain, with_semantic = btc
    text = "a lahko zbrisete moj profil pa vse"
    assert isinstance(understand(plain, text, "sl"), NoMatch)
    found = understand(with_semantic, text, "sl")
    assert isinstance(found, IntentMatch) and found.intent == "erase"
    assert found.score >= 100 * CONFIRM_MIN


@pytest.mark.parametrize(
    "text",
    [
        "koliko stane kino karta",  # lies near rights_overview, but not near enough
        "kje lahko parkiram",  # its nearest example is complaint, not the matcher's guess
        "kako izbrišem fotografijo s profila",  # nearest is erase, but erase's guard refused
    ],
)
def test_it_never_answers_what_the_matcher_did_not_guess(
    btc: tuple[Matcher, Matcher], text: str
) -> None:
    _, with_semantic = btc
    assert isinstance(understand(with_semantic, text, "sl"), NoMatch)


def test_a_confirmed_guess_is_always_the_matchers_best(btc: tuple[Matcher, Matcher]) -> None:
    plain, with_semantic = btc
    text = "nehte mi posiljat te reklame"
    (guess, score), *_ = plain.rank(text, "sl")
    assert guess == "unsubscribe" and score < 45  # under its strict threshold
    found = understand(with_semantic, text, "sl")
    assert isinstance(found, IntentMatch) and found.intent == guess  # the bot asks first


class _Counting:
    """Embeds by a fixed rule and counts the texts it was asked for."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def query(self, texts: list[str]) -> np.ndarray:
        self.asked += texts
        rows = [[float(len(t)), 1.0, float(t.count(" "))] for t in texts]
        matrix = np.array(rows, dtype=np.float32)
        return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def test_examples_are_embedded_once_and_cached_by_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = _Counting()
    monkeypatch.setattr(semantic, "load_embedder", lambda: model)
    pooled = {"erase": ("delete my data",), "retention": ("how long do you keep it", "how long")}
    first = Examples("en", pooled, tmp_path).matrix()
    assert first is not None
    assert sorted(model.asked) == sorted(pooled["erase"] + pooled["retention"])
    (cached,) = tmp_path.glob("en-*.npy")
    semantic._embedded.cache_clear()  # a new process: only the file is left
    again = Examples("en", pooled, tmp_path).matrix()
    assert again is not None and np.array_equal(first, again)
    assert len(model.asked) == 3  # read from the file, not embedded again
    changed = Examples("en", {**pooled, "erase": ("delete me",)}, tmp_path)
    assert changed.key != cached.stem  # another pack version: another file
    semantic._embedded.cache_clear()


def test_without_the_model_the_matcher_answers_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(semantic, "load_embedder", lambda: None)
    examples = Examples("sl", {"erase": ("izbrisi me",)}, tmp_path / "none")
    assert examples.nearest("izbrisite moje podatke") == []
    semantic._embedded.cache_clear()
