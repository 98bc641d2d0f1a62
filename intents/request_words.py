"""The word groups of the plain requests (intents/requests.py), per language: stems a word
may start with, or whole words where marked "=" ("person=": "person", not "personal").
Folded like the message.
"""

from __future__ import annotations

from intents.language import NEGATIONS_TEXT as _NEGATIONS
from intents.normalize import fold

SHORT = 2  # stems this short count only as whole words ("ad" is not "address")
# Per language: (stem, whole) pairs; a word that starts with a stem counts, or only the very
# word when `whole` ("person=" in a table: "person" but not "personal").
Table = dict[str, tuple[tuple[str, bool], ...]]


def said_of(words: list[str], table: Table, lang: str) -> bool:
    """Whether one of folded `words` is in `table` for `lang` (a stem it starts with)."""
    return any(
        word == stem if whole or len(stem) <= SHORT else word.startswith(stem)
        for stem, whole in table.get(lang, ())
        for word in words
    )


def _table(raw: dict[str, str]) -> Table:
    return {
        lang: tuple((fold(entry), entry.endswith("=")) for entry in line.split())
        for lang, line in raw.items()
    }


_STOPPING = {
    "en": "stop quit cease halt enough unsub disabl",
    "sl": "stop nehaj nehajt nehte nehat preneh prekin ustav dovolj odjav brez= izklop znebi",
    "bg": "стоп спр спрет стига прекрат отпиш без= изключ",
    "ro": "stop opri opre oprit incet ajunge dezabon gata fara= dezactiv",
}
_MORE = {
    "en": "more anymore longer",
    "sl": "vec",
    "bg": "повече вече",
    "ro": "mai",
}
_SENDING = {
    "en": "send sending sent spam",
    "sl": "posilj poslj posil spam",
    "bg": "прат праща изпращ спам",
    "ro": "trimit spam",
}
# Receiving is said of the fact as well as of the wish: "I don't get any more messages"
# reports, "I don't want to get any more messages" asks.
_RECEIVING = {
    "en": "get getting receiv",
    "sl": "prejem dobi dobiva",
    "bg": "получав",
    "ro": "primi primesc",
}
_WANT = {
    "en": "want wanna wish like",
    "sl": "zelim zelimo hocem nocem",
    "bg": "искам искаме",
    "ro": "vreau doresc",
}
# What is sent, named as a thing ("stop sending me pictures of the dog" names none).
_MESSAGES = {
    "en": "subscri newslet promo market ad= ads advert offer deal spam messag msg notif mail "
    "email sms news text",
    "sl": "reklam oglas ponudb akcij novic novick newslet obvest obvesc sporoc sms mail email "
    "promo market narocn spam",
    "bg": "реклам оферт промо бюлетин съобщ абонам новин маркет спам имейл мейл смс извест нюзлет",
    "ro": "reclam ofert promo newslet mesaj abona abonez notific market spam email mail noutat sms",
}
_CHOSEN_BY = {
    "en": "based personalis personaliz targeted tailored profil",
    "sl": "podlag glede personaliz prilagojen ciljan profil",
    "bg": "според база базира персонализ таргет профил",
    "ro": "baza functie dupa personaliz tintit profil",
}
_ADS = {
    "en": "ad ads advert recommend offer",
    "sl": "oglas reklam ponudb priporoc",
    "bg": "реклам оферт препоръч",
    "ro": "reclam ofert recomand anunt",
}
_CHANGE = {
    "en": "change chang update correct fix amend",
    "sl": "spremen sprem popra posodob zamenj",
    "bg": "промен смен поправ актуализ корекц коригир",
    "ro": "schimb modific corect actualiz",
}
# A phone alone is a device ("kje lahko popravim telefon, ker mi je razbit ekran"): its
# number is the detail ("phone number", "telefonska številka"); a licence plate is the parking
# app's detail ("my old plate is still in the app, can you change it").
DETAIL_WORDS = {
    "en": "name surname address email number birth plate postcode",
    "sl": "ime imena priimek priimk naslov email mail telefonsk stevilk rojstn",
    "bg": "име името фамили адрес имейл телефонн номер рожден",
    "ro": "nume numel prenume adres email numar nastere",
}
_POLICY = {
    "en": "policy policies terms",
    "sl": "politik pravil pogoj",
    "bg": "политик правил услови",
    "ro": "politic regul termen conditi",
}
_TALK = {
    "en": "talk speak chat= chats= chating chated help= helps= helping=",
    "sl": "govor pogovor pogovarj klepet pomag",
    "bg": "говор разговар чат помогн помага",
    "ro": "vorb discut convers ajut",
}
# Asking for it, not telling of a talk that happened ("I talked to a person at the store").
_ASKING = {
    "en": "want wanna need like can could let please connect get",
    "sl": "rad rada zelim hocem bi lahko prosim povez",
    "bg": "искам искам бих може моля свърж",
    "ro": "vreau as pot doresc rog puteti conect",
}
_PERSON = {
    "en": "person= persons= human= humans= someone somebody agent operator people staff employee",
    "sl": "oseb clovek clovekom cloveka nekom operater zaposlen uslužben usluzben",
    "bg": "човек служител оператор някой лице",
    "ro": "om persoan cineva operator angajat uman",
}
# Asking whom to write to is asking for the contact, not for a talk: "someone in charge of
# privacy that I can write to" (with "in a chat window" before it) handed the thread over.
_WRITING = {
    "en": "write= email= e-mail= mail= address= adress=",
    "sl": "pisem= napisem= pisat= pisati= email mail naslov",
    "bg": "пиша напиша имейл адрес",
    "ro": "scriu= scrie= email mail adresa",
}

