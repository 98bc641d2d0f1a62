"""Colloquial and chat spellings, read as the standard words the packs use ("kva", "kok",
"mate", "tud", "u", "ur", "gimme", "кво", "нема", "nush", "cnv"): per language, folded like
the message. Slovene as typed on a phone has its own table (intents/spoken_sl.py).
"""

from __future__ import annotations

from intents.normalize import fold
from intents.spoken_sl import SPOKEN_SL

# Folded colloquial word -> folded standard words, per language.
_COLLOQUIAL: dict[str, dict[str, str]] = {
    "sl": SPOKEN_SL,
    "en": {
        "u": "you",
        "ya": "you",
        "r": "are",
        "ur": "your",
        "yr": "your",
        "wat": "what",
        "wut": "what",
        "whats": "what is",
        "wanna": "want to",
        "gonna": "going to",
        "gimme": "give me",
        "stuff": "data",
        "thx": "thanks",
        "y": "why",
        "unsubed": "unsubscribed",  # "unsubbed", doubled letters folded
        "ty": "thank you",
        "tnx": "thanks",
        "wipe": "delete",
        "nuke": "delete",
        "whered": "where did",
        "leme": "let me",
        "wtf": "",
        "lol": "",
        "ppl": "people",
        "abt": "about",
        "acc": "account",
        "acct": "account",
        "pic": "photo",
        "cuz": "because",
        "bc": "because",
        "dunno": "do not know",
        "yall": "you",
        "yal": "you",
        "pls": "please",
        "ngl": "",
        "tbh": "",
        "kinda": "",
        "sorta": "",
        "lmao": "",
        "btw": "",
        "fr": "",
        "rn": "now",
        "idk": "i do not know",
        "nah": "no",
        "gotta": "have to",
        "hav": "have",
        "plz": "please",
        # Texting: letters and endings dropped ("sellin", "em").
        "em": "them",
        "n": "and",
        "thnx": "thanks",
        "thanx": "thanks",
        "cos": "because",
        "coz": "because",
        "tryna": "trying to",
        "imma": "i am going to",
        "rly": "really",
        "tho": "though",
        "thru": "through",
        "wud": "would",
        "cud": "could",
        "shud": "should",
        "b4": "before",
        "msgs": "messages",
        "txt": "text",
        "txts": "texts",
        "wassup": "sup",
        "sellin": "selling",
        "sharin": "sharing",
        "keepin": "keeping",
        "usin": "using",
        "sendin": "sending",
        "gettin": "getting",
        "deletin": "deleting",
        "doin": "doing",
        "storin": "storing",
        "trackin": "tracking",
        # Texting shorthand: leave-takings and thanks in letters, personal details as people
        # shorten them.
        "cya": "see you",
        "gtg": "got to go",
        "g2g": "got to go",
        "ttyl": "talk to you later",
        "thks": "thanks",
        "thnks": "thanks",
        "tks": "thanks",
        "tysm": "thank you so much",
        "tyvm": "thank you very much",
        "deets": "details",
        "addy": "address",
        "fone": "phone",
        "becuz": "because",
        "bcuz": "because",
        "becoz": "because",
        "bout": "about",
        "wot": "what",
        "wats": "what is",
        "wht": "what",
        "whr": "where",
        "ofc": "",
        # Sighs and exclamations name nothing.
        "ugh": "",
        "meh": "",
        "smh": "",
        "omg": "",
        # More letters dropped at the end ("passin", "spammin"), and chat words read as
        # the words they stand for ("aight", "dis", "smth", "dl", "msg", "bday").
        "passin": "passing",
        "handin": "handing",
        "givin": "giving",
        "collectin": "collecting",
        "spammin": "spamming",
        "messagin": "messaging",
        "textin": "texting",
        "emailin": "emailing",
        "callin": "calling",
        "askin": "asking",
        "havin": "having",
        "talkin": "talking",
        "makin": "making",
        "takin": "taking",
        "lookin": "looking",
        "tellin": "telling",
        "spyin": "spying",
        "stalkin": "stalking",
        "snoopin": "snooping",
        "followin": "following",
        "watchin": "watching",
        "savin": "saving",
        "holdin": "holding",
        "processin": "processing",
        "profilin": "profiling",
        "analysin": "analysing",
        "analyzin": "analysing",
        "analyze": "analyse",
        "analyzing": "analysing",
        "analyzed": "analysed",
        "updatin": "updating",
        "changin": "changing",
        "fixin": "fixing",
        "goin": "going",
        "comin": "coming",
        "tryin": "trying",
        "sayin": "saying",
        "puttin": "putting",
        "aight": "alright",
        "ight": "alright",
        "dis": "this",
        "dat": "that",
        "dem": "them",
        "smth": "something",
        "sth": "something",
        "smthn": "something",
        "somethin": "something",
        "nothin": "nothing",
        "outta": "out of",
        "dl": "download",
        "msg": "message",
        "dm": "message",
        "dms": "messages",
        "pics": "photos",
        "bday": "birthday",
        "dob": "date of birth",
        "num": "number",
        "urs": "yours",
        "rong": "wrong",
        "w": "with",
        "sry": "sorry",
        "soz": "sorry",
        # "real quick", "quick question": a filler, no topic.
        "quick": "",
        "hru": "how are you",
        "hbu": "how about you",
        "gn": "good night",
        "lmk": "let me know",
        "ik": "i know",
        "bs": "nonsense",
        "notif": "notification",
        "notifs": "notifications",
        "dming": "messaging",
        "cop": "police",
        "cops": "police",
        "convo": "conversation",
        "prolly": "probably",
        "srsly": "seriously",
        "hafta": "have to",
        "needa": "need to",
        "finna": "going to",
        "wen": "when",
        "nd": "and",
        "yer": "your",
        "diff": "different",
        "nvm": "never mind",
        "imo": "",
        "imho": "",
        # Forms of address that name nothing.
        "fam": "",
        "bro": "",
        "bruh": "",
        "dude": "",
        # English as learners write it: plurals of uncountable nouns ("datas", "informations"),
        # "okey" for okay, and false friends read as the word meant: "eliminate" (eliminare,
        # eliminar) for delete, "actualize" (aktualisieren, actualizar) for update, "publicity"
        # (pubblicità, publicidad) and "reclame" for advertising, "responsable", "politic",
        # "treatment" (trattamento, tratamiento) of data for its processing.
        "datas": "data",
        "informations": "information",
        "infos": "information",
        "okey": "okay",
        "oke": "okay",
        "okei": "okay",
        "okej": "okay",
        "dokey": "",
        "dokie": "",
        "eliminate": "delete",
        "eliminated": "deleted",
        "eliminating": "deleting",
        "elimination": "deletion",
        "actualize": "update",
        "actualise": "update",
        "actualized": "updated",
        "actualised": "updated",
        "actualization": "update",
        "actualisation": "update",
        "publicity": "advertising",
        "reclame": "ads",
        "reclames": "ads",
        "responsable": "responsible",
        "treatment": "processing",
        "treated": "processed",
        "treating": "processing",
        "politic": "policy",
        "privacity": "privacy",
        "enterprises": "companies",
    },
    "bg": {
        "кво": "какво",
        "ко": "какво",
        "мойте": "моите",
        "твойте": "твоите",
        "бе": "",
        "ма": "",
        "сега": "сега",
        "мерси": "благодаря",
    },
    "ro": {
        "pt": "pentru",
        "ptr": "pentru",
        "dc": "de ce",
        "nr": "numar",
        "ms": "multumesc",
        "sal": "salut",
    },
}


