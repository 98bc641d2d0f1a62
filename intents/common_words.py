"""Common words of each pack language that tell a message's story, not its topic.

"still", "years", "yesterday", "lani", "вчера", "acum": when no example uses such a word it
names no topic, even where the policy text uses it ("kept for five years"), so it never gets
the light weight of a policy word; it weighs COMMON_WEIGHT (intents/index.py), and a clause
made of such words ("years ago I entered one of your giveaways") reads as the story, the
other clause as the question. A word an example does use keeps the examples' weight.
Kept apart from the stop words, which also guess the language and feed the guards.
"""

from __future__ import annotations

from intents.normalize import fold

_COMMON = {
    "en": "still just now then already really very also even ago year years last week weeks "
    "month months day days yesterday today tomorrow recently lately since so but if as at by "
    "been had were was got went came made done being than too much many more most something "
    "anything everything nothing one two three few lot lots quite actually honestly basically "
    "maybe perhaps probably ever always sometimes often around because though although while "
    "after before during until into over under only own same other another such each every "
    "both either whose whether however therefore instance example like thing things stuff "
    "guys guy u ur im ive id dont doesnt didnt cant wont isnt arent wasnt wouldnt couldnt "
    "writing wondering worried curious wanted trying",
    "sl": "vrnem vrniti vrnil vrnila vrnitev stari stara starega stare starih starem staremu "
    "se vedno ze zdaj sedaj potem nato pred lani letos "
    "leta let leto teden tednom tedna "
    "mesec meseca mesecev vceraj danes jutri nedavno pravkar ampak vendar ce ko kot sploh res "
    "zelo cisto samo le vec malo veliko nekaj nic vse vsi vsak ki ga jo jih mu ji njim njega "
    "nje on ona oni jaz ti bil bila bilo bili bom bos nekoc vcasih pogosto spet ponovno okoli "
    "zaradi med cez pod nad brez tako takrat torej namrec npr itd zanima zanimalo pisem "
    "pisal pisala enkrat dvakrat veckrat velikokrat vecrat krat zadnjic nazadnje zadnje case "
    "letoma leti letom dvema tremi mesecema mesecih dni dnevi tednu tednov prej kasneje "
    "pozneje medtem vsakic tole tale tisto tisti tistega takega taksno recimo pac skratka "
    "sicer drugace verjetno nekako nihce nobeden cudno cudne cuden kupil kupila kupujem "
    "kupoval kupovala bral brala prebral prebrala slisal slisala videl videla gledal "
    "poskusil poskusila poskusal spomnim mislim mislil vem zdi zdelo opazil opazila "
    "izpolnil izpolnila ugotovil ugotovila novicah casopisu clanek clanku televiziji "
    "trgovina trgovini trgovinah trgovinam trgovine trgovcih prijatelj prijateljica sestra "
    "brat mama oce moz zena sosed kolega kolegica stvar stvari zadeva zadevo zadeve zna znam "
    "znate dam dal dala dali dajem kartica kartice kartico kartici karticami kartic zvestobe "
    "ugodnosti zreb zrebanje zrebanja zrebanju zmagal zmagala zmagovalec zmagovalca zmagovalci "
    "bon bona bone popust popusta popuste klub kluba klubu",
    "bg": "още вече сега тогава после преди миналата миналия година години седмица месец вчера "
    "днес утре наскоро току защото но обаче ако когато като изобщо наистина много също само "
    "едва нещо нищо всичко всички всеки който която което които го я ги му й им той тя те аз "
    "ти бях беше бил била било били пак около заради между след през под над без така затова "
    "тоест например чудя интересува пиша писах няколко някакви някаква някакъв писал писала "
    "пратих отдавна две три реших четох забелязах чух примерно дори все постоянно някъде "
    "оттогава там тук мене хората казаха казали случи помня главно напоследък скоро "
    "дългогодишен участвах регистрирах попълних получих получавам притеснявам пъти цялото "
    "имали имал имала имаше поръчвал поръчвала пазарувал пазарувала купувал купувала поръчах купих "
    "игра играта игри наградна награда награди спечелих куриер куриера куриерът пратка "
    "пратката преместих преместихме омъжих ожених съпруг съпругът съпруга мъжът майка баща "
    "приятел приятелка колега колежка съсед съседка магазин магазина болница колата работя "
    "работата университет училище ваканция уикенд форум статия телевизия прочетох видях "
    "разбрах опитах пробвах",
    "ro": "inca deja acum atunci apoi dupa inainte anul trecut trecuta an ani saptamana luna "
    "ieri azi astazi maine recent ca dar insa daca cand chiar foarte doar numai ceva nimic tot "
    "toti toate fiecare care il ii le lui ei el ea eu tu noi ai are au era iar nou cam cauza "
    "intre peste sub fara asa deci adica exemplu etc intreb intrebam scriu scris cativa "
    "cateva lungul timpului vreme perioada odata cred observat vazut auzit hotarat "
    "undeva oameni luni zile doi doua trei demult candva participat inregistrat completat "
    "intamplat ajuns fost avut vechi veche ingrijoreaza ingrijorat ori timpul comandat "
    "cumparat anume concurs concursul concursului tombola tombolei premiu premiul castigat colet "
    "coletul curier curierul mutat casatorit casatorita sotul sotia sot mama tata prieten "
    "prietena prietenul coleg colega colegul vecin vecina magazin magazinul cumparaturi spital "
    "masina lucrez serviciu facultate vacanta weekend forum articol stiri televizor incercat "
    "citit aflat zis spus",
}
# First names tell who writes ("sunt Ioana si...", "казвам се Иван"), never the topic; a
# name away from the sign-off would otherwise weigh like a topic word the pack lacks.
_NAMES = {
    "ro": "ion ioan ana maria elena andrei mihai alexandru alex george gheorghe vasile dan "
    "daniel cristina ioana adrian florin mihaela irina diana radu gabriel nicoleta alina "
    "andreea bogdan stefan catalin",
    "bg": "иван мария георги петър димитър николай елена йордан христо стоян никола десислава "
    "ивана гергана мартин александър теодора виктория михаил ана милена росица цветелина "
    "борис тодор йоана",
    # Not "rok" (a deadline: "rok hrambe") nor "maj" (May).
    "sl": "janez marko ana maja mojca petra nina tina eva irena andrej luka jure matej tomaz "
    "peter marija mateja barbara katja urska spela nika sara ziga gregor primoz bostjan miha "
    "anze jan nejc tanja milena ivan franc joze metka alenka vesna polona simona natasa darja "
    "bojan robert aleksander damjan dejan uros blaz klemen jernej tjasa lara zala",
}
# Words whose first letters are a pack stem but which mean something else: "complicated"
# read as "complaint" ("compl"), so "a bit complicated to explain" asked to complain. They
# weigh as story words.
_FALSE_FRIENDS = {
    "en": "complicated complicate complex complexity complication complications touched",
    "sl": "komplicirano komplicirana kompliciran zakomplicirano",
}
FALSE_FRIENDS = {lang: frozenset(fold(words).split()) for lang, words in _FALSE_FRIENDS.items()}
COMMON_WORDS = {
    lang: frozenset(fold(f"{words} {_NAMES.get(lang, '')}").split())
    | FALSE_FRIENDS.get(lang, frozenset())
    for lang, words in _COMMON.items()
}


def false_friends(lang: str) -> frozenset[str]:
    return FALSE_FRIENDS.get(lang, frozenset())


def common_words(lang: str) -> frozenset[str]:
    return COMMON_WORDS.get(lang, frozenset())
