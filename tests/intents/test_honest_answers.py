"""No answer promises what the chat cannot do: it acts only for the person writing (not a
parent for a child, nor anyone on another's behalf), reads no attachments and calls no one."""

from __future__ import annotations

import re

import pytest

from intents.pack import available_packs, load_pack

# Per language, promises the chat cannot keep.
CANNOT = {
    "en": r"on (?:someone's|another's|their|your child's) behalf|parents? (?:can|may) "
    r"(?:see|delete|ask|act|withdraw)|(?:see|delete|erase)[^.]*child's data|send (?:us|me) "
    r"(?:a|the) (?:document|copy of)|upload|attach|we will call|we'll call",
    "sl": r"v imenu (?:otroka|drugega)|star[šs]i? lahko (?:pogleda|izbri|zahteva|prekli)|podatke "
    r"otroka lahko (?:tudi )?(?:pogledate|izbri|zahtevate)|prilo[žz]ite|nalo[žz]ite dokument|"
    r"poklicali vas bomo",
    "bg": r"от името на (?:дете|друг)|родител(?:ят)? (?:може|могат) да (?:види|изтрие|поиска)|"
    r"прикачете|ще ви се обадим",
    "ro": r"în numele (?:copilului|altcuiva)|părintele poate|p[ăa]rin[țt]ii pot|ata[șs]a[țt]i|"
    r"v[ăa] vom suna",
}


@pytest.mark.parametrize("pack", available_packs())
def test_no_answer_promises_what_the_chat_cannot_do(pack: str) -> None:
    loaded = load_pack(pack)
    found = [
        f"{intent} ({lang}): {match.group(0)!r}"
        for intent, spec in loaded.intents.items()
        for lang, messages in spec.answer.items()
        for message in messages
        if (match := re.search(CANNOT[lang], message, re.IGNORECASE))
    ]
    assert found == []
