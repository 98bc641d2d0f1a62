"""Long messages: courtesy formulas off, the rest cut into clauses.

Every word the pack does not know counts against a match, so "Spoštovani, ... Lep pozdrav,
Janez Novak" around a clear request used to pull it under the threshold. Openers at the
start and sign-offs at the end (with the name after them) weigh nothing; what is left is
read whole and clause by clause (intents/reading.py).
"""

from __future__ import annotations

import re
from itertools import pairwise

from intents.language import negations
from intents.normalize import fold

# Folded, longest first within a language does not matter: the longest match is taken.
_OPENERS = """
spostovani | spostovana | spostovane | postovani | pozdravljeni | pozdravljen | pozdravljena
| dober dan | dobro jutro | dober vecer | zdravo | zivjo | hej | lep pozdrav | cao
| zivijo | ej zdravo | ej zivjo | hej zdravo | hej zivjo | hejla | lepo pozdravljeni
| pozdravljeni vsi | postovani gospodje
| dear sir or madam | dear sir | dear madam | dear team | dear all | dear | to whom it may concern
| dear sir madam | dear madam sir | dear madam or sir | dear sirs
| hello | hello there | hi | hi there | hey | hey there | good morning | good afternoon
| good evening | greetings
| dear btc | dear btc team | dear btc city | dear customer service | dear support team
| dear privacy team | dear data protection officer | dear colleagues | hi btc | hello btc
| hi guys | hello guys | hey guys | hi all | hello everyone | hi team | hello team | good day
| hiya | howdy
| yo | yo yo | sup | wassup | hey so | hi so | yo so | ok so | okay so | so | um | uh | hm | erm
| уважаеми госпожи и господа | уважаеми госпожи | уважаеми господа | уважаеми | уважаема
| здравейте | здрасти | здравей | добър ден | добро утро | добър вечер | привет
| stimate domn stimata doamna | stimata doamna stimate domn | stimate domn | stimata doamna
| stimate domnule | stimata doamna stimate domnule | stimate domnule stimata doamna
| stimate doamne si domni | stimate | stimata | buna ziua | buna seara | buna dimineata | buna
| salut | va salut
| salutare
| salutari | neata | buna dimineata tuturor | buna ziua tuturor | buna tuturor | servus | hei
| здравейте отново | добър ден отново | хей | ехо | здрасти отново
"""
_SIGN_OFFS = """
lep pozdrav | lepo pozdravljeni | lp | hvala in lep pozdrav | hvala in lep dan | hvala za odgovor
| hvala vnaprej | hvala lepa | hvala | lep dan | lep dan se naprej | s spostovanjem
| prijazen pozdrav | lepa hvala | hvala za pomoc | lepo se imejte | cakam na odgovor
| v pricakovanju odgovora | vnaprej hvala
| hvala za razumevanje | hvala za pojasnilo | hvala za hiter odgovor | hvala ze vnaprej
| lep pozdrav in hvala | lp in hvala | hvala in lp | pozdrav | lepo vas pozdravljam | se priporocam
| prosim upostevajte | lep vikend | hvala za trud | hvala za odziv | lepa hvala za odgovor
| prosim za odgovor | prosim za hiter odgovor | hvala za vaso pomoc | pozdravi
| najlepsa hvala | najlepsa hvala za odgovor | hvala vam | hvala vam lepa | hvala ker ste | lpp
| kind regards | best regards | warm regards | regards | best wishes | thanks in advance
| thank you in advance | thanks a lot | thanks | thank you | cheers | best | sincerely
| yours sincerely | yours faithfully | have a nice day | have a good day | many thanks
| yours truly | all the best | thank you very much | thanks so much | thank you for your help
| thank you for your time | i look forward to your reply | i look forward to hearing from you
| looking forward to your reply | looking forward to hearing from you | many thanks in advance
| thanks again | thanks for your help | thank you for your assistance | thanks for your time
| have a great day | have a nice weekend | have a good weekend | speak soon
| hope you can help | i hope you can help | hope to hear from you soon
| any help appreciated | any help would be appreciated | much appreciated | appreciate it
| thanks in advance for your help | warmest regards | kindest regards | with kind regards
| with best regards | respectfully | thanks a bunch | thanks heaps | cheers mate | ta | thx | ty
| i await your reply | i await your response | awaiting your reply | thank you kindly | rgds
| с уважение | поздрави | поздрав | благодаря предварително | благодаря | мерси | хубав ден
| всичко хубаво | лек ден | очаквам отговор | очаквам отговора ви | предварително благодаря
| благодаря за отговора
| cu stima | cu respect | multumesc anticipat | va multumesc | multumesc | mersi | o zi buna
| o zi frumoasa | toate cele bune | cu drag | numai bine | o zi placuta | o seara buna
| va multumesc pentru ajutor | astept raspunsul dumneavoastra | astept raspunsul vostru
| cu bine | cu deosebita consideratie | cu consideratie
| multumesc frumos | multumesc mult | mersi mult | mersi frumos | va multumesc anticipat
| o zi faina | o zi excelenta | va doresc o zi buna | o seara frumoasa | salutari | ms
| приятен ден | приятна вечер | лека вечер | успешен ден | мерси предварително
| благодаря ви предварително | благодаря ви | благодаря много | мерси много
| с най добри пожелания | хубава вечер
"""
# A question tag at the very end asks nothing more ("do u sell my info or what"): its "what"
# pulled the question towards `data_use`.
_TAGS = """
or what | or not | or nah | or no | or smth | or something | or sth | or anything | or nothing
| right | yes or no | ali kaj | ali ne | ali kako | или не | или какво | sau nu | sau ce
"""
# A clause of only these says nothing ("prosim", "please", "моля").
FILLERS = frozenset(fold("prosim please pls kindly моля va rog hvala thanks мерси mersi").split())
# A clause that only says what the message is not ("not complaining, just curious: what do you
# do with it?", "ne se pritožujem, samo ..."): its "complaining" read the message as a complaint.
_DISCLAIMERS = """
not complaining | im not complaining | i am not complaining | no complaints | not a complaint
| this is not a complaint | no offence | no offense | not angry | im not angry | i am not angry
| no rush | no hurry | not urgent | nothing urgent | nothing serious | no pressure
| ne se pritozujem | ne pritozujem se | se ne pritozujem | to ni pritozba | ni pritozba
| nisem jezen | nisem jezna | brez zamere | ni nujno | nic nujnega | nic hudega
| не се оплаквам | това не е оплакване | не е спешно | не бързам
| nu ma plang | nu e o reclamatie | nu este o reclamatie | nu e urgent | nu ma grabesc
"""
# A first clause of only an answer word ("No. Delete everything", "Ne, izbrišite vse"): it
# answers what the bot said before; the request follows it.
ANSWERS = frozenset((word,) for word in fold("no nah nope yes yeah yep ne ja da не да nu").split())
LIST_TAIL = 2  # words after the last conjunction of a clause that end a list
SIGN_OFF_TAIL = 3  # words after a sign-off that are still the signature (a name)
# A clause this long is also cut at its conjunctions: "I chatted with your page last week
# and now I'm wondering what you have stored" is a story, then the question.
SPLIT_FROM = 7
_CONJUNCTIONS = {
    "en": "and n & but so because since although though while whereas",
    "sl": "in ampak ker saj zato vendar ter sicer",
    "bg": "и но защото понеже затова обаче а",
    "ro": "si dar deoarece fiindca insa intrucat",
}
CONJUNCTIONS = {lang: frozenset(fold(words).split()) for lang, words in _CONJUNCTIONS.items()}
# "a while ago", "the while": a conjunction after an article is a noun.
ARTICLES = frozenset({"a", "the"})
ABBREVIATIONS = frozenset(fold("dr mr mrs ms st npr itd tj oz čl art ul prof str tel št").split())
_CLAUSE_END = re.compile(r"[.!?;:,\n]+")
_SENTENCE_END = re.compile(r"[.!?\n]")


