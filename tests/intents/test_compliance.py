import pytest

from intents.compliance import compliance_forms, compliance_keyword

# fmt: off
STOP_FORMS = [
    "STOP", "stop", "Stop!", "stop.", "stopp", " stop ", "Stop all", "unsubscribe",
    "Unsubscribe!", "opt out",
    "odjava", "Odjava!", "ODJAVI", "odjavi me", "Odjava, prosim", "ustavi",
    "стоп", "СТОП!", "спри", "отписване", "Отпиши ме",
    "dezabonare", "Dezabonez", "oprește", "OPRESTE!",
    "STOP STOP", "stop 🛑", "stop pls", "odjava hvala", "стоп, моля", "dezabonare va rog",
]
START_FORMS = [
    "START", "start", "Start!", "subscribe", "opt in",
    "prijava", "Prijavi me", "старт", "Абонирай", "абониране",
    "pornire", "abonare", "Abonează-mă",
]
# fmt: on
NOT_COMPLIANCE = [
    "where is the bus stop",
    "stop sending me offers",
    "please stop sending me messages",
    "the bus stop is far",
    "when does the shop start",
    "start of the policy",
    "stop motion film",
    "non-stop shopping",
    "kje je avtobusna postaja stop",
    "start menija",
    "odjava od novic kako",
    "prijava na dogodek",
    "спирка на автобуса",
    "стоп кадър",
    "start joc",
    "stop joc nou",
    "",
    "😀",
]


@pytest.mark.parametrize("text", STOP_FORMS)
def test_stop_forms(text: str) -> None:
    assert compliance_keyword(text) == "unsubscribe"


@pytest.mark.parametrize("text", START_FORMS)
def test_start_forms(text: str) -> None:
    assert compliance_keyword(text) == "resubscribe"


@pytest.mark.parametrize("text", NOT_COMPLIANCE)
def test_longer_messages_are_not_keywords(text: str) -> None:
    assert compliance_keyword(text) is None


def test_every_language_has_both_forms() -> None:
    forms = compliance_forms()
    for stop, start in [
        ("stop", "start"),
        ("odjava", "prijava"),
        ("стоп", "старт"),
        ("dezabonare", "abonare"),
    ]:
        assert forms[stop] == "unsubscribe"
        assert forms[start] == "resubscribe"
