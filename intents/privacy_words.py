"""Whether a message speaks of personal data, consent, GDPR or a right, in any pack language.

The bot's safety net (bot/routers/safety_net.py) asks this of a message it did not
understand: such a message may be a request, and a request is never a dead end.
"""

from __future__ import annotations

from intents.normalize import fold

# Stems (folded; a word starting with one counts), every pack language together: the
# person may write in any of them. Being filmed is personal data too ("videonadzor",
# "snemate", "CCTV"): a shopping centre's cameras are asked about.
_PRIVACY = fold(
    "podat osebn gdpr privol soglas zasebn pravic izbris izbrisi brisi zbris pobris dostop "
    "ugovor omejit obdelav pritozb informacijsk videonadz snemat snemanj snemajo shranjuj hramb "
    "data personal consent privacy rights delete erase remov access object restrict "
    "processing complain dsar cctv surveillance "
    "данн личн съглас поверит правото правата изтри изтрив достъп възраж обработ жалб "
    "видеонаблюд "
    "date datel personal consimt confidential drept sterg acces opozi prelucr plang supraveghe"
).split()
PRIVACY_STEMS = tuple(dict.fromkeys(_PRIVACY))


def speaks_of_privacy(message: str) -> bool:
    """Whether the message names personal data, consent, GDPR or a right."""
    return any(word.startswith(PRIVACY_STEMS) for word in fold(message).split())


# Information about oneself in plain words: in a long message, a clear part about "all the
# information from these conversations" is about one's data (intents/parts.py, PART_MIN),
# though too common a word for the safety net to offer the staff for it.
_INFORMATION = tuple(fold("informat detail informacij podrobnost информац detalii").split())


def names_information(message: str) -> bool:
    """Whether the message speaks of information or details (see _INFORMATION)."""
    return any(word.startswith(_INFORMATION) for word in fold(message).split())


# Where one's data is kept: "delete me from your system" names the data by its place.
_PLACES = fold(
    "sistem baz evidenc profil racun "
    "system database records record profile account file "
    "систем баз профил акаунт запис "
    "sistem baz profil contul evident"
).split()
DATA_STEMS = (*PRIVACY_STEMS, *dict.fromkeys(_PLACES))


def names_data(words: list[str]) -> bool:
    """Whether folded `words` name personal data, a right, or where data is kept."""
    return any(word.startswith(DATA_STEMS) for word in words)
