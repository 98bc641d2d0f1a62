"""Everyday questions that are never about the policy: the clock, opening hours and the
price of things.

"what time is it" scored as `frustration` and "колко е часът" as `retention` (the hour is a
unit of time); "koliko stane iphone 15" as `rights_overview`, whose answer speaks of what
a request costs; "do kdaj ste odprti danes" as `retention` (until when). People ask a
shopping centre's chat all three all the time. Such a question is
out of scope unless it also speaks of personal data or a right ("how much does a copy of
my data cost" is about the rights). Paying covers a card refused at the till, where to buy a
thing and whether parking is paid ("a je parkiranje zastonj" scored as `rights_overview`).
"""

from __future__ import annotations

import re

from intents.normalize import fold
from intents.privacy_words import speaks_of_privacy

# Any language, since people switch; folded like the message ("часът" -> "часат").
_CLOCK = (
    "what time is it | whats the time | what is the time | got the time"
    " | koliko je ura | kolk je ura | kok je ura"
    " | колко е часа | колко е часът | колко часа е"
    " | kolko e chasa | kolko e chasat | kolko e 4asa | kolko chasa e"
    " | cât e ceasul | cât este ceasul | ce oră e | ce oră este | cât e ora"
)
_PRICE = (
    "how much is | how much are | how much does | how much do | how much for | price of"
    " | koliko stane | koliko stanejo | kolk stane | kok stane | koliko je cena | koliko košta"
    " | колко струва | колко струват | каква е цената"
    " | kolko struva | kolko struvat | kakva e cenata"
    " | cât costă | ce preț are | cât e prețul"
    # Paying: how, not how much, and as often asked ("ali se da plačati s kartico").
    " | can i pay by card | can i pay with card | do you take cards | do you accept cards"
    " | plačati s kartico | plačam s kartico | plačilo s kartico | plačat s kartico"
    " | platit s kartico | se da plačati | lahko plačam | sprejemate kartice"
    # A card that does not work at the till is a payment, not a data question.
    " | ne dela na blagajni | ne deluje na blagajni | kartica ne dela | kartica mi ne dela"
    " | kartica ne deluje | kartica mi ne deluje"
    # Buying and parking fees: where to buy a thing, whether parking is paid.
    " | kje lahko kupim | kje kupim | kje se kupi | kje ga kupim | kje jo kupim | kje jih kupim"
    " | where can i buy | where do i buy"
    " | je parkiranje | parkiranje zastonj | parkiranje brezplačno | brezplačno parkiranje"
    " | zastonj parkiranje | parkiranje plačljivo | se plača parkiranje | plačljivo parkiranje"
    " | parkirnina | parkirnino | parkirnine | parkirnini | is parking free | parking fee"
    # Charged wrong at the till, and a bill ("račun") that is a receipt, not an account.
    " | so mi zaracunali | ste mi zaracunali | so zaracunali | zaracunali dvakrat"
    " | dvakrat zaracunali | dvojno zaracunali | prevec zaracunali | napacno zaracunali"
    " | narobe zaracunali | napaka na racunu | na racunu je napaka | napacen znesek"
    " | charged me twice | charged twice | double charged | overcharged | wrong amount"
    # Returns and refunds of a thing bought: money back, a warranty claim.
    " | denar nazaj | vracilo denarja | vrnitev denarja | vrnete denar | vrnejo denar"
    " | vrniti izdelek | vrnem izdelek | zamenjati izdelek | zamenjava izdelka | reklamacija"
    " | reklamacijo | reklamacije | reklamirati | reklamiram | garancija | garancijo"
    " | garancije | pod garancijo | money back | return the product"
    # "I changed my mind about the jacket, can I return it" read as a correction.
    " | can i return it | can i exchange it | return it to the shop | exchange it for"
    " | jo lahko vrnem | ga lahko vrnem | jih lahko vrnem | lahko zamenjam"
    # Jobs at the centre's shops asked about; not a job application told as a story ("I
    # applied for a job with you: how long do you keep my CV?" asks about retention).
    " | iscete zaposlene | iscete nove zaposlene | iscete delavce | iscete nove sodelavce"
    " | zaposlujete | prosto delovno mesto | prosta delovna mesta | prostih delovnih mest"
    " | are you hiring | job openings | vacancies"
    # Looking for a job oneself: the CV is sent to a shop, asked nothing of the policy.
    " | apply for a job | applying for a job | send my cv | send you my cv | send in my cv"
    " | iscem sluzbo | iscem delo | iscem zaposlitev | poslati zivljenjepis | poslem zivljenjepis"
    # Lost and found: "has anyone handed it in" read as a request chased, a son's lost phone as
    # `children`, "the person who found my wallet" as the hand-over.
    " | lost and found | lost property | has anyone found | has anybody found | did anyone find"
    " | anyone handed | anybody handed | handed it in | who found my"
    " | izgubljeno najdeno | izgubljene stvari | najdene stvari | je kdo nasel | je kdo nasla"
    " | je kdo najdel | ki je nasel | ki je nasla | ki je najdel"
    # A parking or ticket machine that takes no coins is the till's kind of trouble.
    " | parking machine | ticket machine | parkirni avtomat | parkomat | parkomata"
    # Errands of the centre: the wifi, a shop's number, a delivery awaited ("who should I
    # contact about that?" after a sofa not delivered read as the privacy contact).
    # The wifi asked for, not signed up to in a story ("I registered for the free wifi and the
    # loyalty card ... what have you collected about me?").
    " | is there free wifi | is there a free wifi | have free wifi | any free wifi"
    " | free wifi in the | free wifi here | free wifi password | connect to the free wifi"
    " | connect to free wifi | is the wifi free | is wifi free"
    " | is there wifi | wifi password | geslo za wifi | imate wifi"
    " | contact number for | phone number of the | stevilko trgovine | telefon trgovine"
    " | be delivered | kdaj bo dostavljen | kdaj bo dostavljena | kdaj bo dostavljeno"
    " | kdaj bo dostava | kdaj pride dostava"
    # A playground or a taxi: "is there a kids playground" read as `children`, "how do I
    # call a taxi" as the contact.
    " | is there a playground | is there a kids playground | where is the playground"
    " | play area | party room | otrosko igrisce | igrisce za otroke | igralnica za otroke"
    " | taxi | taksi | taksija"
    # Errands that name a word of the policy's: a phone's contacts lost to a cracked screen,
    # an account at a bank, a baby changed, the address typed into the navigation.
    " | is there free parking | free parking for | parking for electric | ev charger"
    " | charging station | phone repair | repair my phone | phone repaired"
    " | cracked screen | screen is cracked | broken screen | open a bank account"
    " | open an account at | which banks have | bank branch | is there a bank | is there an atm"
    " | where is the atm | copy of my receipt"
    " | copy of the receipt | lost my receipt | diaper | nappy | changing table | baby changing"
    " | safe to leave my car | leave my car overnight | overnight parking | for my gps"
    " | for the gps | for my sat nav | birthday party | kids party | summer camp"
    " | football camp | kids camp | reservation at the | open to the public"
    # A bike kept, a car towed, a bench broken, a gift card's balance, a shop or the cinema
    # called: "secure" read as security, "towed ... who do I call" as marketing.
    " | bike storage | bike rack | bike racks | bike parking | was towed | got towed | car towed"
    " | have to be to work | old to work | gift card balance | balance on my gift card"
    " | balance of my gift card | report a broken | broken bench | broken toilet"
    " | broken escalator | broken elevator | broken lift | contact the cinema | call the cinema"
    " | contact the shop | contact the store | call the shop | call the store"
)

