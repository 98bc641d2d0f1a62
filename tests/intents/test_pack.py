import copy
import tomllib
from pathlib import Path
from typing import Any

import pytest

from intents.pack import PackError, available_packs, load_pack, parse_pack
from intents.taxonomy import ALL_INTENT_IDS
from tests.intents.fixture_pack import fixture_data

SHIPPED = available_packs()


def _parse(data: dict[str, Any], tmp_path: Path) -> None:
    parse_pack(data, tmp_path / "fixture.toml")


def _broken(mutate: Any, tmp_path: Path) -> str:
    data = copy.deepcopy(fixture_data())
    mutate(data)
    with pytest.raises(PackError) as caught:
        _parse(data, tmp_path)
    message = str(caught.value)
    assert str(tmp_path / "fixture.toml") in message
    return message


def test_fixture_is_valid(tmp_path: Path) -> None:
    _parse(fixture_data(), tmp_path)


def test_long_title_names_intent_and_field(tmp_path: Path) -> None:
    def mutate(data: dict[str, Any]) -> None:
        data["intents"]["retention"]["title"]["sl"] = "x" * 21

    message = _broken(mutate, tmp_path)
    assert "intent 'retention'" in message
    assert "field 'title.sl'" in message


def test_too_few_examples(tmp_path: Path) -> None:
    def mutate(data: dict[str, Any]) -> None:
        data["intents"]["erase"]["examples"]["en"] = ["delete my data"]

    message = _broken(mutate, tmp_path)
    assert "intent 'erase'" in message
    assert "examples.en" in message


def test_missing_language_and_missing_intent(tmp_path: Path) -> None:
    def mutate(data: dict[str, Any]) -> None:
        del data["intents"]["cookies"]["answer"]["en"]
        del data["intents"]["breach"]

    message = _broken(mutate, tmp_path)
    assert "intent 'cookies', field 'answer'" in message
    assert "intent 'breach'" in message


def test_unknown_intent_and_bad_related(tmp_path: Path) -> None:
    def mutate(data: dict[str, Any]) -> None:
        data["intents"]["weather"] = copy.deepcopy(data["intents"]["greeting"])
        data["intents"]["help"]["related"] = ["help", "nonsense"]

    message = _broken(mutate, tmp_path)
    assert "intent 'weather'" in message
    assert "intent 'help', field 'related'" in message


def test_misspelt_field_is_refused(tmp_path: Path) -> None:
    def mutate(data: dict[str, Any]) -> None:
        data["intents"]["contact"]["keyword"] = data["intents"]["contact"].pop("keywords")

    message = _broken(mutate, tmp_path)
    assert "intent 'contact'" in message
    assert "keyword" in message


def test_answer_limits(tmp_path: Path) -> None:
    def mutate(data: dict[str, Any]) -> None:
        data["intents"]["erase"]["answer"]["sl"] = ["a", "b", "c", "d"]
        data["intents"]["access"]["answer"]["en"] = ["x" * 641]

    message = _broken(mutate, tmp_path)
    assert "intent 'erase', field 'answer.sl'" in message
    assert "intent 'access', field 'answer.en" in message


def test_pack_table_errors_name_the_table(tmp_path: Path) -> None:
    def mutate(data: dict[str, Any]) -> None:
        data["pack"]["default_language"] = "de"

    assert "[pack], field 'default_language'" in _broken(mutate, tmp_path)


def test_broken_toml_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text('[pack]\nid = "bad\n', encoding="utf-8")
    with pytest.raises(PackError, match=r"bad\.toml"):
        load_pack("bad", tmp_path)


def test_toml_file_with_wrong_field_names_file_intent_field(tmp_path: Path) -> None:
    text = '[pack]\nid = "tiny"\n\n[intents.retention]\ntitle = { sl = 5 }\n'
    (tmp_path / "tiny.toml").write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as caught:
        load_pack("tiny", tmp_path)
    message = str(caught.value)
    assert "tiny.toml" in message
    assert "intent 'retention', field 'title.sl'" in message


def test_missing_pack_lists_the_available_ones(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="no such pack"):
        load_pack("nothing", tmp_path)


def test_available_packs_in_empty_directory(tmp_path: Path) -> None:
    assert available_packs(tmp_path) == []


@pytest.mark.parametrize("name", SHIPPED or ["(none shipped yet)"])
def test_every_shipped_pack_loads(name: str) -> None:
    if not SHIPPED:
        pytest.skip("no pack under intents/packs yet")
    pack = load_pack(name)
    assert pack.id == name
    assert set(pack.intents) == set(ALL_INTENT_IDS)  # the conversation intents joined
    assert pack.policy_text().strip()
    with (Path("intents/packs") / f"{name}.toml").open("rb") as handle:
        assert tomllib.load(handle)["pack"]["id"] == name


@pytest.mark.parametrize("date", ["2018-09-03", "2018-05", "2017", "unknown"])
def test_policy_date_may_be_partial_or_unknown(tmp_path: Path, date: str) -> None:
    data = copy.deepcopy(fixture_data())
    data["pack"]["policy_date"] = date
    _parse(data, tmp_path)


def test_policy_date_must_be_a_date(tmp_path: Path) -> None:
    def mutate(data: dict[str, Any]) -> None:
        data["pack"]["policy_date"] = "last spring"

    assert "[pack], field 'policy_date'" in _broken(mutate, tmp_path)


def test_a_controller_whose_name_ends_in_a_full_stop_gets_no_second_one() -> None:
    answer = load_pack("btc").intents["bot_identity"].answer["en"][0]
    assert "BTC, d.d." in answer and "d.d.." not in answer
