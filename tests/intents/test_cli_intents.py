import argparse
import io
import json
from pathlib import Path

import pytest

import bot.cli.intents as cli
from intents.matcher import Matcher
from intents.pack import Pack
from tests.intents.fixture_pack import fixture_pack


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="privacybot")
    cli.add_intents_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


@pytest.fixture
def fixture_only(monkeypatch: pytest.MonkeyPatch) -> None:
    def matcher(name: str, directory: str | None) -> Matcher | None:
        return Matcher(fixture_pack(), companions=()) if name == "fixture" else None

    monkeypatch.setattr(cli, "_matcher", matcher)


def test_classify_prints_one_json_line_per_input_line(
    fixture_only: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = ["STOP", "koliko časa hranite moje podatke", "where is the bus stop", "", "😀"]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    args = _parse(["intents", "classify", "--pack", "fixture"])
    assert args.func(args) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["text"] for row in out] == lines
    for row in out:
        assert list(row) == ["text", "lang", "intent", "score"]
        assert 0 <= row["score"] <= 100
    assert (out[0]["intent"], out[0]["score"]) == ("unsubscribe", 100.0)
    assert out[1]["intent"] == "retention"
    assert out[1]["lang"] == "sl"
    assert out[2]["intent"] is None
    assert out[4]["intent"] is None


def test_classify_keeps_non_ascii_text(
    fixture_only: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Izbrišite moje podatke\n"))
    args = _parse(["intents", "classify", "--pack", "fixture", "--lang", "sl"])
    assert args.func(args) == 0
    printed = capsys.readouterr().out
    assert "Izbrišite" in printed
    assert json.loads(printed)["lang"] == "sl"


def test_unknown_pack_fails_cleanly(capsys: pytest.CaptureFixture[str]) -> None:
    args = _parse(["intents", "classify", "--pack", "no-such-pack"])
    assert args.func(args) == 2
    assert "no-such-pack" in capsys.readouterr().err


def test_eval_prints_the_report(
    fixture_only: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        {"text": "koliko casa hranite podatke", "lang": "sl", "intent": "retention"},
        {"text": "delete my data", "lang": "en", "intent": "erase"},
        {"text": "where is the bus stop", "lang": "en", "intent": None},
        {"text": "hola que tal", "lang": "es", "intent": "greeting"},
    ]
    path = tmp_path / "labelled.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    args = _parse(["intents", "eval", str(path), "--pack", "fixture"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    for part in ("in-scope", "off-topic", "per intent", "confused", "skipped 1"):
        assert part in out


def test_eval_lists_the_lines_it_got_wrong_when_asked(
    fixture_only: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        {"text": "delete my data", "lang": "en", "intent": "erase"},
        {"text": "delete my data", "lang": "en", "intent": "retention", "category": "plain"},
    ]
    path = tmp_path / "labelled.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    args = _parse(["intents", "eval", str(path), "--pack", "fixture", "--misses"])
    assert args.func(args) == 0
    listed = capsys.readouterr().out.split("not understood as labelled (1):")[1]
    assert "plain" in listed and "retention -> erase | delete my data" in listed


def test_eval_default_pack_is_btc() -> None:
    assert _parse(["intents", "eval", "x.jsonl"]).pack == "btc"


def test_fixture_is_a_pack() -> None:
    assert isinstance(fixture_pack(), Pack)


def test_classify_reads_packs_where_the_bot_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pack outside the installed ones (POLICY_PACK_DIR for the bot) is found the same."""
    shipped = Path(cli.__file__).parents[2] / "intents" / "packs"
    source = (shipped / "btc.toml").read_text(encoding="utf-8")
    (tmp_path / "acme.toml").write_text(source.replace('id = "btc"', 'id = "acme"'), "utf-8")
    (tmp_path / "btc.sl.txt").write_text((shipped / "btc.sl.txt").read_text("utf-8"), "utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("STOP\n"))
    assert cli.run_classify(_parse(["intents", "classify", "--pack", "acme"])) == 2
    monkeypatch.setenv("POLICY_PACK_DIR", str(tmp_path))
    monkeypatch.setattr("sys.stdin", io.StringIO("STOP\n"))
    assert cli.run_classify(_parse(["intents", "classify", "--pack", "acme"])) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["intent"] == "unsubscribe"
