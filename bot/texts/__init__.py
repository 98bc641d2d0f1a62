"""The bot's own words (not policy answers, which live in the packs), per language."""

from __future__ import annotations

from typing import Final

from bot.texts.consent import CONSENT_TEXTS
from bot.texts.console import CONSOLE_TEXTS
from bot.texts.rights import RIGHTS_TEXTS
from bot.texts.understanding import UNDERSTANDING_TEXTS

FALLBACK_LANGUAGE: Final = "en"

_TEXTS: Final[dict[str, dict[str, str]]] = {
    "menu": {
        "sl": "Sem avtomatski pomočnik družbe {controller} za zasebnost. Vprašajte me, kaj "
        "piše v politiki zasebnosti, ali pa poglejte, prenesite, popravite ali izbrišite svoje "
        "podatke. Izberite temo ali napišite vprašanje.",
        "en": "I'm the automated privacy assistant of {controller} – ask me what the privacy "
        "policy says, or see, download, correct or delete your data. Pick a topic or type "
        "your question.",
        "bg": "Аз съм автоматичният асистент за поверителност на {controller} – питайте ме "
        "какво пише в политиката за поверителност или вижте, изтеглете, коригирайте или "
        "изтрийте данните си. Изберете тема или напишете въпрос.",
        "ro": "Sunt asistentul automat pentru confidențialitate al {controller} – întrebați-mă "
        "ce scrie în politica de confidențialitate sau vedeți, descărcați, corectați ori "
        "ștergeți datele dvs. Alegeți un subiect sau scrieți o întrebare.",
    },
    "not_understood": {
        "sl": "Tega žal ne znam odgovoriti – pomagam pri vprašanjih o zasebnosti in vaših "
        "podatkih. Izberite eno od tem:",
        "en": "Sorry, I can't help with that – I answer questions about privacy and your "
        "data. Pick one of these topics:",
        "bg": "Съжалявам, не мога да помогна с това – отговарям на въпроси за поверителността "
        "и вашите данни. Изберете тема:",
        "ro": "Îmi pare rău, nu vă pot ajuta cu asta – răspund la întrebări despre "
        "confidențialitate și datele dvs. Alegeți un subiect:",
    },
    "attachment": {
        "sl": "Hvala! Priponk ne berem – napišite, prosim, vprašanje z besedilom.",
        "en": "Thanks! I can't read attachments – please type your question.",
        "bg": "Благодаря! Не чета прикачени файлове – моля, напишете въпроса си.",
        "ro": "Mulțumesc! Nu pot citi atașamente – vă rog să scrieți întrebarea.",
    },
    "did_you_mean": {
        "sl": "Ste mislili to?",
        "en": "Did you mean one of these?",
        "bg": "Това ли имахте предвид?",
        "ro": "V-ați referit la una dintre acestea?",
    },
    "source": {
        "sl": "Vir: politika zasebnosti, razdelek »{section}«.",
        "en": "Source: privacy policy, section “{section}”.",
        "bg": "Източник: политика за поверителност, раздел „{section}“.",
        "ro": "Sursa: politica de confidențialitate, secțiunea „{section}”.",
    },
    "stopped": {
        "sl": "Odjavljeni ste od promocijskih sporočil. Vprašanja lahko še vedno postavljate. "
        "Za ponovno prijavo napišite START.",
        "en": "You're unsubscribed from promotional messages. You can still ask me anything. "
        "To get them again, type START.",
        "bg": "Отписахте се от рекламни съобщения. Все още можете да ми задавате въпроси. "
        "За да ги получавате отново, напишете СТАРТ.",
        "ro": "V-ați dezabonat de la mesajele promoționale. Puteți în continuare să-mi puneți "
        "întrebări. Pentru a le primi din nou, scrieți START.",
    },
    "started": {
        "sl": "Promocijska sporočila so spet vklopljena. Kadar koli jih ustavite z besedo STOP.",
        "en": "Promotional messages are on again. Stop them any time by typing STOP.",
        "bg": "Рекламните съобщения са включени отново. Спрете ги по всяко време с СТОП.",
        "ro": "Mesajele promoționale sunt din nou active. Le puteți opri oricând scriind STOP.",
    },
    "confirm_unsubscribe": {
        "sl": "Želite, da vam ne pošiljamo več promocijskih sporočil?",
        "en": "Stop promotional messages?",
        "bg": "Да спрем ли рекламните съобщения?",
        "ro": "Oprim mesajele promoționale?",
    },
    "confirm_resubscribe": {
        "sl": "Želite spet prejemati promocijska sporočila?",
        "en": "Get promotional messages again?",
        "bg": "Искате ли отново да получавате рекламни съобщения?",
        "ro": "Vreți să primiți din nou mesaje promoționale?",
    },
    "subscription_kept": {
        "sl": "V redu, pri promocijskih sporočilih ostaja vse po starem. S čim drugim lahko "
        "pomagam?",
        "en": "Okay, nothing changes with your promotional messages. Anything else I can help "
        "with?",
        "bg": "Добре, при рекламните съобщения нищо не се променя. С какво друго да помогна?",
        "ro": "Bine, la mesajele promoționale nu se schimbă nimic. Cu ce altceva vă pot ajuta?",
    },
    "language_set": {
        "sl": "V redu, govoriva slovensko.",
        "en": "Okay, let's continue in English.",
        "bg": "Добре, продължаваме на български.",
        "ro": "Bine, continuăm în română.",
    },
}

_TEXTS.update(CONSENT_TEXTS)
_TEXTS.update(RIGHTS_TEXTS)
_TEXTS.update(CONSOLE_TEXTS)
_TEXTS.update(UNDERSTANDING_TEXTS)

LANGUAGE_NAMES: Final = {"sl": "Slovenščina", "en": "English", "bg": "Български", "ro": "Română"}


def text(key: str, lang: str, **values: str) -> str:
    """The text `key` in `lang` (English where a language lacks it), values filled in."""
    variants = _TEXTS[key]
    template = variants.get(lang) or variants[FALLBACK_LANGUAGE]
    return template.format(**values) if values else template