STOPPING, MORE, SENDING = _table(_STOPPING), _table(_MORE), _table(_SENDING)
RECEIVING, WANT = _table(_RECEIVING), _table(_WANT)
CHOSEN_BY, ADS, CHANGE = _table(_CHOSEN_BY), _table(_ADS), _table(_CHANGE)
DETAILS, POLICY = _table(DETAIL_WORDS), _table(_POLICY)
TALK, PERSON, ASKING = _table(_TALK), _table(_PERSON), _table(_ASKING)
WRITING = _table(_WRITING)
MESSAGES = _table(_MESSAGES)
# "no", "not", ... as whole words.
NEGATED = _table(
    {lang: " ".join(f"{word}=" for word in words.split()) for lang, words in _NEGATIONS.items()}
)

# A copy in a file is an export (intents.md: "a machine-readable copy"), whatever else the
# sentence says of seeing or having the data.
_FILE = {
    "en": "csv excel spreadsheet json",
    "sl": "datotek csv excel json",
    "bg": "файл csv excel json изтегл",
    "ro": "fisier csv excel json descarc",
}
_RECORDS = {
    "en": "data information info details records history purchases",
    "sl": "podat informac zgodovin nakup zbral izpis",
    "bg": "данн информац истори покупк",
    "ro": "date datel informat istoric cumpar",
}
FILE, RECORDS = _table(_FILE), _table(_RECORDS)
# "I unsubscribed by mistake, can you sign me up again?": asking for the messages back.
_AGAIN = {
    "en": "again back resubscrib",
    "sl": "ponovno znova spet nazaj",
    "bg": "отново пак обратно",
    "ro": "nou iar inapoi reabon",
}
AGAIN = _table(_AGAIN)
# "pe ce bază legală ...": the legal basis, not ads chosen "based on" something.
_LEGAL = {
    "en": "legal law lawful",
    "sl": "pravn zakon zakonit",
    "bg": "правн закон законн",
    "ro": "legal lege temei",
}
LEGAL = _table(_LEGAL)
# "take me off your list", "izbrisite me s seznama": a mailing list, unless it is said to be
# the list of customers.
_REMOVING = {
    "en": "remove take delete drop",
    "sl": "odstran izbris zbris bris umakn odjav vzem vzam",
    "bg": "махн премахн изтри изтрие отпиш",
    "ro": "scoat sterg elimin",
}
_LIST = {
    "en": "list lists mailing",
    "sl": "seznam spisk",
    "bg": "списък списъка",
    "ro": "lista listele",
}
# ... nor the list of an event signed up for ("take me off the list for the marathon"), a
# class, or a waiting list ("remove me from the waiting list at the hairdresser").
_CUSTOMERS = {
    "en": "customer customers client clients database race marathon workshop course tournament "
    "competition contest waiting guest class lesson yoga pilates dance",
    "sl": "strank kupc baz teka teku tekm maraton delavnic tecaj dogodk cakaln cakanj jog pilates "
    "ples vadb frizer",
    "bg": "клиент база базата маратон състезан работилниц курс",
    "ro": "client baza maraton concurs atelier curs",
}
# Who is taken off: the person or how they are reached ("remove my car from the tow list").
_WHOM = {
    "en": "me= us= number email e-mail address phone",
    "sl": "me= mene= nas= stevilk mail naslov telefon",
    "bg": "ме= мен= нас= номер имейл мейл адрес телефон",
    "ro": "ma= mă= ne= numar email mail adres telefon",
}
REMOVING, LIST, CUSTOMERS = _table(_REMOVING), _table(_LIST), _table(_CUSTOMERS)
WHOM = _table(_WHOM)
_WHY = {
    "en": "why= purpose",
    "sl": "zakaj= cemu= namen",
    "bg": "защо= цел целта",
    "ro": "motivul= scopul= scop=",
}
_COLLECTING = {
    "en": "collect gather need require track record",
    "sl": "zbira zbere rab potreb belez sled",
    "bg": "събира събер трябва нужд следи записва",
    "ro": "colect trebui nevoie urmar inregistr",
}
# What is collected, said of the person ("why do you need so long for delivery" is no data).
_PERSONAL = {
    "en": "data information info details name address email phone number location purchases",
    "sl": "podat informac ime imen naslov mail telefon stevilk lokacij nakup emso",
    "bg": "данн информац име адрес имейл телефон номер местополож покупк егн",
    "ro": "date datel informat nume adres email telefon numar locati cumpar cnp",
}
WHY, COLLECTING, PERSONAL = _table(_WHY), _table(_COLLECTING), _table(_PERSONAL)
# "ne želim, da moje podatke uporabljate za analize": not wanting one's data used is an
# objection (asked back before anything is restricted).
_USING = {
    "en": "use using used process analys profil track",
    "sl": "uporab obdel analiz profil sled",
    "bg": "използ обработ анализ профил следи",
    "ro": "folos utiliz prelucr analiz profil urmar",
}
USING = _table(_USING)
# A request made before and not answered yet ("I asked you to delete my data three weeks ago
# and nobody answered", "poslal sem zahtevo, pa še nič"): where it stands is asked.
_SENT = {
    "en": "asked= submited request= requested filed wrote= emailed",
    "sl": "zahteval zahtevo zahtevk zahtevek zaprosil prosil oddal prosnj pisal",
    "bg": "искане искането заявк молб поисках подад писах",
    "ro": "cerere cererea cerut solicit depus scris",
}
# Not "nothing" alone: "I sent my details for the contest and won nothing" is no request.
# Not "news" or "update": they are also what a newsletter sends ("odjavite me od novic").
_UNANSWERED = {
    "en": "waiting nobody= noone= yet= heard reply= replied response answer= answered happening "
    "happened",
    "sl": "cakam cakal nihce= odziv dogaja nic= odgovora= odgovoril odpisal stopnj",
    "bg": "чакам никой= още=",
    "ro": "astept nimeni= inca=",
}
SENT, UNANSWERED = _table(_SENT), _table(_UNANSWERED)
# The objection's own verb ("I object to the processing ... for profiling"): the purposes
# named after it are what is objected to, not a question about them.
_OBJECTING = {
    "en": "object= objecting",
    "sl": "ugovarjam nasprotujem",
    "bg": "възразявам",
    "ro": "opun",
}
OBJECTING = _table(_OBJECTING)
# "Have you deleted my data yet?", "a ste že izbrisali moje podatke?": a request asked about
# as done, not asked for again (with no wish or "please" beside it: "I already deleted the
# app, please delete my data" asks).
_ALREADY = {
    "en": "yet= already",
    "sl": "ze=",
    "bg": "вече=",
    "ro": "deja=",
}
_DONE = {
    "en": "deleted removed erased corrected fixed updated handled processed",
    "sl": "izbrisali zbrisali odstranili popravili uredili obdelali resili spremenili poslali",
    "bg": "изтрихте изтрили премахнахте поправихте коригирахте изпратихте обработихте",
    "ro": "sters stearsa eliminat corectat modificat rezolvat trimis",
}
# A wish, "please" or a Slovene imperative asks ("sem že izbrisal aplikacijo, zdaj pa zbrišite
# še podatke"); in English the imperative is the infinitive of "did you delete ...".
_PLEASE = {
    "en": "please pls plz",
    "sl": "prosim izbrisite zbrisite odstranite popravite",
    "bg": "моля изтрийте премахнете",
    "ro": "rog stergeti",
}
ALREADY, DONE, PLEASE = _table(_ALREADY), _table(_DONE), _table(_PLEASE)
# A complaint named ("who do I contact to complain", "komu se lahko pritožim"): where to
# write is asked for the complaint.
_COMPLAINING = {
    "en": "complain",
    "sl": "pritoz",
    "bg": "оплак жалб",
    "ro": "plang",
}
COMPLAINING = _table(_COMPLAINING)
# Consent withdrawn in its own words ("s tem dopisom preklicujem privolitev v obdelavo ..."):
# a long letter around it scores it under the threshold, or as what the consent covered.
_REVOKING = {
    "en": "withdraw revok revoke retract",
    "sl": "preklic preklice umik umakn",
    "bg": "оттегл оттегля",
    "ro": "retrag revoc",
}
_CONSENT = {
    "en": "consent",
    "sl": "privolit privolitev sogla",
    "bg": "съглас",
    "ro": "consimt acord",
}
REVOKING, CONSENT = _table(_REVOKING), _table(_CONSENT)
