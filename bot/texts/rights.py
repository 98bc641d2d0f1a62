"""The words of the rights flows (access, export, rectify, erase, restrict), per language."""

from __future__ import annotations

from typing import Final

RIGHTS_TEXTS: Final[dict[str, dict[str, str]]] = {
    "access_head": {
        "sl": "Tole hranimo o vas:",
        "en": "Here's what we hold about you:",
        "bg": "Ето какво пазим за вас:",
        "ro": "Iată ce păstrăm despre dvs.:",
    },
    "access_nothing": {
        "sl": "Razen ID-ja za Messenger in zgodovine pogovora o soglasjih ne hranimo ničesar.",
        "en": "Apart from your Messenger ID and your consent history, we hold nothing.",
        "bg": "Освен вашия Messenger ID и историята на съгласията, не пазим нищо.",
        "ro": "În afară de ID-ul Messenger și istoricul consimțămintelor, nu păstrăm nimic.",
    },
    "source_facebook": {
        "sl": "s Facebooka",
        "en": "from Facebook",
        "bg": "от Facebook",
        "ro": "de pe Facebook",
    },
    "source_person": {
        "sl": "vpisali ste sami",
        "en": "typed by you",
        "bg": "въведено от вас",
        "ro": "introdus de dvs.",
    },
    "source_bot": {
        "sl": "iz pogovora",
        "en": "from our chat",
        "bg": "от разговора",
        "ro": "din conversație",
    },
    "access_consents": {
        "sl": "Vaša soglasja:",
        "en": "Your consents:",
        "bg": "Вашите съгласия:",
        "ro": "Consimțămintele dvs.:",
    },
    "access_requests": {
        "sl": "Odprte zahteve:",
        "en": "Open requests:",
        "bg": "Отворени заявки:",
        "ro": "Cereri deschise:",
    },
    "access_more": {
        "sl": "Kopijo v datoteki dobite z »izvozi moje podatke«; popraviti ali izbrisati jih "
        "lahko začnete spodaj.",
        "en": "For a copy as a file, say “export my data”; to correct or delete it, pick below.",
        "bg": "За копие във файл напишете „изтегли данните ми“; за коригиране или изтриване "
        "започнете по-долу.",
        "ro": "Pentru o copie ca fișier, scrieți „exportă datele mele”; pentru corectare sau "
        "ștergere, începeți mai jos.",
    },
    "access_purposes": {
        "sl": "Za kaj jih uporabljamo:",
        "en": "What we use them for:",
        "bg": "За какво ги използваме:",
        "ro": "La ce le folosim:",
    },
    "access_recipients": {
        "sl": "Komu jih lahko damo:",
        "en": "Who may receive them:",
        "bg": "Кой може да ги получи:",
        "ro": "Cine le poate primi:",
    },
    "access_retention": {
        "sl": "Kako dolgo jih hranimo:",
        "en": "How long they are kept:",
        "bg": "Колко дълго ги пазим:",
        "ro": "Cât timp le păstrăm:",
    },
    "access_no_consents": {
        "sl": "O soglasjih se še niste odločili.",
        "en": "You haven't decided on any consent yet.",
        "bg": "Все още не сте решили за нито едно съгласие.",
        "ro": "Nu ați decis încă asupra niciunui consimțământ.",
    },
    "access_consent_line": {
        "sl": "• {purpose}: {decision}, {date} (različica politike {version})",
        "en": "• {purpose}: {decision}, {date} (policy version {version})",
        "bg": "• {purpose}: {decision}, {date} (версия на политиката {version})",
        "ro": "• {purpose}: {decision}, {date} (versiunea politicii {version})",
    },
    "access_earlier": {
        "sl": "  prejšnje odločitve: {count}",
        "en": "  earlier decisions: {count}",
        "bg": "  предишни решения: {count}",
        "ro": "  decizii anterioare: {count}",
    },
    "access_restricted": {
        "sl": "• Obdelava je omejena: profila ne uporabljamo in ponudb ne pošiljamo.",
        "en": "• Processing is restricted: we don't use your profile or send you offers.",
        "bg": "• Обработването е ограничено: не използваме профила ви и не пращаме оферти.",
        "ro": "• Prelucrarea este restricționată: nu vă folosim profilul și nu trimitem oferte.",
    },
    "access_unsubscribed": {
        "sl": "• Promocijska sporočila ste ustavili (STOP).",
        "en": "• You have stopped promotional messages (STOP).",
        "bg": "• Спрели сте рекламните съобщения (СТОП).",
        "ro": "• Ați oprit mesajele promoționale (STOP).",
    },
    "access_request_line": {
        "sl": "• {kind}: {status}, rok {due}",
        "en": "• {kind}: {status}, due {due}",
        "bg": "• {kind}: {status}, срок {due}",
        "ro": "• {kind}: {status}, termen {due}",
    },
    "access_no_requests": {
        "sl": "Odprtih zahtev nimate.",
        "en": "You have no open requests.",
        "bg": "Нямате отворени заявки.",
        "ro": "Nu aveți cereri deschise.",
    },
    "field_locale": {
        "sl": "Jezik na Facebooku",
        "en": "Facebook locale",
        "bg": "Език във Facebook",
        "ro": "Limba pe Facebook",
    },
    "field_chat_language": {
        "sl": "Jezik pogovora",
        "en": "Chat language",
        "bg": "Език на разговора",
        "ro": "Limba conversației",
    },
    "export_ready": {
        "sl": "Vaša kopija podatkov (JSON) je pripravljena. Povezava deluje 15 minut in samo "
        "enkrat: {url}",
        "en": "Your copy of your data (JSON) is ready. The link works once, for 15 minutes: {url}",
        "bg": "Копието на данните ви (JSON) е готово. Връзката работи веднъж, 15 минути: {url}",
        "ro": "Copia datelor dvs. (JSON) este gata. Linkul funcționează o dată, 15 minute: {url}",
    },
    "erase_confirm": {
        "sl": "Res izbrišem vse vaše podatke? Tega ni mogoče razveljaviti. Če mi boste pozneje "
        "pisali, začneva na novo.",
        "en": "Delete all your data for good? This can't be undone. If you write to me later, "
        "we start afresh.",
        "bg": "Наистина ли да изтрия всичките ви данни? Това е необратимо. Ако ми пишете по-късно, "
        "започваме отначало.",
        "ro": "Șterg definitiv toate datele dvs.? Acțiunea nu poate fi anulată. Dacă îmi scrieți "
        "mai târziu, începem de la zero.",
    },
    "erase_yes": {"sl": "Da, izbriši", "en": "Yes, delete", "bg": "Да, изтрий", "ro": "Da, șterge"},
    "erase_no": {"sl": "Ne", "en": "No, keep", "bg": "Не", "ro": "Nu"},
    "erased": {
        "sl": "Izbrisano. O vas ne hranimo ničesar več (ostane le zapis, da je bil izbris "
        "opravljen, brez vaših podatkov). Hvala in na svidenje!",
        "en": "Done: your data is deleted. We keep only a record that an erasure happened, "
        "with nothing about you. Thank you, and goodbye!",
        "bg": "Готово: данните ви са изтрити. Пазим само запис, че е извършено изтриване, без "
        "нищо за вас. Благодаря и довиждане!",
        "ro": "Gata: datele dvs. au fost șterse. Păstrăm doar o evidență că ștergerea a avut loc, "
        "fără nimic despre dvs. Mulțumim și la revedere!",
    },
    "kept": {
        "sl": "V redu, ničesar ne izbrišem.",
        "en": "Okay, nothing is deleted.",
        "bg": "Добре, нищо не е изтрито.",
        "ro": "Bine, nu se șterge nimic.",
    },
    "rectify_which": {
        "sl": "Kaj želite popraviti?",
        "en": "What would you like to correct?",
        "bg": "Какво искате да коригирате?",
        "ro": "Ce doriți să corectați?",
    },
    "rectify_ask": {
        "sl": "Napišite novo vrednost za »{field}«.",
        "en": "Type the new value for “{field}”.",
        "bg": "Напишете новата стойност за „{field}“.",
        "ro": "Scrieți noua valoare pentru „{field}”.",
    },
    "rectify_confirm": {
        "sl": "»{field}« spremenim v »{value}«?",
        "en": "Change “{field}” to “{value}”?",
        "bg": "Да променя ли „{field}“ на „{value}“?",
        "ro": "Schimb „{field}” în „{value}”?",
    },
    "rectified": {
        "sl": "Popravljeno: »{field}« je zdaj »{value}«.",
        "en": "Corrected: “{field}” is now “{value}”.",
        "bg": "Коригирано: „{field}“ вече е „{value}“.",
        "ro": "Corectat: „{field}” este acum „{value}”.",
    },
    "rectify_invalid": {
        "sl": "Tega ne morem shraniti: {why} Prejšnja vrednost ostane. Poskusite znova.",
        "en": "I can't save that: {why} The old value stays. Try again.",
        "bg": "Не мога да запазя това: {why} Старата стойност остава. Опитайте отново.",
        "ro": "Nu pot salva asta: {why} Valoarea veche rămâne. Încercați din nou.",
    },
    "invalid_empty": {
        "sl": "vrednost je prazna.",
        "en": "the value is empty.",
        "bg": "стойността е празна.",
        "ro": "valoarea este goală.",
    },
    "invalid_long": {
        "sl": "daljše od 100 znakov.",
        "en": "it is over 100 characters.",
        "bg": "над 100 знака е.",
        "ro": "depășește 100 de caractere.",
    },
    "invalid_letters": {
        "sl": "ni črk (samo emoji ali znaki).",
        "en": "it has no letters.",
        "bg": "няма букви.",
        "ro": "nu conține litere.",
    },
    "invalid_timezone": {
        "sl": "takega časovnega pasu ni (npr. Europe/Ljubljana ali UTC+1).",
        "en": "there is no such time zone (e.g. Europe/Ljubljana or UTC+1).",
        "bg": "няма такава часова зона (напр. Europe/Sofia или UTC+2).",
        "ro": "nu există acest fus orar (de ex. Europe/Bucharest sau UTC+2).",
    },
    "field_first_name": {"sl": "Ime", "en": "First name", "bg": "Име", "ro": "Prenume"},
    "field_last_name": {"sl": "Priimek", "en": "Last name", "bg": "Фамилия", "ro": "Nume"},
    "field_language": {"sl": "Jezik", "en": "Language", "bg": "Език", "ro": "Limbă"},
    "field_timezone": {
        "sl": "Časovni pas",
        "en": "Time zone",
        "bg": "Часова зона",
        "ro": "Fus orar",
    },
    "restricted": {
        "sl": "Obdelavo sem omejil: vašega profila ne uporabljamo in ne pošiljamo vam ponudb. "
        "Vaš ugovor je zabeležen; odgovor dobite v enem mesecu (najpozneje {due}).",
        "en": "Processing restricted: we won't use your profile or send you offers. Your "
        "objection is recorded; you'll get an answer within a month (by {due}).",
        "bg": "Обработването е ограничено: няма да използваме профила ви и да ви пращаме "
        "оферти. Възражението ви е записано; ще получите отговор до един месец (до {due}).",
        "ro": "Prelucrarea este restricționată: nu vă folosim profilul și nu vă trimitem oferte. "
        "Obiecția dvs. este înregistrată; primiți răspuns în cel mult o lună (până la {due}).",
    },
    "restriction_lift": {
        "sl": "Odpravi omejitev",
        "en": "Lift restriction",
        "bg": "Премахни",
        "ro": "Ridică restricția",
    },
    "already_restricted": {
        "sl": "Obdelava je že omejena. Jo želite odpraviti?",
        "en": "Processing is already restricted. Would you like to lift the restriction?",
        "bg": "Обработването вече е ограничено. Искате ли да премахнете ограничението?",
        "ro": "Prelucrarea este deja restricționată. Doriți să ridicați restricția?",
    },
    "restriction_lifted": {
        "sl": "Omejitev je odpravljena. Soglasja veljajo, kot ste jih dali.",
        "en": "Restriction lifted. Your consents apply as you gave them.",
        "bg": "Ограничението е премахнато. Съгласията ви важат, както сте ги дали.",
        "ro": "Restricția a fost ridicată. Consimțămintele se aplică așa cum le-ați dat.",
    },
    "ask_staff": {
        "sl": "Vprašaj osebje",
        "en": "Ask the staff",
        "bg": "Питай екипа",
        "ro": "Întreabă echipa",
    },
    "question_recorded": {
        "sl": "Vaše vprašanje je zabeleženo. Osebje za zasebnost vam odgovori tukaj v enem "
        "mesecu (najpozneje {due}).",
        "en": "Your question is recorded. The privacy staff will answer you here within a month "
        "(by {due}).",
        "bg": "Въпросът ви е записан. Екипът по поверителност ще ви отговори тук до един месец "
        "(до {due}).",
        "ro": "Întrebarea dvs. a fost înregistrată. Echipa de confidențialitate vă răspunde aici "
        "în cel mult o lună (până la {due}).",
    },
    "closed_done": {
        "sl": "Vaša zahteva »{kind}« z dne {received} je rešena.",
        "en": "Your request “{kind}” of {received} is done.",
        "bg": "Вашата заявка „{kind}“ от {received} е изпълнена.",
        "ro": "Cererea dvs. „{kind}” din {received} a fost soluționată.",
    },
    "closed_refused": {
        "sl": "Vaša zahteva »{kind}« z dne {received} je zavrnjena.",
        "en": "Your request “{kind}” of {received} has been refused.",
        "bg": "Вашата заявка „{kind}“ от {received} е отказана.",
        "ro": "Cererea dvs. „{kind}” din {received} a fost respinsă.",
    },
    "closed_reason": {
        "sl": "Pojasnilo osebja za zasebnost: {reason}",
        "en": "The privacy staff explain: {reason}",
        "bg": "Обяснение на екипа по поверителност: {reason}",
        "ro": "Explicația echipei de confidențialitate: {reason}",
    },
    "start_restricted": {
        "sl": "Zapomnil sem si, da želite ponudbe. Ker je obdelava omejena, jih ne pošiljamo; "
        "spet jih boste dobivali, ko omejitev odpravite.",
        "en": "Noted: you'd like offers. While processing is restricted we send none; they "
        "resume once you lift the restriction.",
        "bg": "Записах, че искате оферти. Докато обработването е ограничено, не изпращаме; "
        "ще ги получавате отново, щом премахнете ограничението.",
        "ro": "Am reținut că doriți oferte. Cât timp prelucrarea este restricționată nu "
        "trimitem; le veți primi din nou după ce ridicați restricția.",
    },
    "start_restricted_ask": {
        "sl": "Dokler je obdelava omejena, ponudb ne pošiljamo. Ko omejitev odpravite, napišite "
        "START in vprašal vas bom za soglasje.",
        "en": "While processing is restricted we send no offers. Once you lift the "
        "restriction, type START and I'll ask for your consent.",
        "bg": "Докато обработването е ограничено, не изпращаме оферти. Щом премахнете "
        "ограничението, напишете СТАРТ и ще ви попитам за съгласие.",
        "ro": "Cât timp prelucrarea este restricționată nu trimitem oferte. După ce ridicați "
        "restricția, scrieți START și vă voi cere consimțământul.",
    },
    "invalid_language": {
        "sl": "tega jezika ne govorim; izberete lahko: {languages}.",
        "en": "I don't speak that language; you can choose: {languages}.",
        "bg": "не говоря този език; можете да изберете: {languages}.",
        "ro": "nu vorbesc această limbă; puteți alege: {languages}.",
    },
}

