"""The consent conversation's words, per language (merged into `bot.texts`)."""

from __future__ import annotations

from typing import Final

CONSENT_TEXTS: Final[dict[str, dict[str, str]]] = {
    "intro": {
        "sl": "Pozdravljeni! Sem avtomatski pomočnik (robot) družbe {controller} – pri meni "
        "lahko:\n• izveste, kaj piše v politiki zasebnosti,\n• vidite, prenesete, popravite ali "
        "izbrišete svoje podatke,\n• kadar koli ustavite promocijska sporočila z besedo STOP.\n"
        "Politika: {policy_url}",
        "en": "Hi! I'm the automated assistant (a bot) of {controller} – here you can:\n• ask "
        "what the privacy policy says,\n• see, download, correct or delete your data,\n• stop "
        "promotional messages any time by typing STOP.\nThe policy: {policy_url}",
        "bg": "Здравейте! Аз съм автоматичният асистент (бот) на {controller} – тук можете:\n• "
        "да питате какво пише в политиката за поверителност,\n• да видите, изтеглите, "
        "коригирате или изтриете данните си,\n• да спрете рекламните съобщения с думата СТОП.\n"
        "Политиката: {policy_url}",
        "ro": "Bună! Sunt asistentul automat (un bot) al {controller} – aici puteți:\n• întreba "
        "ce scrie în politica de confidențialitate,\n• vedea, descărca, corecta sau șterge "
        "datele dvs.,\n• opri oricând mesajele promoționale scriind STOP.\nPolitica: {policy_url}",
    },
    "ask_profile": {
        "sl": "Smem za prilagojene odgovore uporabiti vaše ime, jezik in časovni pas s "
        "Facebooka? Brez tega vam še vedno odgovarjam.",
        "en": "May I use your name, language and time zone from Facebook to personalise my "
        "answers? I'll still answer you if you say no.",
        "bg": "Може ли да използвам името, езика и часовата ви зона от Facebook, за да "
        "персонализирам отговорите си? Ще ви отговарям и ако откажете.",
        "ro": "Pot folosi numele, limba și fusul orar de pe Facebook pentru a vă personaliza "
        "răspunsurile? Vă voi răspunde și dacă refuzați.",
    },
    "ask_marketing": {
        "sl": "Vam smemo tukaj pošiljati novice in ponudbe? Kadar koli jih ustavite z besedo STOP.",
        "en": "May we send you news and offers here? You can stop any time with STOP.",
        "bg": "Може ли да ви изпращаме новини и оферти тук? Можете да ги спрете по всяко време "
        "със СТОП.",
        "ro": "Vă putem trimite aici noutăți și oferte? Le puteți opri oricând cu STOP.",
    },
    "yes": {"sl": "Da", "en": "Yes", "bg": "Да", "ro": "Da"},
    "no": {"sl": "Ne", "en": "No", "bg": "Не", "ro": "Nu"},
    "more": {"sl": "Povej več", "en": "Tell me more", "bg": "Кажи повече", "ro": "Mai multe"},
    "profile_granted": {
        "sl": "Hvala{name}! Ime, jezik in časovni pas bom uporabljal le za prilagojene odgovore.",
        "en": "Thank you{name}! I'll use your name, language and time zone only to personalise "
        "my answers.",
        "bg": "Благодаря{name}! Ще използвам името, езика и часовата ви зона само за "
        "персонализирани отговори.",
        "ro": "Mulțumesc{name}! Voi folosi numele, limba și fusul orar doar pentru răspunsuri "
        "personalizate.",
    },
    "profile_refused": {
        "sl": "Razumem, s Facebooka ne bom pridobil ničesar.",
        "en": "Understood, I won't fetch anything from Facebook.",
        "bg": "Разбрах, няма да взимам нищо от Facebook.",
        "ro": "Am înțeles, nu voi prelua nimic de pe Facebook.",
    },
    "marketing_granted": {
        "sl": "Odlično, pošiljali vam bomo novice in ponudbe. Ustavite jih kadar koli z STOP.",
        "en": "Great, we'll send you news and offers. Stop them any time with STOP.",
        "bg": "Чудесно, ще ви изпращаме новини и оферти. Спрете ги по всяко време със СТОП.",
        "ro": "Perfect, vă vom trimite noutăți și oferte. Le opriți oricând cu STOP.",
    },
    "marketing_refused": {
        "sl": "V redu, promocijskih sporočil vam ne bomo pošiljali.",
        "en": "Okay, we won't send you promotional messages.",
        "bg": "Добре, няма да ви изпращаме рекламни съобщения.",
        "ro": "Bine, nu vă vom trimite mesaje promoționale.",
    },
    "done": {
        "sl": "Zdaj me lahko vprašate karkoli o zasebnosti. Odločitve lahko kadar koli "
        "spremenite – napišite npr. »prekliči soglasje«.",
        "en": "Now ask me anything about privacy. You can change these choices any time – "
        "just write e.g. “withdraw my consent”.",
        "bg": "Сега ме питайте каквото искате за поверителността. Можете да промените "
        "решенията си по всяко време – напишете напр. „оттеглям съгласието си“.",
        "ro": "Acum întrebați-mă orice despre confidențialitate. Puteți schimba oricând aceste "
        "alegeri – scrieți de ex. „îmi retrag consimțământul”.",
    },
    "policy_changed": {
        "sl": "Politika zasebnosti se je spremenila na način, ki zadeva vaše pravice, zato vas "
        "moramo ponovno vprašati za soglasje.",
        "en": "The privacy policy has changed in a way that affects your rights, so we need to "
        "ask for your consent again.",
        "bg": "Политиката за поверителност се промени по начин, който засяга правата ви, затова "
        "трябва да ви попитаме отново за съгласие.",
        "ro": "Politica de confidențialitate s-a schimbat într-un mod care vă afectează "
        "drepturile, așa că trebuie să vă cerem din nou consimțământul.",
    },
    "withdraw_which": {
        "sl": "Katero soglasje želite preklicati?",
        "en": "Which consent would you like to withdraw?",
        "bg": "Кое съгласие искате да оттеглите?",
        "ro": "Ce consimțământ doriți să retrageți?",
    },
    "purpose_profile": {
        "sl": "Profil s Facebooka",
        "en": "Facebook profile",
        "bg": "Профил от Facebook",
        "ro": "Profil Facebook",
    },
    "purpose_marketing": {
        "sl": "Novice in ponudbe",
        "en": "News and offers",
        "bg": "Новини и оферти",
        "ro": "Noutăți și oferte",
    },
    "purpose_all": {"sl": "Oboje", "en": "Both", "bg": "И двете", "ro": "Ambele"},
    "consent_change": {
        "sl": "Kaj želite spremeniti? Soglasje lahko kadar koli daste ali prekličete.",
        "en": "What would you like to change? You can give or withdraw consent at any time.",
        "bg": "Какво искате да промените? Можете да дадете или оттеглите съгласие по всяко време.",
        "ro": "Ce doriți să schimbați? Puteți da sau retrage consimțământul oricând.",
    },
    # Quick reply titles: at most 20 characters (Meta's limit).
    "allow_profile": {
        "sl": "Dovoli profil",
        "en": "Allow profile",
        "bg": "Разреши профил",
        "ro": "Permite profilul",
    },
    "allow_marketing": {
        "sl": "Dovoli novice",
        "en": "Allow offers",
        "bg": "Разреши оферти",
        "ro": "Permite ofertele",
    },
    "withdraw_profile": {
        "sl": "Prekliči profil",
        "en": "Withdraw profile",
        "bg": "Оттегли профил",
        "ro": "Retrage profilul",
    },
    "withdraw_marketing": {
        "sl": "Prekliči novice",
        "en": "Withdraw offers",
        "bg": "Оттегли оферти",
        "ro": "Retrage ofertele",
    },
    "withdrawn_profile": {
        "sl": "Soglasje za profil je preklicano; vaše ime, jezik in časovni pas s Facebooka so "
        "izbrisani.",
        "en": "Profile consent withdrawn; your name, language and time zone from Facebook are "
        "deleted.",
        "bg": "Съгласието за профила е оттеглено; името, езикът и часовата ви зона от Facebook "
        "са изтрити.",
        "ro": "Consimțământul pentru profil a fost retras; numele, limba și fusul orar de pe "
        "Facebook au fost șterse.",
    },
    "withdrawn_marketing": {
        "sl": "Soglasje za novice in ponudbe je preklicano; ne bomo vam jih več pošiljali.",
        "en": "Consent to news and offers withdrawn; we won't send you any more.",
        "bg": "Съгласието за новини и оферти е оттеглено; няма да ви изпращаме повече.",
        "ro": "Consimțământul pentru noutăți și oferte a fost retras; nu vă vom mai trimite.",
    },
    "nothing_to_withdraw": {
        "sl": "Trenutno nimate danega nobenega soglasja, zato ni česa preklicati. Če si "
        "premislite, ga lahko daste tukaj.",
        "en": "You haven't given any consent right now, so there's nothing to withdraw. If you "
        "change your mind, you can give it here.",
        "bg": "В момента нямате дадено съгласие, така че няма какво да оттеглите. Ако размислите, "
        "можете да го дадете тук.",
        "ro": "Momentan nu ați dat niciun consimțământ, deci nu e nimic de retras. Dacă vă "
        "răzgândiți, îl puteți da aici.",
    },
    "optin_title": {
        "sl": "Novice in ponudbe {controller}",
        "en": "News and offers from {controller}",
        "bg": "Новини и оферти от {controller}",
        "ro": "Noutăți și oferte de la {controller}",
    },
    "mm_stopped": {
        "sl": "Ustavili ste sporočila o novicah in ponudbah. Za ponovni vklop napišite START.",
        "en": "You've stopped news and offers. To turn them back on, type START.",
        "bg": "Спряхте новините и офертите. За да ги включите отново, напишете СТАРТ.",
        "ro": "Ați oprit noutățile și ofertele. Pentru a le reactiva, scrieți START.",
    },
}
