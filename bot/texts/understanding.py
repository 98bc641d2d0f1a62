"""Texts of understanding (issue 11): the safety net that passes a request in free words to
the privacy staff, and the reply to a message that asked two things."""

from __future__ import annotations

from typing import Final

UNDERSTANDING_TEXTS: Final[dict[str, dict[str, str]]] = {
    "pass_to_staff": {  # a quick-reply title: at most 20 characters
        "sl": "Predaj osebju",
        "en": "Pass to the staff",
        "bg": "Предай на екипа",
        "ro": "Trimite echipei",
    },
    "not_understood_privacy": {
        "sl": "Tega ne znam zanesljivo odgovoriti, a vidim, da gre za vaše podatke ali pravice. "
        "Vaše sporočilo lahko z vašimi besedami predam osebju za zasebnost, ki odgovori v "
        "enem mesecu. Ali pa izberite temo:",
        "en": "I can't answer that reliably, but I see it is about your data or your rights. "
        "I can pass your message, in your own words, to the privacy staff, who answer within "
        "a month. Or pick a topic:",
        "bg": "Не мога да отговоря сигурно, но виждам, че става дума за данните или правата "
        "ви. Мога да предам съобщението ви, с вашите думи, на екипа по поверителност, който "
        "отговаря до един месец. Или изберете тема:",
        "ro": "Nu pot răspunde sigur, dar văd că este vorba despre datele sau drepturile dvs. "
        "Vă pot transmite mesajul, cu cuvintele dvs., echipei de confidențialitate, care "
        "răspunde în cel mult o lună. Sau alegeți un subiect:",
    },
    "passed_to_staff": {
        "sl": "Predano osebju za zasebnost, z vašimi besedami. Odgovor dobite tukaj najpozneje "
        "{due}.",
        "en": "Passed to the privacy staff, in your own words. They will answer you here by {due}.",
        "bg": "Предадено на екипа по поверителност, с вашите думи. Ще ви отговорят тук до {due}.",
        "ro": "Transmis echipei de confidențialitate, cu cuvintele dvs. Vă vor răspunde aici "
        "până la {due}.",
    },
    "pass_expired": {
        "sl": "Vašega sporočila nimam več pri roki. Napišite ga, prosim, še enkrat, pa ga predam.",
        "en": "I no longer have your message at hand. Please write it again and I'll pass it on.",
        "bg": "Вече нямам съобщението ви. Моля, напишете го отново и ще го предам.",
        "ro": "Nu mai am mesajul dvs. Vă rog să îl scrieți din nou și îl voi transmite.",
    },
    "also_asked": {
        "sl": "Vprašali ste tudi to:",
        "en": "You also asked about this:",
        "bg": "Питахте и за това:",
        "ro": "Ați întrebat și despre asta:",
    },
}
