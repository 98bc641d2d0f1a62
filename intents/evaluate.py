"""Measure a matcher against labelled lines `{"text", "lang", "intent"}` (null = off-topic).

A line may carry a `category` (long, formal, colloquial, misspelt, latin_bg, small_talk,
vague, trap, offtopic, ...): the report then gives each category its own rate. Two
categories are judged by what the person would notice rather than by one label:
`vague` is right when the bot asks "did you mean" (any choice of topics), `trap` when
nothing that acts (erase, unsubscribe, object, ...) is chosen.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from intents.matcher import Ambiguous, IntentMatch, Matcher, Understanding, Vague
from intents.taxonomy import ACTION_INTENTS
from intents.understand import understand

JUDGED_APART = frozenset({"vague", "trap"})  # not counted in the in-scope / off-topic rates
# What must not happen on a trap: an intent that changes something (viewing does not).
ACTING = ACTION_INTENTS - {"access", "export"}


@dataclass(frozen=True)
class Labelled:
    text: str
    lang: str
    intent: str | None
    category: str = ""


@dataclass
class Tally:
    total: int = 0
    right: int = 0

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass
class EvalReport:
    in_scope: dict[str, Tally] = field(default_factory=dict)  # per language
    off_topic: dict[str, Tally] = field(default_factory=dict)  # per language: rejected
    per_intent: dict[str, Tally] = field(default_factory=dict)
    per_category: dict[str, Tally] = field(default_factory=dict)
    confused: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[tuple[Labelled, str | None]] = field(default_factory=list)  # line, got
    ambiguous: int = 0
    skipped: int = 0

    def overall(self, table: dict[str, Tally]) -> Tally:
        return Tally(sum(t.total for t in table.values()), sum(t.right for t in table.values()))


def read_labelled(path: Path) -> list[Labelled]:
    lines = path.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    return [Labelled(r["text"], r["lang"], r.get("intent"), r.get("category", "")) for r in records]


def predicted(result: Understanding) -> str | None:
    """The intent a result names; an ambiguity counts as its best guess."""
    if isinstance(result, Ambiguous):
        return result.best.intent
    if isinstance(result, Vague):
        return None
    return result.intent if isinstance(result, IntentMatch) else None


def is_right(item: Labelled, result: Understanding) -> bool:
    """Whether the bot did what the line needs (see the module docstring)."""
    if item.category == "vague":
        return isinstance(result, Vague | Ambiguous)
    if item.category == "trap":
        return predicted(result) not in ACTING
    return predicted(result) == item.intent


def _record(report: EvalReport, item: Labelled, result: Understanding) -> None:
    got = predicted(result)
    report.ambiguous += isinstance(result, Ambiguous)
    if not is_right(item, result):
        report.misses.append((item, got))
    if item.category:
        key = f"{item.lang} {item.category}"
        tally = report.per_category.setdefault(key, Tally())
        tally.total += 1
        tally.right += is_right(item, result)
    if item.category in JUDGED_APART:
        if not is_right(item, result):
            report.confused[(item.category, got or "(none)")] += 1
        return
    table = report.in_scope if item.intent else report.off_topic
    tally = table.setdefault(item.lang, Tally())
    tally.total += 1
    tally.right += got == item.intent
    if item.intent:
        per_intent = report.per_intent.setdefault(item.intent, Tally())
        per_intent.total += 1
        per_intent.right += got == item.intent
    if got != item.intent:
        report.confused[(item.intent or "(none)", got or "(none)")] += 1


def evaluate(
    matcher: Matcher, items: Iterable[Labelled], *, guess_language: bool = False
) -> EvalReport:
    """Run `understand` on every item in a language of the pack (others are skipped)."""
    report = EvalReport()
    for item in items:
        if item.lang not in matcher.languages:
            report.skipped += 1
            continue
        result = understand(matcher, item.text, None if guess_language else item.lang)
        _record(report, item, result)
    return report


def _rate_line(name: str, tally: Tally) -> str:
    return f"  {name:<26} {tally.rate:6.1%}  ({tally.right}/{tally.total})"


def render(report: EvalReport, top: int = 10) -> str:
    lines = ["in-scope top-1 accuracy per language:"]
    lines += [_rate_line(lang, t) for lang, t in sorted(report.in_scope.items())]
    lines.append(_rate_line("all", report.overall(report.in_scope)))
    lines.append("off-topic rejected per language:")
    lines += [_rate_line(lang, t) for lang, t in sorted(report.off_topic.items())]
    lines.append(_rate_line("all", report.overall(report.off_topic)))
    if report.per_category:
        lines.append("per language and category:")
        lines += [_rate_line(name, t) for name, t in sorted(report.per_category.items())]
    lines.append("accuracy per intent (worst first):")
    worst = sorted(report.per_intent.items(), key=lambda item: (item[1].rate, item[0]))
    lines += [_rate_line(intent, t) for intent, t in worst]
    lines.append(f"most confused (expected -> got), {report.ambiguous} ambiguous:")
    lines += [f"  {n:4}  {a} -> {b}" for (a, b), n in report.confused.most_common(top)]
    if report.skipped:
        lines.append(f"skipped {report.skipped} lines in languages the pack does not speak")
    return "\n".join(lines)


def render_misses(report: EvalReport) -> str:
    """Every line not understood as labelled: category, expected -> got, the line."""
    return "\n".join(
        f"  {item.lang} {item.category or '-':<11} {item.intent or '(none)'} -> {got or '(none)'}"
        f" | {item.text}"
        for item, got in report.misses
    )
