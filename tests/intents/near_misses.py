"""Sentences that use a STOP or START word (or its look-alikes) about something else.

None of them may ever change what promotional messages someone gets: the matcher must not
read them as `unsubscribe` / `resubscribe`, and the bot must not act on them. Per pack
language; written from everyday life (transport, cars, events, apps), not from the packs.
"""

from __future__ import annotations

NOT_UNSUBSCRIBE: dict[str, tuple[str, ...]] = {
    "en": (
        "where is the bus stop",
        "the stop sign is broken",
        "my brake light is out",
        "stop the car",
        "how do i sign out of the event",
        "does the train stop in maribor",
        "cancel my table reservation",
        "non stop flights to london",
        "can you stop by the store",
        "how do i log out of the app",
        "i want to cancel my order",
        "stop motion movies are great",
    ),
    "sl": (
        "kje je avtobusna postaja",
        "kje ustavi vlak",
        "odjava od dogodka",
        "odjava iz hotela je ob 11",
        "stop luc mi ne dela",
        "ustavi avto",
        "znak stop na kriziscu",
        "odjava prebivalisca na upravni enoti",
        "kako se odjavim iz aplikacije",
        "nehaj se smejat",
        "a vlak ustavi v celju",
        "prekliči rezervacijo mize",
    ),
    "bg": (
        "стоп сигнал",
        "спри колата",
        "къде е спирката на автобуса",
        "знак стоп на кръстовището",
        "отписване от университета",
        "спрете на следващата спирка",
        "стоп кадър от филма",
        "отписване на кола от катастъра",
        "влакът спира ли в пловдив",
        "стоп лампата не свети",
    ),
    "ro": (
        "unde opreste trenul",
        "opreste masina",
        "stopul de pe spate nu merge",
        "semnul de stop e stricat",
        "unde e statia de autobuz",
        "anulez rezervarea la restaurant",
        "ma deloghez din aplicatie",
        "opreste-te la semafor",
        "autobuzul opreste la gara?",
        "vreau sa anulez comanda",
    ),
}

NOT_RESUBSCRIBE: dict[str, tuple[str, ...]] = {
    "en": ("when does the race start", "start the car", "sign me up for the marathon"),
    "sl": ("prijava na dogodek", "kdaj je start maratona", "prijavil bi se na tecaj"),
    "bg": ("старт на маратона", "запиши ме за курса", "как да запаля колата"),
    "ro": ("porneste masina", "cand e startul cursei", "inscrie-ma la maraton"),
}
