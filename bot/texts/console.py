"""Words the bot says because of something done in the console (merged into `bot.texts`)."""

from __future__ import annotations

from typing import Final

CONSOLE_TEXTS: Final[dict[str, dict[str, str]]] = {
    "breach_notice": {
        "sl": "Pomočnik za zasebnost družbe {controller} je zaradi zaščite vaših podatkov "
        "začasno izklopljen. Vašega sporočila ne obdelamo. Ko bo spet na voljo, vam bomo "
        "odgovorili – hvala za razumevanje.",
        "en": "The privacy assistant of {controller} is paused for now to protect your data. "
        "Your message isn't processed. Please write again once we're back – thank you for "
        "understanding.",
        "bg": "Асистентът за поверителност на {controller} е временно спрян, за да защитим "
        "данните ви. Съобщението ви не се обработва. Моля, пишете отново, когато се върнем – "
        "благодарим за разбирането.",
        "ro": "Asistentul pentru confidențialitate al {controller} este oprit temporar pentru "
        "a vă proteja datele. Mesajul dvs. nu este procesat. Vă rugăm să scrieți din nou când "
        "revenim – vă mulțumim pentru înțelegere.",
    },
    "request_waiting": {
        "sl": "Za nadaljevanje vaše zahteve ({kind}) potrebujemo od vas: {note}\n"
        "Rok enega meseca za odgovor do takrat miruje.",
        "en": "To go on with your request ({kind}) we need this from you: {note}\n"
        "The one-month deadline for our answer is paused until then.",
        "bg": "За да продължим с вашата заявка ({kind}), се нуждаем от вас от следното: "
        "{note}\nЕдномесечният срок за отговор е спрян дотогава.",
        "ro": "Pentru a continua cererea dvs. ({kind}) avem nevoie de la dvs. de: {note}\n"
        "Termenul de o lună pentru răspuns este suspendat până atunci.",
    },
}