_HOURS = (
    "opening hours | open on sunday | open on sundays | are you open | is it open | open today"
    " | open tomorrow | when do you open | when do you close | what time do you open"
    " | what time do you close | ste odprti | je odprt | je odprto | je odprta | so odprti"
    " | odprti ste | odprto imate | delovni cas | odpiralni cas | ob kerih urah | ste zaprti"
    " | je zaprto | работно време | до колко работите | кога отваряте | кога затваряте"
    " | отворено ли е | отворени ли сте | работите ли в неделя | rabotno vreme"
    " | program de lucru | programul de lucru | orarul | la ce ora deschideti"
    " | la ce ora inchideti | este deschis | e deschis | sunteti deschisi"
)


def _phrases(table: str) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(fold(phrase)) for phrase in table.split("|"))
    return re.compile(rf"\b(?:{alternatives})\b")


CLOCK, HOURS, PRICE = _phrases(_CLOCK), _phrases(_HOURS), _phrases(_PRICE)
# Opening hours asked fit in a short message; a longer one that names them tells a story
# ("I was looking up the shoe shop's opening hours and a cookie window came up...").
HOURS_MAX_WORDS = 12


def asks_everyday(text: str) -> bool:
    """Whether `text` asks the time, the opening hours or what something costs, and says
    nothing of data."""
    folded = fold(text)
    hours = len(folded.split()) <= HOURS_MAX_WORDS and HOURS.search(folded)
    if not (CLOCK.search(folded) or hours or PRICE.search(folded)):
        return False
    return not speaks_of_privacy(text)
