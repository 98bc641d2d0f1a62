"""Which messages may be read as a change to promotional messages at all.

The words for stopping or starting marketing are everyday words ("stop", "odjava", "стоп",
"opreste", "prijava"), and "odjava od dogodka" (signing out of an event), "стоп сигнал" (a
brake light) or "unde opreste trenul" (where the train stops) say nothing about messages.
So `unsubscribe` / `resubscribe` are considered only when the message

1. asks: one of the intent's keywords or a stop / start verb is there (to stop, a "no" will
   do). "bom prejemal obvestila o akcijah?" asks about marketing, it requests nothing;
2. and names what is meant (messages, ads, offers, newsletter, subscription, ...) or says
   nothing else: only the request, function words and courtesy ("rad bi se odjavil").

A message whose "no" refuses a wish or the sending is never `resubscribe`: "не искам да
получавам оферти" (I don't want offers) shares every other word with "искам да получавам
оферти"; "I no longer get coupons, sign me up again" is one.
A bare STOP / START never gets here: the compliance words act before the matcher.
"""

from __future__ import annotations

from functools import cache

from intents.index import LanguageIndex
from intents.language import NEGATIONS_TEXT as _NEGATIONS
from intents.normalize import fold

GUARDED = frozenset({"unsubscribe", "resubscribe"})

# Stems (a word that starts with one counts) naming the thing subscribed to, per language.
# Folded like everything else; words of one or two letters must match whole.
_SUBJECTS: dict[str, str] = {
    "en": "subscri unsub resub newslet promo market ad ads advert offer deal spam messag msg "
    "notif mail email sms news send sending sent text mailing",
    "sl": "reklam oglas ponudb akcij novic novick newslet obvest obvesc sporoc sms mail email "
    "promo market narocn spam posilj poslj posiljanj prejem seznam",
    "bg": "реклам оферт промо бюлетин булетин съобщ абонам новин маркет спам пращ изпращ прат "
    "имейл имеил мейл смс извест нюзлет писма писмат",
    "ro": "reclam ofert promo newslet buletin mesaj abona abonez dezabon notific market spam "
    "trimit email mail noutat sms",
}

# Memberships, subscriptions elsewhere and events signed up for ("unsubscribe me from the
# gym membership", "from the fun run", "odjava od delavnice", "I unsubscribed from the yoga
# class", a waiting list at the hairdresser's): with one of these and no
# word for what is sent, no subscription of ours changes.
_ELSEWHERE: dict[str, str] = {
    "en": "gym fitnes membership netflix spotify magazin race marathon workshop course "
    "tournament competition contest class lesson yoga pilates dance waiting",
    "sl": "fitnes teretan clanarin revij teka teku tekm maraton delavnic tecaj dogodk jog "
    "pilates ples vadb cakaln cakanj frizer",
    "bg": "фитнес членств списани маратон състезан работилниц курс",
    "ro": "fitness sala revist maraton concurs atelier curs",
}
# What is sent, without the words of subscribing itself.
_SENT: dict[str, str] = {
    "en": "newslet promo market ad ads advert offer deal spam messag msg notif mail email sms",
    "sl": "reklam oglas ponudb akcij novic novick newslet obvest obvesc sporoc sms mail email",
    "bg": "реклам оферт промо бюлетин съобщ новин маркет спам имейл мейл смс извест",
    "ro": "reclam ofert promo newslet buletin mesaj notific market spam email mail noutat sms",
}

# Stems of asking to stop / to start again, per language, beside each pack's own keywords
# of the two intents (packs differ in how many they list; safety must not).
_STOP_VERBS: dict[str, str] = {
    "en": "stop unsub opt cancel end quit terminat remove leave enough cease halt pause disabl "
    "take switch turn",
    "sl": "stop odjav ustav neha nehte preneh dovolj odpov ukin izklop prekin izpis odstran brez "
    "znebi",
    "bg": "стоп спр спир отпиш отпис стига прекрат анулир махн откаж без",
    "ro": "stop opri opre dezabon anul renunt scoat elimin ajunge fara incet",
}
_START_VERBS: dict[str, str] = {
    "en": "start subscrib resub again back resume opt sign restart renew reactivat switch turn put "
    "add",
    "sl": "start prijav spet znova ponovn nazaj vklop zacn obnov",
    "bg": "старт абонир запиш отново пак пусн включ върн поднов",
    "ro": "start abonez abonat aboneaz abonar reabon iar inapoi reactiv reporn porn nou",
}

