"""A small pack built in Python for the unit tests (the shipped packs are data).

Six intents carry real phrasings in sl and en; the other taxonomy intents get
placeholder examples made of their own id, so the pack is valid but those intents only
match their own made-up words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from intents.matcher import Ambiguous, IntentMatch, Understanding
from intents.pack import Pack, parse_pack
from intents.taxonomy import INTENT_IDS

REAL: dict[str, dict[str, Any]] = {
    "greeting": {
        "keywords": {"sl": ["zivjo", "zdravo", "pozdrav", "hej"], "en": ["hello", "hi", "hey"]},
        "examples": {
            "sl": [
                "zivjo",
                "zdravo",
                "hej",
                "pozdravljeni",
                "dober dan",
                "dobro jutro",
                "lep pozdrav",
                "zivijo kako ste",
                "hej bot",
                "zdravo tukaj sem",
                "hoj",
                "dober vecer",
            ],
            "en": [
                "hi",
                "hello",
                "hey",
                "hello there",
                "good morning",
                "good evening",
                "hey bot",
                "hi there",
                "greetings",
                "hiya",
                "good afternoon",
                "yo",
            ],
        },
    },
    "retention": {
        "keywords": {
            "sl": ["hran", "shran", "dolgo", "rok"],
            "en": ["keep", "retain", "retention", "how long"],
        },
        "examples": {
            "sl": [
                "koliko casa hranite moje podatke",
                "kako dolgo shranjujete podatke",
                "do kdaj imate moje podatke",
                "rok hrambe podatkov",
                "koliko casa so podatki shranjeni",
                "kdaj izbrisete podatke sami",
                "hramba osebnih podatkov",
                "kako dolgo hranite sporocila",
                "ali moje podatke hranite za vedno",
                "koliko let hranite podatke",
                "cas hrambe",
                "kdaj se podatki brisejo",
            ],
            "en": [
                "how long do you keep my data",
                "how long is my data stored",
                "data retention period",
                "do you keep my data forever",
                "for how long do you retain information",
                "retention policy",
                "when do you delete old data",
                "how many years do you keep it",
                "how long are messages kept",
                "how long will you hold my info",
                "storage period of personal data",
                "until when is my data kept",
            ],
        },
    },
    "erase": {
        "keywords": {"sl": ["izbris", "zbris", "pobris"], "en": ["delete", "erase", "remove"]},
        "examples": {
            "sl": [
                "izbrisite moje podatke",
                "zelim izbris podatkov",
                "pobrisi me",
                "izbrisi vse o meni",
                "kako izbrisem svoje podatke",
                "zbrisi moj profil",
                "prosim za izbris",
                "odstranite moje podatke",
                "pozabite me",
                "izbris racuna",
                "zelim da me izbrisete",
                "pravica do pozabe",
            ],
            "en": [
                "delete my data",
                "erase everything about me",
                "remove my information",
                "i want my data deleted",
                "how do i delete my data",
                "forget me",
                "right to be forgotten",
                "please delete my account",
                "wipe my data",
                "remove me from your database",
                "erase my personal data",
                "can you delete what you have on me",
            ],
        },
    },
    "unsubscribe": {
        "keywords": {
            "sl": ["odjav", "ne posiljaj", "nehajte"],
            "en": ["unsubscribe", "stop sending", "opt out", "no more"],
        },
        "examples": {
            "sl": [
                "odjavite me od novic",
                "ne posiljajte mi vec sporocil",
                "nehajte mi posiljati ponudbe",
                "ne zelim vec oglasov",
                "odjava od obvestil",
                "ustavite promocijska sporocila",
                "nocem vec reklam",
                "kako se odjavim",
                "prenehajte s sporocili",
                "odjava od e novic",
                "ne posiljajte mi akcij",
                "dovolj sporocil",
            ],
            "en": [
                "please stop sending me offers",
                "unsubscribe me from news",
                "no more promotional messages",
                "i dont want ads anymore",
                "stop sending me messages",
                "opt out of marketing",
                "how do i unsubscribe",
                "stop the newsletter",
                "no more offers please",
                "i want to stop getting promotions",
                "cancel marketing messages",
                "stop spamming me",
            ],
        },
    },
    "cookies": {
        "keywords": {"sl": ["piskot", "cookie", "sledenj"], "en": ["cookie", "tracking"]},
        "examples": {
            "sl": [
                "ali uporabljate piskotke",
                "kaj so piskotki",
                "piskotki",
                "kako izklopim piskotke",
                "katere piskotke imate",
                "sledenje na strani",
                "ali me spremljate s piskotki",
                "nastavitve piskotkov",
                "cookies",
                "zavrnem piskotke",
                "piskotki tretjih oseb",
                "kaj shranjujejo piskotki",
            ],
            "en": [
                "do you use cookies",
                "what cookies do you use",
                "cookies",
                "how do i disable cookies",
                "tracking cookies",
                "cookie policy",
                "do you track me",
                "third party cookies",
                "cookie settings",
                "what do cookies store",
                "can i refuse cookies",
                "are there trackers",
            ],
        },
    },
    "contact": {
        "keywords": {
            "sl": ["kontakt", "naslov", "email", "pisem", "telefon"],
            "en": ["contact", "email", "address", "phone", "reach"],
        },
        "examples": {
            "sl": [
                "kako vas kontaktiram",
                "kontakt",
                "vas email naslov",
                "komu lahko pisem glede zasebnosti",
                "telefonska stevilka",
                "kje vas najdem",
                "naslov za pisma",
                "kontaktni podatki",
                "s kom se lahko pogovorim",
                "kam poslem zahtevo",
                "vas naslov",
                "kontakt za varstvo podatkov",
            ],
            "en": [
                "how can i contact you",
                "contact",
                "your email address",
                "who do i write to about privacy",
                "phone number",
                "where can i reach you",
                "postal address",
                "contact details",
                "who can i talk to",
                "where do i send a request",
                "privacy contact",
                "how to reach the dpo",
            ],
        },
    },
}


def _placeholder(intent: str, lang: str) -> dict[str, Any]:
    word = intent.replace("_", "")
    return {
        "keywords": [word],
        "examples": [f"{word} {lang} tema {n}" if n else word for n in range(12)],
    }


def _intent(intent: str, languages: list[str]) -> dict[str, Any]:
    real = REAL.get(intent)
    others = [other for other in INTENT_IDS if other != intent][:2]
    table: dict[str, Any] = {
        "title": {lang: intent[:20] for lang in languages},
        "section": {lang: "" for lang in languages},
        "related": others,
        "answer": {lang: [f"Answer for {intent}."] for lang in languages},
    }
    for field in ("keywords", "examples"):
        table[field] = {
            lang: real[field][lang] if real else _placeholder(intent, lang)[field]
            for lang in languages
        }
    return table


def fixture_data(pack_id: str = "fixture") -> dict[str, Any]:
    languages = ["sl", "en"]
    both = {"sl": "besedilo", "en": "text"}
    return {
        "pack": {
            "id": pack_id,
            "controller": "Test, d.o.o.",
            "policy_title": "Politika",
            "policy_version": "2024-01-01",
            "policy_date": "2024-01-01",
            "rights_version": "2024-01-01",
            "languages": languages,
            "default_language": "sl",
            "policy_file": f"{pack_id}.sl.txt",
            "contact_email": "",
            "contact_address": "",
            "supervisory_authority": {"sl": "IP", "en": "Information Commissioner"},
        },
        "consent": {
            "profile": {"explain": both, "section": both},
            "marketing": {"explain": both, "section": both},
        },
        "intents": {intent: _intent(intent, languages) for intent in INTENT_IDS},
    }


def fixture_pack(directory: Path = Path("/nonexistent")) -> Pack:
    return parse_pack(fixture_data(), directory / "fixture.toml")


def intent_of(result: Understanding) -> str | None:
    """The intent a result points at (an ambiguity's best guess), or None."""
    if isinstance(result, Ambiguous):
        return result.best.intent
    return result.intent if isinstance(result, IntentMatch) else None
