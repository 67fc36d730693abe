"""Language of a reference: a printed tag (`[in Russian]`) first, else its letters.

Tags win because a romanized twin is written in Latin letters but describes
a Russian or Kazakh work. Without a tag, the Cyrillic alphabets are told
apart by their own letters (Belarusian і with ў or дз/ць, Uzbek ўҳ, Kazakh әғқңөұүһ, Kyrgyz өүң without
the Kazakh-only letters, Ukrainian іїєґ, Russian ыэё) and Bulgarian by `ъ`
between consonants and its function words.
"""

from __future__ import annotations

import re

from .chars import count_scripts

KAZAKH = re.compile("[әғқңөұүһӘҒҚҢӨҰҮҺ]")
# Uzbek Cyrillic: `ў` and `ҳ` (Kazakh writes `һ`); Tajik shares `ҳ` but also has `ҷӣӯ`.
UZBEK = re.compile("[ўЎ]|[ҳҲ](?!.*[ҷӣӯҶӢӮ])")
TAJIK = re.compile("[ҷӣӯҶӢӮ]")
# Belarusian: `і` (no Uzbek letter) with `ў`, or `і` beside `ы`/`э` (no Ukrainian) with a cluster Kazakh words
# lack (`дз`, `ць`, `беларус-`); Kazakh's own letters rule it out.
BELARUSIAN_I = re.compile("[іІ]")
BELARUSIAN_HARD = re.compile("[ыэЫЭ]")
BELARUSIAN_MARK = re.compile("[ўЎ]|дз|ць|(?<![а-яіў])беларус", re.IGNORECASE)
KAZAKH_LETTER = re.compile("[әғқңөұүһӘҒҚҢӨҰҮҺ]")
# Kyrgyz has `өүң` (Kazakh shares them) but none of Kazakh's `әғқұһі`; its genitive is `-дын/-нын`, not `-дың`.
KAZAKH_ONLY = re.compile("[әғқұһіӘҒҚҰҺІ]")
KYRGYZ_LETTER = re.compile("[өүңӨҮҢ]")
# Lower-case text only (IGNORECASE on Cyrillic is slow); the genitive ending after a three-letter stem.
# Words no Russian title has (the genitive endings do end Russian names: `Распутин`).
KYRGYZ_OWN_WORDS = re.compile(r"(?<![а-яөү])(?:жана|боюнча|үчүн|окуу|китеби|маселелери|жарчысы)(?![а-яөүң])")
# The lookahead names every letter a match begins with, so `re` rejects most positions with one class test
# instead of trying three lookbehinds and twenty words there.
KYRGYZ_WORDS = re.compile(
    r"(?=[дтнжбүокм])(?:(?<=[а-яөү]{3})(?:дын|дин|нын|нин|тын|тин|дун|дүн|нун|нүн|тун|түн)(?![а-яөүң])|"
    r"(?<![а-яөү])(?:жана|боюнча|үчүн|окуу|китеби|маселелери|жарчысы)(?![а-яөүң])|"
    # the stem alone, so a genitive after it (`Кыргызстандын`) counts as a second sign
    r"(?<![а-яөү])кыргыз)"
)
UKRAINIAN = re.compile("[їєґЇЄҐ]|[іІ]")
RUSSIAN_ONLY = re.compile("[ыэЫЭёЁ]")
KAZAKH_I = re.compile("[іІ]")
RUSSIAN_HARD_I = re.compile("[ыЫ]")
BULGARIAN_WORDS = re.compile(
    r"(?<![а-я])(?:със|във|като|които|което|която|върху|към|чрез|българ\w*|софия|между тях|бр\.|съвременн\w*|"
    # word forms Russian spells otherwise (`издательство`, `исследования`, `Центральная`, `научная`)
    r"издателств\w*|изследван\w*|сигурност\w*|доклади|научна|централна|международни|социални)(?![а-я])",
    re.IGNORECASE,
)
BULGARIAN_HARD_SIGN = re.compile("ъ(?=[а-яА-Я])(?![еёюяЕЁЮЯ])", re.IGNORECASE)
BULGARIAN_ARTICLE = re.compile(
    r"[а-я]{2,}(?:ският|ската|ското|ските|ията|ът)(?![а-я])|[а-я]{5,}ите(?![а-я])|[а-я]{5,}(?:ната|ното)(?![а-я])",
    re.IGNORECASE,
)
RUSSIAN_ROMANIZED = re.compile(
    r"(?:ogo|ykh|ikh|iya|iye|nyy|nyi|nye|kie|skii|skiy|skoi|skoy|aya|oye|ost'|nost|ovaniy\w*|enie|anie|stvo|stva|yu|"
    r"yakh)\b|"
    # LC romanization: `-aia`, `-iia`, `-ii` (`Politicheskaia`, `Istoriia`, `Azii`), the genitive `-stana`,
    # `Respubliki`, and the modifier primes ʹ ʺ for the soft and hard signs (`Bartolʹd`, `obʺedinenie`)
    r"(?:aia|iia|[^aeiou ]ii|stana|respubliki)\b|[a-z][ʹʺ]|"
    # a function word, but not the `o'` of Uzbek `o'zbek` nor a contraction
    r"(?<!['’])\b(?:i|v|na|po|s|k|o|ot|dlya|pri|iz|ili|kak|ego|ikh)\b(?![ʻ'‘’])",
)
KAZAKH_ROMANIZED = re.compile(
    r"(?:lyk|lik|dyk|dik|tyk|tik|dagy|tagy|degi|tegi|nyn|nin|dyn|din|tyn|tin|lary|leri|dary|deri|tary|teri)\b|"
    r"(?:lyq|liq|dyq|diq|tyq|tiq)\b|"
    r"\b(?:zhane|jáne|jane|men|turaly|qazaq\w*|kazakh|memleket\w*|khalyq\w*|halyq\w*|ult\w*)\b",
)
# Uzbek Latin: `o'`/`g'` inside words (`O'zbekiston`, `to'g'risida`), genitive `-ning`, plural `-lari`, `va`.
# Also the possessive locative `-sida` (`ostonasida`), `-ligi`, and words of political and historical titles
# (`tashqi siyosati`, `mustaqillik`) that neither English nor a Russian or Kazakh transliteration uses.
UZBEK_ROMANIZED = re.compile(
    r"[og][ʻ'‘’](?=[a-z])|(?<=\w\w)(?:ning|lari|dagi|iyasi|sida|ligi|larda|lardan)\b|"
    r"\b(?:va|uchun|haqida|bilan|yil|yilda|asoslari|tarixi|tashqi|ichki|siyosat[a-z]*|davlat[a-z]*|mustaqil[a-z]*)\b"
)
ENGLISH_WORDS = re.compile(r"\b(?:the|of|and|in|for|on|with|to|a|an|is|its|from|by|as|at|between|towards?)\b")
LANGUAGE_TAG = re.compile(
    r"[\[(]\s*(?:in|на)\s+(russ(?:ian)?|rus|eng(?:lish)?|kaz(?:akh)?|ukr(?:ainian)?|bulg(?:arian)?|bg|kz|ru|en|"
    r"uzb(?:ek)?|kyrg(?:yz)?|kirg(?:hiz)?|uz|ky|"
    r"русском|казахском|английском|украинском|узбекском|киргизском|кыргызском)\.?\s*(?:яз(?:ыке)?\.?|language)?\s*[\])]",
    re.IGNORECASE,
)
TAG_CODES = {
    "ru": "ru",
    "en": "en",
    "ka": "kk",
    "kz": "kk",
    "uk": "uk",
    "bu": "bg",
    "bg": "bg",
    "uz": "uz",
    "ky": "ky",
    "ki": "ky",
}
TAG_WORDS = {"рус": "ru", "каз": "kk", "анг": "en", "укр": "uk", "узб": "uz", "кир": "ky", "кыр": "ky"}