# Signing up told as done ("pred enim letom sem se prijavila na novice, zdaj jih je preveč. A
# lahko to ustavite?"): the story of the subscription, never a request to sign up again.
# Past forms only: English "subscribed" and Romanian "abonat" also ask ("am I subscribed?",
# "sunt abonat?").
_SIGNED_UP = {
    "en": "",
    "sl": "prijavil prijavila prijavili prijavla prijavu",
    "bg": "абонирах абонирахме записах записахме",
    "ro": "",
}
# ... unless a wish or "again" says it ("I signed up again", "I want to be signed up").
_WISHED = {
    "en": "want wanna would like please pls again back",
    "sl": "zelim hocem bi rad rada prosim spet znova ponovno nazaj",
    "bg": "искам бих моля отново пак",
    "ro": "vreau doresc as rog iar nou",
}

# Words that carry no topic of their own in a request (beyond each language's stop words).
_COURTESY: dict[str, str] = {
    "en": "like would wanna pls plz just really now already thanks thank ok okay kindly them those "
    "these make way get getting",
    "sl": "bi zelel zelela zdaj takoj hvala lepo ze kar vse vsega res vec",
    "bg": "искал искала бих искаме веднага вече благодаря сега",
    "ro": "as vrea vreau va rog acum imediat mersi multumesc doresc dori",
}


# "why did you stop sending me offers?", "zakaj ste prenehali pošiljati novice?": asking why
# the messages stopped (or come) is a question, not the request, unless an imperative says it
# too ("why do you keep sending this spam, stop it").
_WHY = {"en": "why | how come", "sl": "zakaj", "bg": "защо", "ro": "de ce | din ce motiv"}
_IMPERATIVE = {
    "en": "stop it | stop this | stop that | stop now | just stop | please | pls | enough "
    "| unsubscribe me | remove me",
    "sl": "prosim | nehajte | nehaj | dovolj | odjavite me | ustavite",
    "bg": "моля | спрете | спри | стига | отпишете ме",
    "ro": "va rog | opriti | opreste | ajunge | dezabonati-ma | scoateti-ma",
}


