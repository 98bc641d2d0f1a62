"""`privacybot intents ...`: the understanding layer from the command line.

`classify` runs exactly what the bot runs (compliance words, then the matcher) and
prints one JSON line per input line; other tools depend on that shape.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.settings import Settings
from intents.evaluate import evaluate, predicted, read_labelled, render, render_misses
from intents.matcher import Ambiguous, Matcher, Understanding, Vague
from intents.pack import PackError, load_pack
from intents.understand import understand

DEFAULT_PACK = "btc"


def _score(result: Understanding) -> float:
    # An ambiguity is reported as its best guess: asking "A or B?" is the bot's affair; a
    # vague message names no intent.
    if isinstance(result, Vague):
        return 0.0
    return result.best.score if isinstance(result, Ambiguous) else result.score


def _pack_dir(args: argparse.Namespace) -> Path | None:
    """`--pack-dir`, else where the bot reads packs: POLICY_PACK_DIR, through the settings
    (only that is read: this command needs neither secrets nor Redis)."""
    if args.pack_dir:
        return Path(args.pack_dir)
    return Settings().policy_pack_dir


def _matcher(name: str, directory: Path | None) -> Matcher | None:
    try:
        return Matcher(load_pack(name, directory))
    except PackError as error:
        print(f"privacybot intents: {error}", file=sys.stderr)
        return None


def run_classify(args: argparse.Namespace) -> int:
    matcher = _matcher(args.pack, _pack_dir(args))
    if matcher is None:
        return 2
    for raw in sys.stdin:
        text = raw.rstrip("\r\n")
        result = understand(matcher, text, args.lang)
        line = {"text": text, "lang": result.lang, "intent": predicted(result)}
        line["score"] = round(_score(result), 1)
        print(json.dumps(line, ensure_ascii=False), flush=True)
    return 0


def run_eval(args: argparse.Namespace) -> int:
    matcher = _matcher(args.pack, _pack_dir(args))
    if matcher is None:
        return 2
    try:
        items = read_labelled(Path(args.file))
    except (OSError, ValueError, KeyError) as error:
        print(f"privacybot intents eval: {args.file}: {error}", file=sys.stderr)
        return 2
    report = evaluate(matcher, items, guess_language=args.guess_lang)
    print(render(report))
    if args.misses and report.misses:
        print(f"lines not understood as labelled ({len(report.misses)}):")
        print(render_misses(report))
    return 0


def add_intents_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `intents classify` and `intents eval` to the main `privacybot` parser."""
    intents = subparsers.add_parser("intents", help="classify messages, evaluate a pack")
    commands = intents.add_subparsers(dest="intents_command", required=True)
    classify = commands.add_parser("classify", help="stdin lines -> JSON lines")
    classify.add_argument("--pack", required=True, help="pack name, e.g. btc")
    classify.add_argument("--lang", default=None, help="language code; guessed when absent")
    _pack_dir_option(classify)
    classify.set_defaults(func=run_classify)
    check = commands.add_parser("eval", help="accuracy on a labelled .jsonl file")
    check.add_argument("file", help='lines {"text", "lang", "intent"}; intent null = off-topic')
    check.add_argument("--pack", default=DEFAULT_PACK, help=f"pack name (default {DEFAULT_PACK})")
    check.add_argument(
        "--guess-lang", action="store_true", help="ignore the labelled language, guess it"
    )
    check.add_argument(
        "--misses", action="store_true", help="also print every line not understood as labelled"
    )
    _pack_dir_option(check)
    check.set_defaults(func=run_eval)


def _pack_dir_option(command: argparse.ArgumentParser) -> None:
    """Where the bot finds packs (`POLICY_PACK_DIR`), so both understand alike."""
    command.add_argument(
        "--pack-dir",
        default=None,
        help="extra packs folder (default: $POLICY_PACK_DIR, as the bot)",
    )
