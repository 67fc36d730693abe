"""Shared fixtures for the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "corpus"
DATA_DIR = Path(__file__).resolve().parent / "data"


@pytest.fixture
def corpus_dir() -> Path:
    """The shipped sample articles."""
    return CORPUS_DIR


@pytest.fixture
def data_dir() -> Path:
    """Test data files (annotations, library files, Crossref records)."""
    return DATA_DIR


# --- admin area: a curator's client and a small work factory -----------------
@pytest.fixture
def curator_client(db, client):  # type: ignore[no-untyped-def]
    """A logged-in staff user whose only rights come from the "curator" group."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("curator", password="curator-pw", is_staff=True)
    user.groups.add(Group.objects.get(name="curator"))
    client.force_login(user)
    return client


@pytest.fixture
def make_work(db):  # type: ignore[no-untyped-def]
    """make_work("Title", ["Family", ...], issued_year=2020, ...) -> saved Work with ordered authors."""
    from bibliography.csl import refresh_matching_keys
    from bibliography.models import Contributor, Person, Work

    def make(title: str, authors: tuple[str, ...] | list[str] = (), **fields):  # type: ignore[no-untyped-def]
        work = Work.objects.create(title=title, **fields)
        for position, family in enumerate(authors):
            person = Person.objects.create(family=family, given="A.")
            Contributor.objects.create(work=work, person=person, position=position)
        refresh_matching_keys(work)
        work.save()
        return work

    return make


