"""Slovene as people type it on a phone, brought to the standard words the packs use.

Folded spellings (no diacritics, repeats folded) -> folded standard words; for matching
only (intents/registers.py). Stems are a word's first five letters (intents/index.py), so
only forms whose first letters differ from the standard word's need a line here:
- spoken verb forms: "nehte" (nehajte), "spremente" (spremenite), "delte" (delite), and
  the past tense in -u of central Slovene ("preselu", "prijavu": preselil, prijavil);
- shortened and dialect words: "sm" (sem), "blo" (bilo), "kere" (katere), "use" (vse),
  "vasga" (vašega), "lohk" (lahko), "zdej" (zdaj);
- negations written together: "nebi", "nevem" (ne bi, ne vem), and other words typed
  together without the space: "kajmate", "lahkovidim" (kaj imate, lahko vidim);
- everyday words for what the packs name otherwise: "mejl" (e-mail), "firma" (podjetje),
  "spamat" and "zasipat" (sending over and over).
A word that is also a standard word of its own is left out ("kar", "tam", "pa"), except a
filler whose first letters are a topic's ("posebej", especially, is no "posebne vrste
podatkov"): it is dropped.
"""

from __future__ import annotations

# Question and function words, shortened or dialect spellings.
_QUESTION_AND_FUNCTION_WORDS = """
kva=kaj kej=kaj kuj=kaj kok=koliko kolk=koliko kolko=koliko zakva=zakaj zaka=zakaj
zakj=zakaj odkod=od_kod kere=katere keri=kateri kera=katera kero=katero kerih=katerih
kerga=katerega tud=tudi tut=tudi men=meni js=jaz jst=jaz lahk=lahko lohk=lahko
loh=lahko lahka=lahko nc=nic neki=nekaj kr=kar sej=saj zdej=zdaj sedej=sedaj tko=tako
tk=tako ful=zelo lih=ravno glih=ravno al=ali use=vse usega=vsega usi=vsi vasga=vasega
vasmu=vasemu mojga=mojega moga=mojega svojga=svojega zivga=zivega nekga=nekega
tazga=takega cajta=casa cajt=cas prosm=prosim pls=prosim plz=prosim dons=danes
dost=dovolj fse=vse fsi=vsi fsega=vsega mal=malo zlo=zelo pol=potem zmer=zmeraj
vcas=vcasih vrjetno=verjetno tuki=tukaj nasga=nasega ubistvu=
mn=manj tle=tukaj uredu=v_redu kermu=kateremu usak=vsak usaka=vsaka usako=vsako
nobenga=nobenega pravga=pravega clovka=cloveka clovku=cloveku mescov=mesecev mescev=mesecev
mesca=meseca dovol=dovolj pr=pri kak=kako posebej=
kajmate=kaj_imate kajimate=kaj_imate kajste=kaj_ste kajje=kaj_je kvamate=kaj_imate
kakose=kako_se kakolahko=kako_lahko kjelahko=kje_lahko alilahko=ali_lahko alahko=ali_lahko
lahkovidim=lahko_vidim lahkodobim=lahko_dobim lahkose=lahko_se lahkome=lahko_me
vcer=vceraj vceri=vceraj glavn=glavni potle=potem potlej=potem ocem=hocem ocm=hocem
dolg=dolgo dugo=dolgo pliz=prosim plis=prosim
kolkocasa=koliko_casa kolkcasa=koliko_casa kokcajta=koliko_casa kolkcajta=koliko_casa
kdoje=kdo_je kdoma=kdo_ima radbi=rad_bi radabi=rada_bi zanimame=zanima_me aste=ali_ste
drugmu=drugemu drugga=drugega kulko=koliko zakej=zakaj clovk=clovek clovkom=clovekom
"""
# Verb forms: spoken imperatives, short infinitives, the past tense in -u (the participle in
# -il / -al), and negations written together with the verb (nebi = ne bi).
_VERBS = """
mate=imate mam=imam mas=imas ma=ima mamo=imamo mel=imel mela=imela meli=imeli
nimte=nimate sm=sem nism=nisem bl=bil bla=bila blo=bilo bli=bili bote=boste hoc=hocem
hocm=hocem nocm=nocem morte=morate morm=moram mormo=moramo rabte=rabite rabm=rabim
dej=daj dejte=dajte nehte=nehajte nehite=nehajte nehi=nehaj nehat=nehati
prenehte=prenehajte zbrisat=izbrisati zbrisite=izbrisite zbriste=izbrisite
izbriste=izbrisite zbris=izbris zbrisi=izbrisi spremente=spremenite
popravte=popravite pokazte=pokazite posljte=posljite ustavte=ustavite delte=delite
hranjte=hranite nardite=naredite nardi=naredi vidt=videti dobt=dobiti zvedet=izvedeti
zvedt=izvedeti govort=govoriti preselu=preselil prijavu=prijavil odjavu=odjavil
vpisu=vpisal kupu=kupil dobu=dobil naredu=naredil pozabu=pozabil zbrisu=izbrisal
videu=videl mislu=mislil prosu=prosil hotu=hotel dau=dal reku=rekel nebi=ne_bi
nevem=ne_vem nemorem=ne_morem nezelim=ne_zelim nebom=ne_bom neznam=ne_znam
nerabim=ne_rabim vidjo=vidijo vidte=vidite
vidu=videl vidla=videla slisu=slisal rabu=rabil hranl=hranil zvedu=izvedel poslu=poslal
pisu=pisal klicu=klical sodelovu=sodeloval izpolnu=izpolnil odpru=odprl kupla=kupila
dobla=dobila vpisla=vpisala prselu=preselil prselila=preselila prselil=preselil
prjavu=prijavil prjavla=prijavila prjavte=prijavite prjavim=prijavim prjavit=prijaviti
zmenm=zmenim nardim=naredim hodjo=hodijo zbrisete=izbrisete zbrisem=izbrisem
zbrisal=izbrisal zbrisala=izbrisala zbrisejo=izbrisejo zbrisano=izbrisano
nehej=nehaj nehejte=nehajte umakte=umaknite nucam=rabim nucate=rabite vidm=vidim
pisla=pisala vedu=vedel bit=biti poslete=posljete vzemte=vzemite
odgovoru=odgovoril odgovorla=odgovorila odgovorli=odgovorili odpisu=odpisal zahtevu=zahteval
napisu=napisal vprasu=vprasal pustu=pustil spremenu=spremenil registriru=registriral
dovolu=dovolil zmagu=zmagal parkiru=parkiral narocu=narocil poslte=posljite
"""
# Everyday words for what the packs name otherwise, and words of small talk.
_EVERYDAY_WORDS = """
mejl=email mejla=email mejle=email mejli=email mejlov=email mejlu=email mejlom=email
mailov=email mailu=email maili=email esemes=sms esemese=sms smsi=sms smse=sms
smsov=sms firma=podjetje firme=podjetja firmi=podjetju firmo=podjetje
firmam=podjetjem firmami=podjetji firmah=podjetjih spamat=posiljati spamate=posiljate
spamajte=posiljajte zasipat=posiljati zasipate=posiljate zasipajte=posiljajte
bombardirat=posiljati info=informacije fb=facebook insta=instagram tel=telefon
mersi=hvala merci=hvala tenks=hvala thx=hvala tnx=hvala ajd=adijo ajde=adijo
kapiram=razumem stekam=razumem podatk=podatki podatkih=podatki
kapiras=razumes stekas=razumes zastopis=razumes zastopim=razumem kapirate=razumete
stekate=razumete zastopite=razumete
mulc=otrok mulca=otroka mulci=otroci pamz=otrok novicke=novice
fajl=datoteka fajla=datoteke fajlu=datoteki fajle=datoteke fajlih=datotekah
eksel=excel ekselu=excelu
apka=aplikacija apke=aplikacije apki=aplikaciji apko=aplikacijo
brezveze=brez_veze
fejs=facebook fejsa=facebook fejsu=facebook fejsom=facebook fejsbuk=facebook
fejsbuka=facebook fejsbuku=facebook esemesi=sms esemesa=sms esemesov=sms esemesih=sms
cifra=stevilka cifre=stevilke cifro=stevilko
kartca=kartica kartco=kartico kartce=kartice kartci=kartici
newsletter=novice newsletterja=novic newsletterju=novicah newsletterji=novice newslettra=novic
newsletterje=novice sajt=stran sajta=strani sajtu=strani app=aplikacija appu=aplikaciji
appa=aplikacije gsm=telefon meil=email meila=email meile=email meilu=email meili=email
kuki=piskotki kukiji=piskotki kukije=piskotke kukijev=piskotkov trackate=sledite trackat=slediti
trackajo=sledijo trackanje=sledenje trakate=sledite delete=izbrisi deletat=izbrisati
deletajte=izbrisite deletate=izbrisete deletali=izbrisali unsubscribe=odjava
odnarocite=odjavite odnaroci=odjavi odnarocit=odjaviti odnarocil=odjavil odnarocila=odjavila
enovice=novice enovic=novic enovicah=novicah enovicke=novicke enovick=novick
safe=varni sejf=varni secure=varni brate= bro= ajmo=
varnostnik=cuvaj varnostnika=cuvaja varnostniku=cuvaju varnostniki=cuvaji
varnostnikom=cuvajem varnostnikov=cuvajev varnostnica=cuvajka varnostnico=cuvajko
varnostnice=cuvajke varnostnici=cuvajki
"""

# Story words that start like a topic's keyword: a long-standing customer ("dolgoletna
# stranka") is no "how long" (dolgo), food (hrana) no keeping (hran), the shop assistant
# (prodajalka) no selling of data (proda).
_STORY_WORDS = """
dolgoletna= dolgoletni= dolgoletno= dolgoletnih= dolgoletnim= dolgoleten= hrana=jed hrano=jed
hrane=jedi prodajalka= prodajalec= prodajalko= prodajalki= prodajalci= prodajalke= prodajalca=
prodajalna=trgovina prodajalni=trgovini prodajalno=trgovino
"""


def _table(text: str) -> dict[str, str]:
    """'spoken=standard' pairs; '_' stands for a space, an empty standard drops the word."""
    pairs = (item.split("=") for item in text.split())
    return {spoken: standard.replace("_", " ") for spoken, standard in pairs}


SPOKEN_SL: dict[str, str] = {
    **_table(_QUESTION_AND_FUNCTION_WORDS),
    **_table(_VERBS),
    **_table(_EVERYDAY_WORDS),
    **_table(_STORY_WORDS),
}
