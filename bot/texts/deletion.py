"""The words of Meta's data-deletion status page (`/meta/deletion-status`), in sl and en.
The page is opened from Facebook's settings, so it names the controller and says what
happens next at every stage."""

from __future__ import annotations

from typing import Final, Literal

PageLanguage = Literal["sl", "en"]
PAGE_LANGUAGES: Final[tuple[PageLanguage, ...]] = ("sl", "en")
_MONTHS_EN: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

DELETION_TEXTS: Final[dict[str, dict[PageLanguage, str]]] = {
    "title": {
        "sl": "Stanje zahteve za izbris podatkov – {controller}",
        "en": "Status of your data deletion request – {controller}",
    },
    "code": {"sl": "Koda potrditve", "en": "Confirmation code"},
    "received": {
        "sl": "Zahtevo smo prejeli {date}.",
        "en": "We received your request on {date}.",
    },
    "found_nothing": {
        "sl": "Pod tem identifikatorjem Facebooka ne hranimo nobenih podatkov, zato ni bilo "
        "ničesar izbrisati. Facebook nam je poslal identifikator, ki velja samo za aplikacijo, "
        "ne tistega, ki ga za vas uporablja Messenger.",
        "en": "We hold no data under this Facebook identifier, so there was nothing to delete. "
        "Facebook sent us an app-scoped identifier, not the one Messenger uses for you.",
    },
    "found_erased": {
        "sl": "Pod tem identifikatorjem smo našli vaše podatke in jih izbrisali.",
        "en": "We found data held under this identifier and deleted it.",
    },
    "messenger_hint": {
        "sl": "Če ste se z našim pomočnikom za zasebnost pogovarjali v Messengerju, tam napišite "
        "»izbriši moje podatke« in izbrisali bomo tudi te podatke.",
        "en": "If you have chatted with our privacy assistant on Messenger, write “delete my "
        "data” there and we will delete that data too.",
    },
    "status_open": {
        "sl": "Stanje: prejeta. Pregledala jo bo pooblaščena oseba za zasebnost.",
        "en": "Status: received. Our privacy staff will review it.",
    },
    "status_in_progress": {
        "sl": "Stanje: v obravnavi pri pooblaščeni osebi za zasebnost.",
        "en": "Status: our privacy staff are working on it.",
    },
    "status_waiting_for_person": {
        "sl": "Stanje: čakamo na podatke od vas; rok za odgovor medtem miruje.",
        "en": "Status: we are waiting for information from you; the deadline for our answer "
        "is paused meanwhile.",
    },
    "status_done": {"sl": "Stanje: zaključena {date}.", "en": "Status: closed on {date}."},
    "status_refused": {
        "sl": "Stanje: zavrnjena {date}.",
        "en": "Status: refused on {date}.",
    },
    "due": {
        "sl": "Odgovorili vam bomo najpozneje do {date}.",
        "en": "We will answer by {date} at the latest.",
    },
    "note": {"sl": "Potrebujemo: {note}", "en": "What we need: {note}"},
    "reason_refused": {
        "sl": "Razlog zavrnitve, ki ga je navedla pooblaščena oseba za zasebnost: {reason}",
        "en": "The reason our privacy staff gave for refusing: {reason}",
    },
    "reason_done": {
        "sl": "Pojasnilo pooblaščene osebe za zasebnost: {reason}",
        "en": "What our privacy staff say: {reason}",
    },
    "complaint": {
        "sl": "Če se z odločitvijo ne strinjate, lahko vložite pritožbo pri nadzornem organu za "
        "varstvo osebnih podatkov.",
        "en": "If you disagree with this decision, you may lodge a complaint with a data "
        "protection supervisory authority.",
    },
}


def deletion_text(key: str, lang: PageLanguage, **values: str) -> str:
    template = DELETION_TEXTS[key][lang]
    return template.format(**values) if values else template


def long_date(iso: str, lang: PageLanguage) -> str:
    """`2026-05-03T…` as people write it: 3. 5. 2026 / 3 May 2026 (the UTC date)."""
    year, month, day = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    if lang == "sl":
        return f"{day}. {month}. {year}"
    return f"{day} {_MONTHS_EN[month - 1]} {year}"