def tagged_language(text: str) -> tuple[str | None, str]:
    """Language named by a tag such as `[in Russian]` or `(In Russ.)`, and the text without it."""
    match = LANGUAGE_TAG.search(text)
    if not match:
        return None, text
    word = match.group(1).lower()
    code = TAG_WORDS.get(word[:3]) or TAG_CODES.get(word[:2]) or ("ru" if word.startswith("r") else None)
    return code, (text[: match.start()] + " " + text[match.end() :]).strip()


def romanized_language(text: str) -> str | None:
    """ru, kk or uz for a Latin-script title that is a transliteration (or Uzbek Latin), None for English."""
    lowered = text.lower()
    words = len(lowered.split())
    if words < 2:
        return None
    counts = {
        "uz": len(UZBEK_ROMANIZED.findall(lowered)),
        "kk": len(KAZAKH_ROMANIZED.findall(lowered)),
        "ru": len(RUSSIAN_ROMANIZED.findall(lowered)),
    }
    best = max(counts, key=lambda code: (counts[code], code == "ru"))
    if counts[best] < 2:
        return None  # English words are counted only when they could outweigh the signs
    english = len(ENGLISH_WORDS.findall(lowered))
    return None if english * 2 >= counts[best] else best


def uzbek_with_host(title: str, host: str) -> bool:
    """A Latin title without English words in an Uzbek journal (`Tarix va jamiyat`) is Uzbek.

    Short Uzbek titles (`Amir Temur davlati`) carry one sign at most; the journal's name adds the second.
    Only Uzbek is read this way: Uzbek Latin is the language itself, not a transliteration of another.
    """
    if not host or ENGLISH_WORDS.search(title.lower()):
        return False
    return romanized_language(title + " " + host) == "uz"


