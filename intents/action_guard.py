"""Guards of the intents that act, beside the subscription guard (intents/guard.py).

- `object_processing` restricts processing and opens a request: it is considered only when
  the message asks (an objecting / restricting verb or the intent's keyword) and names
  what (data, processing, profiling, marketing). "stop at the corner" names nothing; "I
  object to the new parking fees" names something else (a bare "I object" still objects).
- `erase` is never about a photo, a message, a comment, an account elsewhere ("delete the
  picture I sent") or something bought ("remove the item from my basket"): with one of
  those words and no word for one's data, it is not erase. Nor, in ro and bg, about a
  password ("am uitat parola", "забравих паролата": forgetting is no right to be forgotten).
  A word for one's data that only says where the thing is ("a photo from my profile",
  "снимка от профила ми") or how many of it ("all the photos") does not count.
  (Erase still always asks for confirmation in the chat.)
- `withdraw_consent` is not cancelling an order or an appointment.
- `third_parties` is not shopping: "do you sell gift cards", "продавате ли лещи" use the
  verb of "do you sell my data" about goods. Selling alone, without a word for one's data
  or another of the intent's keywords, is not a question about sharing data.
"""

from __future__ import annotations

from intents.guard import _starts, _stems, any_stem, names_nothing, refuses
from intents.index import LanguageIndex
from intents.normalize import fold
from intents.transliterate import is_latin, to_cyrillic

# Verbs that say it on their own ("I object", "omejite obdelavo") ...
_OBJECT_VERBS = {
    "en": "object restrict freez suspend",
    "sl": "ugovar omej zamrzn",
    "bg": "възраз възраж огранич замраз",
    "ro": "opun opozi obiect restrict restrang suspend",
}
# ... and everyday ones that need to name what they stop ("stop at the corner" does not).
_GENERIC_VERBS = {
    "en": "stop halt limit refus oppos pause",
    "sl": "prepov nehaj nehajt ustav preneh zavrac nasprot",
    "bg": "спре спри спрет против откаж",
    "ro": "limit incet opri refuz",
}
_OBJECT_SUBJECTS = {
    "en": "data process profil marketing use using personal information analys behav track "
    "automat decision",
    "sl": "podat obdel profil trzen uporab osebn analiz sledenj avtomat",
    "bg": "данн обработ профил маркет използ лични анализ проследяв автомат",
    "ro": "date datel prelucr profil marketing utiliz folos personal analiz urmar automat",
}
# "I want to exercise my right to object": the right is what is objected with.
_RIGHT = {
    "en": "right exercis",
    "sl": "pravic uveljav",
    "bg": "прав упражн",
    "ro": "drept exercit",
}
# Things of one's own elsewhere, things of the centre itself ("fix the escalator", "remove the
# gum from the bench", "edit: I meant hall B") and a slip taken back ("oops, ignore that").
_ERASE_TRAPS = {
    "en": "photo pic image message msg comment post video story chats conversation "
    "facebook instagram google whatsapp tiktok review rating screenshot sticker drawing upload "
    "ignore oops sign= floor bench wall escalator elevator lift= gum graffiti poster hall= queue "
    "scratch car=",
    "sl": "slik fotk fotograf foto sporoc komentar objav video posnet pogovor facebook instagram "
    "aplikacij ocen mnenj recenzij urnik spored napis cenik etiket",
    "bg": "снимк съобщ коментар публикац пост видео разговор фейсбук инстаграм браузър търсен "
    "вайбър тикток гугъл отзив ревю оценк парол",
    "ro": "poza poze fotograf imagin mesaj coment postar video conversat facebook instagram "
    "browser cautar whatsapp viber tiktok google recenzi review parol",
}
# Things bought or booked (a trip too: "she withdrew her consent for the school trip, is
# there still room"), their price and money: "cancel my order", "anulez programarea",
# "withdraw money from the atm" withdraw no consent, "napačna cena za mleko" corrects no
# personal data.
_BOUGHT = {
    "en": "item product order basket cart reservation booking ticket appointment price money "
    "cash atm receipt invoice charged overcharg refund tow vehicle trip excursion",
    "sl": "izdel artikel artikl narocil kosaric rezervac vstopnic termin cena cene ceno denar "
    "bankomat gotovin zaracun blagajn vracil izlet bon= bona= bonu= bone= boni= bonov= avto= avta= "
    "avtu= avtom= avtomobil vozil",
    "bg": "продукт артикул поръчк кошниц количк резервац билет цена цени пари банкомат",
    "ro": "produs articol comand cosul rezervar bilet programar pret bani bancomat numerar",
}
_ERASE_DATA = {
    "en": "data information personal everything all profile record detail account",
    "sl": "podat vse= vseh= vsega= vsemi= osebn profil informac stevilk priimek email",
    "bg": "данн информац всичк лични профил акаунт",
    "ro": "date datel informat tot personal profil contul",
}

# "from my profile", "s profila", "от профила", "din profilul": the place, not the object.
_PLACE_WORDS = {
    "en": "from of on in off",
    "sl": "s z iz na v",
    "bg": "от на в във",
    "ro": "din de pe la",
}
# "all the photos", "vse slike": a quantity of the trap thing, not "everything about me".
_QUANTITY = {
    "en": "all every everything",
    "sl": "vse vso vsa",
    "bg": "всички всичко",
    "ro": "toate tot",
}
PLACE_BEFORE = 2  # words between "from" and the data word ("from my profile")