def _formulas(text: str) -> tuple[tuple[str, ...], ...]:
    found = {tuple(fold(part).split()) for part in text.split("|")}
    return tuple(sorted((f for f in found if f), key=len, reverse=True))


OPENERS = _formulas(_OPENERS)
SIGN_OFFS = _formulas(_SIGN_OFFS)
TAGS = _formulas(_TAGS)
DISCLAIMERS = frozenset(_formulas(_DISCLAIMERS))
# How a clause that tells when or despite what starts ("ko sem se prijavila na novice, sem se
# zatipkala v priimku"): it sets the scene for the clause it leans on, it is not the question.
_SCENE = {
    "en": "when i | when we | after i | before i | although | even though | since i",
    "sl": "ko | odkar | ceprav | potem ko | preden",
    "bg": "когато | откакто | въпреки че | след като | преди да",
    "ro": "cand am | dupa ce | desi | inainte sa | inainte de a",
}
SCENE = {lang: _formulas(words) for lang, words in _SCENE.items()}


# Giving one's details told as done ("I gave your bot my phone number", "vpisala sem številko
# kartice"): the story of what the question is about ("Who gets to see that?"), never the
# question itself; it read as a correction or as where data comes from.
_GAVE = {
    "en": "gave typed entered filled wrote shared provided submitted told",
    "sl": "dal dala dali vpisal vpisala vpisali napisal napisala povedal povedala izpolnil "
    "izpolnila oddal oddala posredoval posredovala",
    "bg": "дадох въведох написах попълних споделих казах",
    "ro": "dat introdus completat scris trimis spus",
}
GAVE = {lang: frozenset(fold(words).split()) for lang, words in _GAVE.items()}