def _cyrillic_language(text: str) -> str | None:
    """uz, be, kk, ky, uk, ru or bg when the text carries a letter or word only that language uses, else None."""
    if _belarusian(text):
        return "be"
    if UZBEK.search(text) and not TAJIK.search(text):
        return "uz"
    if _kyrgyz(text):
        return "ky"
    if KAZAKH.search(text) or (KAZAKH_I.search(text) and RUSSIAN_HARD_I.search(text)):
        return "kk"  # `і` beside `ы` (`Мемлекеттік тіл саясаты`) is Kazakh: Russian has no і, Ukrainian no ы
    if re.search("[їєґЇЄҐ]", text) or (UKRAINIAN.search(text) and not RUSSIAN_ONLY.search(text)):
        return "uk"
    if RUSSIAN_ONLY.search(text):
        return "ru"
    if BULGARIAN_HARD_SIGN.search(text) or BULGARIAN_WORDS.search(text) or BULGARIAN_ARTICLE.search(text):
        return "bg"
    return None


def _belarusian(text: str) -> bool:
    """Belarusian: `і` with `ў`, or `і` and `ы`/`э` with `дз`/`ць`/`беларус-`, and no Kazakh-only letter.

    Both Kazakh and Belarusian write `і` beside `ы` (`Мемлекеттік тіл саясаты`), so the pair alone would
    call Belarusian titles Kazakh; the clusters are common in Belarusian and rare in Kazakh words.
    """
    if not BELARUSIAN_I.search(text) or KAZAKH_LETTER.search(text):
        return False
    mark = BELARUSIAN_MARK.search(text)
    if not mark:
        return False
    return mark.group(0) in "ўЎ" or bool(BELARUSIAN_HARD.search(text))


def _kyrgyz(text: str) -> bool:
    """Kyrgyz: its own words or genitives twice, or `өүң` with none of the letters only Kazakh has."""
    if KAZAKH_ONLY.search(text):
        return False
    return bool(KYRGYZ_LETTER.search(text)) or len(KYRGYZ_WORDS.findall(text.lower())) >= 2


def _kyrgyz_backed(text: str, context: str) -> bool:
    """A Kyrgyz word in the text (`жана`) counts when the whole reference is Kyrgyz.

    Kyrgyz shares `ы` with Russian, so a short title with one Kyrgyz word and no `өүң` looks Russian; the
    rest of the reference (journal, publisher) decides. A Russian title never carries the Kyrgyz word.
    """
    if not context or KAZAKH_ONLY.search(text):
        return False
    return bool(KYRGYZ_OWN_WORDS.search(text.lower())) and _kyrgyz(context)


def detect_language(text: str, context: str = "") -> str:
    """ISO 639-1 code guessed from the letters of the text (ru, kk, uz, ky, be, uk, bg, en).

    A short Cyrillic title often has no letter that only one language uses (`След Европа`); then the rest
    of the reference (`context`: publisher, journal, place) may show Bulgarian; Russian is the last resort
    (Kazakh or Ukrainian letters in a publisher's name do not make a Russian title Kazakh or Ukrainian).
    """
    cyr, lat = count_scripts(text)
    if cyr <= lat:
        return "en"
    found = _cyrillic_language(text)
    if found == "kk" and context and _cyrillic_language(context) == "uz":
        found = "uz"  # `қ`, `ғ` are Uzbek letters too; `ў`, `ҳ` elsewhere in the reference tell them apart
    if found in (None, "ru") and _kyrgyz_backed(text, context):
        found = "ky"
    if found is None and context and count_scripts(context)[0] and _cyrillic_language(context) == "bg":
        found = "bg"
    return found or "ru"
