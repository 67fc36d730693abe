"""Formatted bibliographies in GOST R 7.0.5-2008 and APA through citeproc-py."""

from __future__ import annotations

from typing import Any

import pytest

from bibliography.csl import create_work_from_csl
from bibliography.exports import formatted_article_bibliography
from bibliography.formats.styled import format_bibliography
from bibliography.models import Article, Citation

ITEMS: list[dict[str, Any]] = [
    {
        "id": "1",
        "type": "article-journal",
        "title": "Эволюция Шанхайской организации сотрудничества",
        "author": [{"family": "Воронович", "given": "В.В."}],
        "container-title": "Вестник МГИМО",
        "issued": {"date-parts": [[2019]]},
        "volume": "12",
        "issue": "3",
        "page": "45-58",
    },
    {
        "id": "2",
        "type": "book",
        "title": "Regions & <Powers>",
        "author": [{"family": "Buzan", "given": "B."}, {"family": "Wæver", "given": "O."}],
        "publisher": "Cambridge University Press",
        "publisher-place": "Cambridge",
        "issued": {"date-parts": [[2003]]},
        "number-of-pages": "564",
    },
    {
        "id": "3",
        "type": "webpage",
        "title": "Strategic Concept 2022",
        "author": [{"literal": "NATO"}],
        "URL": "https://www.nato.int/sc",
        "accessed": {"date-parts": [[2023, 3, 5]]},
    },
]


def test_gost_text_follows_the_standard_punctuation_in_list_order() -> None:
    entries = format_bibliography(ITEMS, style="gost")
    assert (
        entries[0] == "1. Воронович В. В. Эволюция Шанхайской организации сотрудничества // Вестник МГИМО. 2019. "
        "Т. 12. № 3. С. 45–58."
    )
    assert entries[1] == "2. Buzan B., Wæver O. Regions & <Powers>. Cambridge: Cambridge University Press, 2003. 564 с."
    assert "[Электронный ресурс]. URL: https://www.nato.int/sc (дата обращения: 05.03.2023)" in entries[2]


def test_apa_text_and_html() -> None:
    text = format_bibliography(ITEMS, style="apa")
    assert text[1] == "Buzan, B., & Wæver, O. (2003). Regions & <Powers>. Cambridge University Press."
    assert text[0].startswith(
        "Воронович, В. В. (2019). Эволюция Шанхайской организации сотрудничества. Вестник МГИМО, 12(3), 45–58"
    )
    html = format_bibliography(ITEMS, style="apa", output="html")
    assert "<i>Regions &amp; &lt;Powers&gt;</i>" in html[1]
    assert "<Powers>" not in html[1]


def test_unknown_style_or_output_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown style"):
        format_bibliography(ITEMS, style="mla")
    with pytest.raises(ValueError, match="unknown output"):
        format_bibliography(ITEMS, output="pdf")


@pytest.mark.django_db
def test_an_articles_list_formats_in_list_order() -> None:
    works = [create_work_from_csl(item) for item in ITEMS]
    article = Article.objects.create(work=create_work_from_csl({"title": "Citing"}), file_name="a.txt", sha256="1" * 64)
    for position, work in enumerate(reversed(works), 1):
        Citation.objects.create(article=article, work=work, position=position, raw_text="x")
    entries = formatted_article_bibliography(article, style="gost")
    assert [entry.split(" ")[1] for entry in entries] == ["NATO.", "Buzan", "Воронович"]