# The ids people see in summaries and notices (purposes' decisions, request types and
# statuses), in sl, en, bg, ro: never shown raw.
_LABELS: Final[dict[str, tuple[str, str, str, str]]] = {
    "decision_granted": ("dovoljeno", "granted", "дадено", "acordat"),
    "decision_refused": ("zavrnjeno", "refused", "отказано", "refuzat"),
    "decision_withdrawn": ("preklicano", "withdrawn", "оттеглено", "retras"),
    "status_open": ("odprta", "open", "отворена", "deschisă"),
    "status_in_progress": ("v obdelavi", "in progress", "в процес", "în lucru"),
    "status_waiting_for_person": (
        "čaka na vas",
        "waiting for you",
        "чака вас",
        "așteaptă răspunsul dvs.",
    ),
    "status_done": ("rešena", "done", "изпълнена", "soluționată"),
    "status_refused": ("zavrnjena", "refused", "отказана", "respinsă"),
    "request_access": (
        "dostop do podatkov",
        "access to your data",
        "достъп до данните",
        "acces la date",
    ),
    "request_export": (
        "kopija podatkov",
        "copy of your data",
        "копие на данните",
        "copie a datelor",
    ),
    "request_rectify": (
        "popravek podatkov",
        "correction of your data",
        "коригиране на данните",
        "rectificarea datelor",
    ),
    "request_erase": (
        "izbris podatkov",
        "erasure of your data",
        "изтриване на данните",
        "ștergerea datelor",
    ),
    "request_withdraw": (
        "preklic soglasja",
        "withdrawal of consent",
        "оттегляне на съгласие",
        "retragerea consimțământului",
    ),
    "request_object": (
        "ugovor obdelavi",
        "objection to processing",
        "възражение срещу обработването",
        "opoziție la prelucrare",
    ),
    "request_restrict": (
        "omejitev obdelave",
        "restriction of processing",
        "ограничаване на обработването",
        "restricționarea prelucrării",
    ),
    "request_lift_restriction": (
        "odprava omejitve",
        "lifting the restriction",
        "премахване на ограничението",
        "ridicarea restricției",
    ),
    "request_unsubscribe": (
        "odjava od ponudb",
        "stopping offers",
        "спиране на офертите",
        "oprirea ofertelor",
    ),
    "request_resubscribe": (
        "ponovna prijava na ponudbe",
        "restarting offers",
        "подновяване на офертите",
        "reluarea ofertelor",
    ),
    "request_deletion_callback": (
        "izbris prek Facebooka",
        "deletion via Facebook",
        "изтриване чрез Facebook",
        "ștergere prin Facebook",
    ),
    "request_question": ("vprašanje", "question", "въпрос", "întrebare"),
}

RIGHTS_TEXTS.update(
    {key: dict(zip(("sl", "en", "bg", "ro"), words, strict=True)) for key, words in _LABELS.items()}
)
