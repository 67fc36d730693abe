"""Patterns shared by segment classification and the finishing step."""

from __future__ import annotations

import re

# Titles and degrees printed before an editor's name: `проф.`, `д-ра экон. наук, проф.`, `д.и.н.`, `Dr.`
HONORIFIC = (
    r"(?:(?:(?:проф|акад|доц|prof|Prof|Dr|чл\.-корр?)\.|(?:д-ра|канд|докт)\.?\s(?:[а-яі]{2,8}\.\s?){1,2}наук|"
    r"д\.\s?[а-яі]\.\s?н\.|профессора|академика|доцента)[,\s]\s?)*"
)
EDITOR_PHRASE = re.compile(
    r"^(?:(?:под|Под)\s(?:общ(?:ей)?\.?\s|науч(?:ной)?\.?\s)?ред(?:акцией|\.)?(?:\sна)?|(?:за|За)\s(?:заг\.\s|наук\.\s)?ред\.?|"
    r"(?:науч|Науч|общ|Общ)\.\sред\.?|(?:ред|Ред)\.\sкол\.?:?|(?:жалпы|Жалпы)\sред\.(?:\sбасқарған)?|"
    r"(?:ред|Ред)\.-сост\.|(?:редкол|Редкол)\.?:?|(?:ред|Ред)\.\sалқасы:?|(?:редактор|Редактор):?|"
    r"(?:отв|Отв|гл|Гл|гол|Гол|відп|Відп|жауапты|Жауапты|бас|Бас)\.?\sред\.?|(?:Ред|ред|Ed|ed|Eds|eds)\.\s?(?:by\s)?:?|"
    r"(?:edited|Edited)\sby|"
    # romanized twins: `pod red.`, `pod obshch. red.`, `otv. red.`, `za red.`
    r"(?:pod|Pod)\s(?:obshch(?:ei)?\.?\s|nauch(?:noi)?\.?\s)?red\.|(?:za|Za)\s(?:zag\.\s)?red\.|"
    rf"(?:otv|Otv|nauch|Nauch|gl|Gl|zhalpy|Zhalpy)\.?\sred\.)\s?:?\s?{HONORIFIC}"
)
GENITIVE_EDITOR = re.compile(r"^(?:под|Под|за|За|pod|Pod)\s(?!.*\s(?:на|na)\s)")
# Compilers (`сост.`, `упоряд.`, `құраст.`) are not editors: the annotation conventions leave them out; nor is
# a research report's head (`/ рук. А. Б. Садыков`, `/ рук. НИР`), who would otherwise join the title.
COMPILER_PHRASE = re.compile(
    r"^(?:Сост|сост|Съст|съст|Упоряд|упоряд|Укл|укл|Құраст|құраст|Comp|comp|Рук|рук)\.\s?:?\s?|"
    r"^(?:compiled|Compiled)\sby\s"
)
# Chicago's `Translated by R. E. F. Smith.` and MLA's `Translated by John French, Indiana UP`: a translator
# sentence between title and imprint (translators are not read; left in, they join the title or publisher).
TRANSLATOR_SENTENCE = re.compile(
    r"(?<=[.,]\s)(?:Translated|Trans\.|Transl\.)\s(?:from\s(?:the\s)?[A-Z][a-z]+\s)?(?:and\s(?:edited|annotated)\s)?by\s"
    r"(?:[A-Z][\w'’-]*\.?\s?)+?(?:(?:,\s|\sand\s)(?:[A-Z][\w'’-]*\.?\s?)+?)*?(?:[.,]\s|\.?$)"
)
# GOST 7.0.100 heading of a legal act, an element before its title
# (`Российская Федерация. Законы.`), neither author nor title
LAW_HEADING = re.compile(
    r"^[А-ЯЁІЇЄҚ][\w-]+(?:\s[А-ЯЁІЇЄҚ][\w-]+){0,2}\.\s(?:Законы|Закони|Кодексы|Кодекси|Указы|Укази|Постановления|"
    r"Постанови|Конституция|Конституція)\.\s(?=\S)"
)
# `[б. г.]`, `[s. a.]`, `[n. d.]`: "no date" printed where the year would be; it carries nothing to read.
NO_DATE = re.compile(r",?\s?\[(?:[Бб]\.\s?г|[Ss]\.\s?a|[Nn]\.\s?d|[Bb]\.\s?g)\.?\]")
