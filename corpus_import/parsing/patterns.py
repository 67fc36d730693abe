"""Patterns shared by segment classification and the finishing step."""

from __future__ import annotations

import re

EDITOR_PHRASE = re.compile(
    r"^(?:(?:под|Под)\s(?:общ(?:ей)?\.?\s|науч(?:ной)?\.?\s)?ред(?:акцией|\.)?(?:\sна)?|(?:за|За)\s(?:заг\.\s|наук\.\s)?ред\.?|"
    r"(?:науч|Науч|общ|Общ)\.\sред\.?|(?:ред|Ред)\.\sкол\.?:?|(?:жалпы|Жалпы)\sред\.(?:\sбасқарған)?|"
    r"(?:отв|Отв|гл|Гл|жауапты|Жауапты|бас|Бас)\.?\sред\.?|(?:Ред|ред|Ed|ed|Eds|eds)\.\s?(?:by\s)?:?|"
    r"(?:edited|Edited)\sby|(?:Сост|сост|Съст|съст|Упоряд|упоряд|Comp|comp)\.)\s?:?\s?"
)
GENITIVE_EDITOR = re.compile(r"^(?:под|Под|за|За)\s(?!.*\sна\s)")