_SELL = {
    "en": "sell sold selling",
    "sl": "prodaj proda",
    "bg": "продава продав продад продаде",
    "ro": "vinde vand vanz",
}
_MY_DATA = {
    "en": "data info information details personal email number phone name address contact me my",
    "sl": "podat osebn informac naslov stevilk telefon ime email mene meni moj moje mojo svoj",
    "bg": "данн информац лични имейл номер име адрес мен ми мои",
    "ro": "date datel informat personal email numar nume adres mine mea mele meu",
}
# What an objection names, for the question that confirms it ("... for marketing?").
_PURPOSES = {
    "marketing": {
        "en": "marketing advert ads offer promot newsletter",
        "sl": "trzen marketing oglas ponudb reklam promoc",
        "bg": "маркет реклам оферт промоц",
        "ro": "marketing reclam ofert promot publicit",
    },
    "profiling": {
        "en": "profil analys automat decision track",
        "sl": "profil analiz avtomat sledenj",
        "bg": "профил анализ автомат проследяв",
        "ro": "profil analiz automat urmar",
    },
}

OBJECT_VERBS = _stems(_OBJECT_VERBS)
GENERIC_VERBS = _stems(_GENERIC_VERBS)
OBJECT_SUBJECTS = _stems(_OBJECT_SUBJECTS)
RIGHT = _stems(_RIGHT)
BOUGHT = _stems(_BOUGHT)
ERASE_TRAPS = {lang: stems + BOUGHT.get(lang, ()) for lang, stems in _stems(_ERASE_TRAPS).items()}
ERASE_DATA = _stems(_ERASE_DATA)
PLACE_WORDS = {lang: frozenset(words) for lang, words in _stems(_PLACE_WORDS).items()}
QUANTITY = {lang: frozenset(words) for lang, words in _stems(_QUANTITY).items()}
SELL = _stems(_SELL)
MY_DATA = _stems(_MY_DATA)
PURPOSES = {purpose: _stems(table) for purpose, table in _PURPOSES.items()}


def may_object(
    index: LanguageIndex, words: list[str], covered: list[set[int]], intent: int
) -> bool:
    """Whether `words` can be a request to object to or restrict processing."""
    lang = index.lang
    if any_stem(words, ERASE_TRAPS, lang) and not names_ones_data_anywhere(words, lang):
        return False  # "stop processing my order": an order, not one's data
    if any_stem(words, OBJECT_SUBJECTS, lang):
        asked = any(intent in keyed for keyed in covered) or any_stem(words, GENERIC_VERBS, lang)
        asked = asked or refuses(words, lang)  # "ne želim, da jih uporabljate"
        return asked or any_stem(words, OBJECT_VERBS, lang)
    # "I object!" alone objects; "I object to the new parking fees" names something else.
    said = [_starts(word, OBJECT_VERBS.get(lang, ())) for word in words]
    return any(said) and all(
        verb or names_nothing(index, word) or _starts(word, RIGHT.get(lang, ()))
        for word, verb in zip(words, said, strict=True)
    )


def may_erase(index: LanguageIndex, words: list[str], covered: list[set[int]], intent: int) -> bool:
    """Whether `words` can be a request to erase one's data (not a photo or a message)."""
    lang = index.lang
    if not any_stem(words, ERASE_TRAPS, lang):
        return True
    return names_ones_data_anywhere(words, lang)


def names_ones_data_anywhere(words: list[str], lang: str) -> bool:
    return any(_names_ones_data(words, at, lang) for at in range(len(words)))


def _names_ones_data(words: list[str], at: int, lang: str) -> bool:
    """Whether word `at` names one's data as what is to be deleted: a data word neither
    after "from" (a place), nor right after a trap thing ("my facebook account"), nor a
    quantity of one ("all photos")."""
    if not _starts(words[at], ERASE_DATA.get(lang, ())):
        return False
    if at and any_stem(words[at - 1 : at], ERASE_TRAPS, lang):
        return False
    before = words[max(0, at - PLACE_BEFORE) : at]
    if PLACE_WORDS.get(lang, frozenset()) & set(before):
        return False
    after = words[at + 1 : at + 1 + PLACE_BEFORE]
    return not (words[at] in QUANTITY.get(lang, frozenset()) and any_stem(after, ERASE_TRAPS, lang))


def may_withdraw(
    index: LanguageIndex, words: list[str], covered: list[set[int]], intent: int
) -> bool:
    """Whether `words` can withdraw consent: not when they cancel something bought or booked
    ("hočem preklicat naročilo") and name no data of one's own."""
    lang = index.lang
    if not any_stem(words, BOUGHT, lang):
        return True
    return names_ones_data_anywhere(words, lang)


def may_share(index: LanguageIndex, words: list[str], covered: list[set[int]], intent: int) -> bool:
    """Whether `words` can be a question about sharing data (not about buying goods)."""
    lang = index.lang
    selling = [_starts(word, SELL.get(lang, ())) for word in words]
    if not any(selling):
        return True
    pairs = zip(covered, selling, strict=True)
    other_keyword = any(intent in keyed and not sold for keyed, sold in pairs)
    return other_keyword or any_stem(words, MY_DATA, lang)


def objection_purpose(text: str, lang: str) -> str:
    """What an objection typed in `lang` names: "marketing", "profiling", or "" (all)."""
    if lang == "bg" and is_latin(text):
        text = to_cyrillic(text)
    words = fold(text).split()
    return next((name for name, table in PURPOSES.items() if any_stem(words, table, lang)), "")