# --- crossref area: a Crossref-shaped server on 127.0.0.1 and a client pointed at it ---
@pytest.fixture
def crossref_records() -> list[dict]:
    """The real Crossref work records the loopback server serves."""
    import json

    with (DATA_DIR / "crossref" / "works.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture
def crossref_server(crossref_records):  # type: ignore[no-untyped-def]
    """The mock Crossref with generous limits (tests of the limiter start their own)."""
    from bibliography.crossref.mock_server import Limits, MockCrossref

    roomy = Limits(limit=100, interval=1.0, concurrency=8)
    with MockCrossref(crossref_records, public=roomy, polite=roomy) as server:
        yield server


@pytest.fixture
def crossref_client(crossref_server, settings, tmp_path):  # type: ignore[no-untyped-def]
    """A client configured through settings, as the command builds it; cache in tmp_path."""
    from bibliography.crossref.client import CrossrefClient

    settings.CROSSREF_API_URL = crossref_server.url
    settings.CROSSREF_MAILTO = "tests@example.org"
    settings.CROSSREF_CACHE_DIR = tmp_path / "crossref-cache"
    settings.CROSSREF_TIMEOUT = 2.0
    client = CrossrefClient.from_settings(backoff_base=0.02)
    yield client
    client.close()


# --- web area: a small multilingual library shaped like an import of the corpus ---
def build_web_library(fillers: int = 24) -> dict:  # type: ignore[type-arg]
    """Two citing articles, sources in Cyrillic and Latin, a merged duplicate, DOI matches, mentions.

    Returns the objects by name. Fillers ("Filler study N", 1990+N, cited once) make pagination real.
    """
    from bibliography.csl import create_work_from_csl
    from bibliography.models import Article, Citation, DoiMatch, DuplicateCandidate, Mention

    def work(**item):  # type: ignore[no-untyped-def]
        return create_work_from_csl({"type": "article-journal", **item})

    def year(value: int) -> dict:  # type: ignore[type-arg]
        return {"date-parts": [[value]]}

    lib: dict = {}  # type: ignore[type-arg]
    lib["voronovich"] = work(
        title="Эволюция Шанхайской организации сотрудничества",
        author=[{"family": "Воронович", "given": "В.В."}],
        **{"container-title": "Вестник МГИМО", "issued": year(2019), "language": "ru", "volume": "12", "page": "45-58"},
    )
    lib["buzan"] = work(
        type="book",
        title="Regions and Powers: The Structure of International Security",
        author=[{"family": "Buzan", "given": "B."}, {"family": "Wæver", "given": "O."}],
        publisher="Cambridge University Press",
        **{"publisher-place": "Cambridge", "issued": year(2003), "language": "en", "number-of-pages": "564"},
    )
    lib["ibrayev"] = work(
        title="Kazakhstan multi-vector foreign policy",
        author=[{"family": "Ibrayev", "given": "S."}],
        **{"container-title": "Central Asia's Affairs", "issued": year(2021), "language": "en"},
    )
    lib["doi_work"] = work(
        title="The liberal international order and its discontents",
        author=[{"family": "Ikenberry", "given": "G.J."}],
        DOI="10.1093/ia/iiy220",
        **{"container-title": "International Affairs", "issued": year(2018), "language": "en"},
    )
    lib["review_work"] = work(
        title="Eurasian integration after 2014",
        author=[{"family": "Alimbekov", "given": "K.Zh."}],
        **{"container-title": "Eurasian Studies", "issued": year(2020), "language": "kk"},
    )
    lib["nato"] = work(
        type="webpage", title="Strategic Concept 2022", author=[{"literal": "NATO"}], URL="https://www.nato.int/sc"
    )
    lib["buzan_dup"] = work(type="book", title="Regions and powers", author=[{"family": "Бузан", "given": "Б."}])
    lib["buzan_dup"].merged_into = lib["buzan"]
    lib["buzan_dup"].save()
    lib["pending_dup"] = work(title="Evolyutsiya Shankhaiskoi organizatsii", author=[{"family": "Voronovich"}])
    DuplicateCandidate.objects.create(work_a=lib["voronovich"], work_b=lib["pending_dup"], score=0.81)
    DoiMatch.objects.create(work=lib["doi_work"], doi="10.1093/ia/iiy220", score=0.97, status="accepted")
    DoiMatch.objects.create(work=lib["review_work"], doi="10.1000/maybe", score=0.55, status="review")

    def article(name: str, title: str, sha: str, lang: str) -> Article:
        citing = work(title=title, author=[{"family": "Author", "given": "A."}], issued=year(2024), language=lang)
        return Article.objects.create(work=citing, file_name=name, sha256=sha * 64, languages=[lang])

    lib["article_en"] = article("en.txt", "Security cooperation in Central Asia", "a", "en")
    lib["article_ru"] = article("ru.txt", "Безопасность в Центральной Азии", "b", "ru")
    entries = [
        (
            "article_en",
            "voronovich",
            "Воронович В.В. Эволюция Шанхайской организации сотрудничества // Вестник МГИМО. 2019. Т. 12. С. 45-58.",
            "Voronovich V.V. Evolyutsiya Shankhaiskoi organizatsii sotrudnichestva [The evolution of the SCO]. "
            "Vestnik MGIMO, 2019, vol. 12, pp. 45-58. [in Russian]",
            0.9,
        ),
        ("article_en", "buzan", "Buzan B., Wæver O. Regions and Powers. Cambridge: CUP, 2003. 564 p.", "", 0.95),
        (
            "article_en",
            "nato",
            "NATO. Strategic Concept 2022 [Electronic resource]. URL: https://www.nato.int/sc (accessed: 05.03.2023).",
            "",
            0.6,
        ),
        (
            "article_en",
            "doi_work",
            "Ikenberry G.J. The liberal international order and its discontents // International Affairs. 2018. "
            "doi:10.1093/ia/iiy220",
            "",
            0.85,
        ),
        ("article_ru", "buzan", "Buzan B. Regions and Powers. Cambridge University Press, 2003.", "", 0.9),
        ("article_ru", "voronovich", "Воронович В.В. Эволюция ШОС // Вестник МГИМО. 2019.", "", 0.4),
        (
            "article_ru",
            "ibrayev",
            "Ибраев С. Многовекторная внешняя политика Казахстана // Central Asia's Affairs. 2021.",
            "",
            0.7,
        ),
        (
            "article_ru",
            "review_work",
            "Alimbekov K.Zh. Eurasian integration after 2014 // Eurasian Studies. 2020.",
            "",
            0.8,
        ),
    ]
    positions: dict = {}  # type: ignore[type-arg]
    for article_key, work_key, raw, alt, confidence in entries:
        position = positions[article_key] = positions.get(article_key, 0) + 1
        lib[f"cite_{article_key}_{position}"] = Citation.objects.create(
            article=lib[article_key],
            work=lib[work_key],
            position=position,
            label=str(position),
            raw_text=raw,
            raw_text_alt=alt,
            confidence=confidence,
        )
    Mention.objects.create(
        citation=lib["cite_article_en_1"],
        marker="[1, p. 47]",
        locator="p. 47",
        sentence="The SCO evolved from a border commission into a regional organisation [1, p. 47].",
        offset=120,
    )
    for number in range(1, fillers + 1):
        filler = work(
            title=f"Filler study {number}", author=[{"family": f"Filler{number:02d}"}], issued=year(1990 + number)
        )
        Citation.objects.create(
            article=lib["article_ru"], work=filler, position=100 + number, raw_text=f"Filler study {number}."
        )
    return lib


@pytest.fixture
def web_library(db):  # type: ignore[no-untyped-def]
    return build_web_library()