def _starts_with(words: list[str], formulas: tuple[tuple[str, ...], ...]) -> int:
    """How many leading words form one of `formulas` (0 when none)."""
    for formula in formulas:
        if tuple(words[: len(formula)]) == formula:
            return len(formula)
    return 0


def sets_the_scene(part: str, lang: str) -> bool:
    """Whether a clause starts by telling when or despite what (see SCENE), or tells what
    was given (see GAVE)."""
    words = part.split()
    return bool(_starts_with(words, SCENE.get(lang, ()))) or _gave(words, lang)


def _gave(words: list[str], lang: str) -> bool:
    """Whether words tell what was given ("never gave it to you" tells nothing given)."""
    gave, nots = GAVE.get(lang, frozenset()), negations(lang)
    return any(
        word in gave and (not at or words[at - 1] not in nots) for at, word in enumerate(words)
    )


def _drop_openers(clauses: list[list[str]]) -> list[list[str]]:
    while len(clauses) > 1 and tuple(clauses[0]) in ANSWERS:
        clauses = clauses[1:]  # "no. delete everything pls": the no answers the bot before
    while clauses:
        size = _starts_with(clauses[0], OPENERS)
        if not size:
            break
        rest = clauses[0][size:]
        clauses = [rest, *clauses[1:]] if rest else clauses[1:]
    return clauses


def _drop_sign_off(clauses: list[list[str]]) -> list[list[str]]:
    """From the first sign-off clause near the end: it, and the short ones after it (a name)."""
    for start in range(max(1, len(clauses) - 1 - SIGN_OFF_TAIL), len(clauses)):
        size = _starts_with(clauses[start], SIGN_OFFS)
        tail = clauses[start][size:]
        rest = clauses[start + 1 :]
        if size and len(tail) <= SIGN_OFF_TAIL and all(len(c) <= SIGN_OFF_TAIL for c in rest):
            return clauses[:start]
    return clauses