# More everyday Romanian and Bulgarian, as "written:standard" ("+" stands for a space; nothing
# after the colon drops a filler such as "брат"): chat abbreviations ("nush", "нз", "тел"),
# short misspellings too short for the fuzzy match ("mle"), "имеил" and "булетин", the
# Latin-script "imeil" and "buletin" read back without й and ю. The Romanian endings of
# loanwords after a hyphen ("sms-uri", "cookie-urile", "email-ul"), split off by `fold`,
# name nothing and go.
_EVERYDAY: dict[str, str] = {
    "bg": "кви:какви некви:някакви нз:не+знам мн:много що:защо ше:ще мене:мен инфо:информация "
    "инфото:информацията тел:телефон фб:фейсбук мейл:имейл мейла:имейла мейли:имейли "
    "мейлите:имейлите имеил:имейл имеила:имейла имеили:имейли имеилите:имейлите брат: бате: "
    "айде:хайде ботче:бот ботчето:бота булетин:бюлетин булетина:бюлетина булетини:бюлетини "
    "нема:няма некой:някой некоя:някоя требва:трябва трябе:трябва щото:защото щот:защото "
    "емейл:имейл емайл:имейл имайл:имейл емейла:имейла емайла:имейла инфа:информация "
    "инфата:информацията",
    "ro": "mle:mele mn:mine dvs:dumneavoastra dv:dumneavoastra tb:trebuie trb:trebuie bn:bine "
    "tel:telefon fb:facebook info:informatii infos:informatii nush:nu+stiu nuj:nu+stiu "
    "mltm:multumesc mrs:multumesc vb:vorbesc mail:email mailul:emailul mailuri:emailuri "
    "mailurile:emailurile multam:multumesc multumiri:multumesc msm:multumesc fain:frumos "
    "faina:frumoasa nb:noapte+buna cf:ce+faci tre:trebuie msi:mersi mersy:mersi cnv:cineva "
    "nmc:nimic "
    "uri: urile: ului: urilor: ul:",
}


def _everyday(pairs: str) -> dict[str, str]:
    split = (pair.split(":", 1) for pair in pairs.split())
    return {fold(written): standard.replace("+", " ") for written, standard in split}


# Folded like the message: "stuff" and "gimme" arrive as "stuf" and "gime".
COLLOQUIAL = {
    lang: {
        fold(word): fold(standard)
        for word, standard in {
            **_COLLOQUIAL.get(lang, {}),
            **_everyday(_EVERYDAY.get(lang, "")),
        }.items()
    }
    for lang in {*_COLLOQUIAL, *_EVERYDAY}
}
