"""The foundation: settings, model constraints, skeletons, CSL mapping, admin."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from bibliography.csl import create_work_from_csl, normalize_doi, work_to_csl
from bibliography.lib.skeleton import name_skeleton, skeleton
from bibliography.models import Article, Citation, Work

pytestmark = pytest.mark.django_db


def test_normalized_doi_is_unique_among_canonical_works() -> None:
    Work.objects.create(title="A", doi="10.1000/xyz")
    with pytest.raises(IntegrityError), transaction.atomic():
        Work.objects.create(title="B", doi="10.1000/xyz")


def test_works_without_doi_do_not_clash() -> None:
    Work.objects.create(title="A", doi=None)
    Work.objects.create(title="B", doi=None)
    assert Work.objects.count() == 2


def test_citation_position_is_unique_within_an_article() -> None:
    article = Article.objects.create(work=Work.objects.create(title="Citing"), file_name="a.txt", sha256="0" * 64)
    cited = Work.objects.create(title="Cited")
    Citation.objects.create(article=article, work=cited, position=1, raw_text="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(article=article, work=cited, position=1, raw_text="y")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://doi.org/10.32523/2616-6887-2024-149-4-50-69", "10.32523/2616-6887-2024-149-4-50-69"),
        ("doi: 10.1093/IA/IIY220.", "10.1093/ia/iiy220"),
        ("not a doi", ""),
    ],
)
def test_doi_normalization(raw: str, expected: str) -> None:
    assert normalize_doi(raw) == expected


@pytest.mark.parametrize(
    ("cyrillic", "romanized"),
    [
        ("Воронович В.В. Эволюция Шанхайской организации", "Voronovich V.V. Evolyutsiya Shankhaiskoi organizatsii"),
        ("Ибраев", "Ibrayev"),
        ("Цыганков", "Tsygankov"),
        ("Хрущёв", "Hrushchev"),
        ("Әлімбеков Қайрат", "Älimbekov Qairat"),
    ],
)
def test_skeleton_is_scheme_agnostic(cyrillic: str, romanized: str) -> None:
    assert skeleton(cyrillic) == skeleton(romanized)


def test_skeleton_keeps_different_names_apart() -> None:
    assert name_skeleton("Иванов") != name_skeleton("Ivanova")
    assert skeleton("Second Summit") != skeleton("Third Summit")


def test_csl_round_trip_through_a_work() -> None:
    item = {
        "type": "article-journal",
        "title": "Regions and Powers",
        "author": [{"family": "Buzan", "given": "B."}, {"literal": "NATO"}],
        "container-title": "International Affairs",
        "issued": {"date-parts": [[2018]]},
        "volume": "94",
        "issue": "6",
        "page": "1249-1267",
        "DOI": "https://doi.org/10.1093/IA/IIY220",
        "accessed": {"date-parts": [[2023, 3, 5]]},
    }
    work = create_work_from_csl(item)
    exported = work_to_csl(work)
    assert exported["id"] == str(work.pk)
    assert exported["DOI"] == "10.1093/ia/iiy220"
    assert exported["author"] == [{"family": "Buzan", "given": "B."}, {"literal": "NATO"}]
    assert exported["accessed"] == {"date-parts": [[2023, 3, 5]]}
    assert work.author_key == "buzan"


def test_home_page_and_admin_login_are_served(client: Client) -> None:
    assert client.get("/").status_code == 200
    assert client.get("/admin/login/").status_code == 200


def test_every_model_is_in_the_admin(admin_client: Client) -> None:
    for name in ["work", "person", "contributor", "article", "citation", "mention", "doimatch", "duplicatecandidate"]:
        assert admin_client.get(f"/admin/bibliography/{name}/").status_code == 200, name