def _drop_tag(clauses: list[list[str]]) -> list[list[str]]:
    """The last clause without the question tag at its end (see TAGS); a last clause that is
    only a tag goes."""
    if not clauses:
        return clauses
    last = clauses[-1]
    for tag in TAGS:
        if len(last) > len(tag) and tuple(last[-len(tag) :]) == tag:
            return [*clauses[:-1], last[: -len(tag)]]
    return clauses[:-1] if tuple(last) in TAGS else clauses


def _at_conjunctions(words: list[str], lang: str) -> list[list[str]]:
    """A long clause cut before each conjunction (dropped); a short one as it is."""
    joins = CONJUNCTIONS.get(lang, frozenset())
    if len(words) < SPLIT_FROM or not joins & set(words):
        return [words]
    pieces: list[list[str]] = [[]]
    for word in words:
        if word in joins and (not pieces[-1] or pieces[-1][-1] not in ARTICLES):
            pieces.append([])
        else:
            pieces[-1].append(word)
    pieces = [piece for piece in pieces if piece]
    # "... and typed my phone and email": a last word or two after "and" is one more item
    # of a list, not a clause ("email" alone read as the contact question).
    if len(pieces) > 1 and len(pieces[-1]) <= LIST_TAIL:
        pieces[-2:] = [[*pieces[-2], *pieces[-1]]]
    return pieces


def clauses(text: str, lang: str = "") -> list[str]:
    """The message's clauses (folded), courtesy formulas removed; [] when only courtesy.
    With `lang`, long clauses are also cut at that language's conjunctions."""
    return [part for part, _ in marked_clauses(text, lang)]


def marked_clauses(text: str, lang: str = "") -> list[tuple[str, bool]]:
    """`clauses`, each with whether its sentence ends with a question mark."""
    pieces = _CLAUSE_END.split(text)
    ends = [*_CLAUSE_END.findall(text), ""]
    split = [fold(piece).split() for piece in pieces]
    in_question = _in_questions(split, ends)
    said = [words for words in split if words]
    asked = [question for words, question in zip(split, in_question, strict=True) if words]
    opened = _drop_openers(said)
    kept = _drop_tag(_drop_sign_off(opened))
    # Openers go from the start (whole clauses, or the first one's head), sign-offs and tags
    # from the end: kept clause i is said clause `front` + i.
    front = len(said) - len(opened)
    marked = []
    for offset, words in enumerate(kept):
        marked += [(piece, asked[front + offset]) for piece in _at_conjunctions(words, lang)]
    return [
        (" ".join(words), question)
        for words, question in marked
        if not set(words) <= FILLERS and tuple(words) not in DISCLAIMERS
    ]


def _abbreviation(word: str) -> bool:
    """Whether a word before a full stop shortens one ("d.d.", "Dr.", "npr."): "EU.", "it."
    end a sentence."""
    return len(word) == 1 or word in ABBREVIATIONS


def _in_questions(pieces: list[list[str]], ends: list[str]) -> list[bool]:
    """For each piece, whether the sentence it belongs to ends with "?" (a full stop after an
    abbreviation, "BTC, d.d.", is not a sentence's end)."""
    marks: list[bool] = []
    open_pieces = 0  # pieces of the sentence not ended yet
    for at, (words, end) in enumerate(zip(pieces, ends, strict=True)):
        open_pieces += 1
        abbreviated = end.startswith(".") and bool(words) and _abbreviation(words[-1])
        if (_SENTENCE_END.search(end) and not abbreviated) or at == len(pieces) - 1:
            marks += ["?" in end] * open_pieces
            open_pieces = 0
    return marks


def windows(parts: list[str]) -> list[tuple[str, frozenset[int]]]:
    """What is read: each clause, each two neighbours, and all of them (with which clauses
    each covers). One clause is one window."""
    if len(parts) <= 1:
        return [(part, frozenset({0})) for part in parts]
    found = [(part, frozenset({i})) for i, part in enumerate(parts)]
    found += [(f"{a} {b}", frozenset({i, i + 1})) for i, (a, b) in enumerate(pairwise(parts))]
    found.append((" ".join(parts), frozenset(range(len(parts)))))
    return found