def _stems(table: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Folded stems per language; an entry ending in "=" stays marked: a whole word."""
    return {
        lang: tuple(fold(word) + "=" * word.endswith("=") for word in words.split())
        for lang, words in table.items()
    }


SUBJECTS = _stems(_SUBJECTS)
ELSEWHERE, SENT = _stems(_ELSEWHERE), _stems(_SENT)
# Having (un)subscribed names the subscription for the other change: "pomotoma sem se
# odjavil, prijavi me nazaj" ("stop the bus, I want to start again" names none).
_UNSUBSCRIBED = {"en": "unsub", "sl": "odjav", "bg": "отпис отпиш", "ro": "dezabon"}
_SUBSCRIBED = {"en": "subscri signed", "sl": "prijav", "bg": "абонир записах", "ro": "abona abone"}
TOLD = {"resubscribe": _stems(_UNSUBSCRIBED), "unsubscribe": _stems(_SUBSCRIBED)}
# ... unless it says from what: "odjavil sem se iz hotela" (checked out of a hotel).
_FROM = {"en": "from of out", "sl": "iz od z s", "bg": "от", "ro": "din de la"}
FROM = {lang: frozenset(words.split()) for lang, words in _FROM.items()}
TOLD_REACH = 3  # words after the verb where "from ..." would say what
COURTESY = {lang: frozenset(words) for lang, words in _stems(_COURTESY).items()}
NEGATIONS = {lang: frozenset(words) for lang, words in _stems(_NEGATIONS).items()}
VERBS = {"unsubscribe": _stems(_STOP_VERBS), "resubscribe": _stems(_START_VERBS)}
SIGNED_UP = {lang: frozenset(words) for lang, words in _stems(_SIGNED_UP).items()}
WISHED = {lang: frozenset(words) for lang, words in _stems(_WISHED).items()}


def _phrases(table: dict[str, str]) -> dict[str, tuple[list[str], ...]]:
    return {
        lang: tuple(fold(phrase).split() for phrase in phrases.split("|"))
        for lang, phrases in table.items()
    }


WHY, IMPERATIVE = _phrases(_WHY), _phrases(_IMPERATIVE)


def _says(words: list[str], phrases: tuple[list[str], ...]) -> bool:
    return any(
        words[at : at + len(phrase)] == phrase for phrase in phrases for at in range(len(words))
    )


def asks_why(words: list[str], lang: str) -> bool:
    """Whether folded `words` ask why the messages stopped or come, and ask nothing."""
    return _says(words, WHY.get(lang, ())) and not _says(words, IMPERATIVE.get(lang, ()))


def _starts(word: str, stems: tuple[str, ...]) -> bool:
    wholes, prefixes = _split(stems)
    return word in wholes or word.startswith(prefixes)


@cache
def _split(stems: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """Stems that must match whole ("vse=": not "vseeno"; one or two letters) and prefixes;
    the guards run on every window of every message, so once per table."""
    wholes = frozenset(stem.rstrip("=") for stem in stems if stem.endswith("=") or len(stem) <= 2)
    prefixes = tuple(stem for stem in stems if not stem.endswith("=") and len(stem) > 2)
    return wholes, prefixes


def names_nothing(index: LanguageIndex, word: str) -> bool:
    """A function or courtesy word, or one of one or two letters: it names no thing a
    request could be about."""
    return len(word) <= 2 or word in index.stops or word in COURTESY.get(index.lang, frozenset())


def any_stem(words: list[str], table: dict[str, tuple[str, ...]], lang: str) -> bool:
    """Whether one of `words` starts with one of `table`'s stems in `lang`."""
    stems = table.get(lang, ())
    return any(_starts(word, stems) for word in words)


# What a "no" refuses when it stands before it: a wish or the sending ("I don't want", "ne
# pošiljajte"). "ne dobivam več kuponov" (I no longer get coupons) refuses nothing: it tells
# why the person asks to be signed up again.
_REFUSED = {
    "en": "want wanna wish like need interested send sending",
    "sl": "zelim zelel zelela hocem rad rada posilj poslj",
    "bg": "искам желая прат праща изпращ",
    "ro": "vreau doresc trimit",
}
REFUSED = _stems(_REFUSED)
REFUSING = {"en": ("dont",), "sl": ("nocem", "nocemo"), "bg": (), "ro": ()}
NO_REACH = 3  # words after a "no" that it can refuse


def refuses(words: list[str], lang: str) -> bool:
    """Whether a "no" refuses a wish or the sending ("не искам", "don't send", "nočem")."""
    negations = NEGATIONS.get(lang, frozenset())
    if any(word in REFUSING.get(lang, ()) for word in words):
        return True
    return any(
        _starts(after, REFUSED.get(lang, ()))
        for at, word in enumerate(words)
        if word in negations
        for after in words[at + 1 : at + 1 + NO_REACH]
    )


def _told(words: list[str], name: str, lang: str) -> bool:
    """Whether the other change is told, and of nothing named (see TOLD)."""
    stems, away = TOLD[name].get(lang, ()), FROM.get(lang, frozenset())
    return any(
        _starts(word, stems) and not away & set(words[at + 1 : at + 1 + TOLD_REACH])
        for at, word in enumerate(words)
    )


def _signed_up_told(words: list[str], said: list[bool], lang: str) -> bool:
    """Whether every word asking to start is signing up told as done (see SIGNED_UP)."""
    told = SIGNED_UP.get(lang, frozenset())
    asking = [word for word, request in zip(words, said, strict=True) if request]
    return all(word in told for word in asking) and not WISHED.get(lang, frozenset()) & set(words)


def may_change_subscription(
    index: LanguageIndex, words: list[str], covered: list[set[int]], intent: int
) -> bool:
    """Whether `words` (folded tokens) can be a request of guarded intent number `intent`.

    `covered` is, per word, the intents whose keywords cover it (see intents/scoring.py).
    """
    lang, name = index.lang, index.intents[intent]
    if asks_why(words, lang):
        return False
    if any_stem(words, ELSEWHERE, lang) and not any_stem(words, SENT, lang):
        return False
    negated = bool(NEGATIONS.get(lang, frozenset()) & set(words))
    verbs = VERBS[name].get(lang, ())
    said = [
        intent in keyed or _starts(word, verbs) for word, keyed in zip(words, covered, strict=True)
    ]
    if not any(said) and not (negated and name == "unsubscribe"):
        return False
    if name == "resubscribe" and (refuses(words, lang) or _signed_up_told(words, said, lang)):
        return False
    if any_stem(words, SUBJECTS, lang) or _told(words, name, lang):
        return True
    return all(
        request or names_nothing(index, word) for word, request in zip(words, said, strict=True)
    )
