"""Validated matching and enrichment, resolving real records' renderings through the loopback server."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from bibliography.crossref.client import CrossrefClient
from bibliography.crossref.resolve import accept_match, extract_dois, reject_match, resolve_work
from bibliography.crossref.synthetic import STYLES, parsed_item, render
from bibliography.crossref.validation import ACCEPTED, REJECTED, Reference, bibliographic_query, validate
from bibliography.csl import create_work_from_csl
from bibliography.models import Article, Citation, DoiMatch, DoiResolution, DuplicateCandidate, MatchStatus, Work

ENGINEERING = [
    "10.1016/j.eng.2017.01.014",
    "10.1016/j.eng.2020.05.003",
    "10.1016/j.eng.2018.03.005",
    "10.1016/j.eng.2019.03.004",
    "10.1016/j.eng.2016.04.008",
    "10.1016/j.eng.2018.05.004",
]
CANVAS_2003 = "10.1016/b978-155860802-3/50012-0"
CANVAS_2012 = "10.1016/b978-0-12-384717-1.00012-9"
IDL_CHAPTER = "10.1016/b978-155860700-2.50014-8"

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(crossref_records: list[dict]) -> dict[str, dict]:
    return {record["DOI"].lower(): record for record in crossref_records}


def cite(item: dict[str, Any], raw: str, raw_alt: str = "") -> Work:
    """A cited work as an import leaves it: fields from the parser, the entry as printed."""
    work = create_work_from_csl(item)
    citing = Work.objects.create(title="A citing article")
    digest = hashlib.sha256(raw.encode()).hexdigest()
    article = Article.objects.create(work=citing, file_name=f"{digest[:8]}.md", sha256=digest)
    Citation.objects.create(article=article, work=work, position=1, raw_text=raw, raw_text_alt=raw_alt, parsed=item)
    return work


def statuses(work: Work) -> dict[str, str]:
    return dict(work.doi_matches.values_list("doi", "status"))


@pytest.mark.parametrize("style", STYLES)
def test_references_rendered_from_real_records_are_accepted(
    crossref_client: CrossrefClient, records: dict[str, dict], style: str
) -> None:
    for doi in ENGINEERING[:3]:
        item = parsed_item(records[doi])
        work = cite(item, render(item, style))
        match = resolve_work(work, crossref_client)
        work.refresh_from_db()
        assert match is not None and match.doi == doi
        assert work.doi == doi
        assert work.doi_resolution.outcome == "accepted"


def test_every_candidate_is_stored_with_its_evidence(crossref_client: CrossrefClient, records: dict) -> None:
    item = parsed_item(records[ENGINEERING[3]])
    work = cite(item, render(item, "apa"))
    resolve_work(work, crossref_client)
    matches = list(work.doi_matches.all())
    assert len(matches) == 5
    accepted = [match for match in matches if match.status == MatchStatus.ACCEPTED]
    assert [match.doi for match in accepted] == [ENGINEERING[3]]
    assert accepted[0].evidence["title"] == 1.0 and accepted[0].evidence["page"] == "match"
    assert accepted[0].crossref_score > 0 and accepted[0].record["DOI"].lower() == ENGINEERING[3]
    assert all(match.evidence["conflicts"] for match in matches if match.status == MatchStatus.REJECTED)


def test_same_title_other_year_is_rejected(crossref_client: CrossrefClient, records: dict) -> None:
    item = parsed_item(records[CANVAS_2003])
    work = cite(item, render(item, "gost"))
    resolve_work(work, crossref_client)
    found = statuses(work)
    assert found[CANVAS_2003] == ACCEPTED
    assert found[CANVAS_2012] == REJECTED
    assert "year" in DoiMatch.objects.get(work=work, doi=CANVAS_2012).evidence["conflicts"]


def test_real_title_with_a_year_three_off_gets_no_doi(crossref_client: CrossrefClient, records: dict) -> None:
    item = parsed_item(records[ENGINEERING[4]])
    item["issued"] = {"date-parts": [[2016 + 3]]}
    work = cite(item, render(item, "vancouver"))
    assert resolve_work(work, crossref_client) is None
    assert statuses(work)[ENGINEERING[4]] == REJECTED
    work.refresh_from_db()
    assert work.doi is None


def test_same_journal_other_pages_is_rejected(crossref_client: CrossrefClient, records: dict) -> None:
    item = parsed_item(records[ENGINEERING[5]])
    item["page"] = "1201-1210"
    work = cite(item, render(item, "apa"))
    assert resolve_work(work, crossref_client) is None
    match = DoiMatch.objects.get(work=work, doi=ENGINEERING[5])
    assert match.status == REJECTED and "page" in match.evidence["conflicts"]


def test_the_book_is_not_matched_to_one_of_its_chapters(crossref_client: CrossrefClient, records: dict) -> None:
    chapter = records[IDL_CHAPTER]
    book = {
        "type": "book",
        "title": chapter["container-title"][0],
        "publisher": chapter["publisher"],
        "issued": {"date-parts": [[2002]]},
    }
    work = cite(book, f"{book['title']}. {book['publisher']}, 2002. 520 p.")
    assert resolve_work(work, crossref_client) is None
    assert MatchStatus.ACCEPTED not in statuses(work).values()
    assert work.doi_resolution.outcome == "none"


def test_the_chapter_itself_is_matched(crossref_client: CrossrefClient, records: dict) -> None:
    item = parsed_item(records[IDL_CHAPTER])
    item["author"] = [{"family": "Gumley", "given": "L."}]
    work = cite(item, render(item, "gost"))
    match = resolve_work(work, crossref_client)
    assert match is not None and match.doi == IDL_CHAPTER


def test_unknown_russian_reference_ends_without_doi(crossref_client: CrossrefClient) -> None:
    raw = "Смирнов В.П. Теория виджетов в информационных системах // Информатика. – 2011. – № 7. – С. 5–9."
    item = {
        "type": "article-journal",
        "title": "Теория виджетов в информационных системах",
        "author": [{"family": "Смирнов", "given": "В.П."}],
        "container-title": "Информатика",
        "issued": {"date-parts": [[2011]]},
        "issue": "7",
        "page": "5-9",
    }
    alt = "Smirnov V.P. Teoriya vidzhetov v informatsionnykh sistemakh [Widget theory]. Informatika, 2011, no. 7."
    work = cite(item, raw, alt)
    assert resolve_work(work, crossref_client) is None
    resolution = DoiResolution.objects.get(work=work)
    assert resolution.outcome == "none" and resolution.query == alt
    assert Work.objects.get(pk=work.pk).doi is None


def test_printed_doi_is_verified_before_it_is_accepted(
    crossref_client: CrossrefClient, crossref_server: Any, records: dict
) -> None:
    item = parsed_item(records[ENGINEERING[0]])
    work = cite(item, f"{render(item, 'apa')} https://doi.org/{ENGINEERING[0]}")
    match = resolve_work(work, crossref_client)
    assert match is not None and match.evidence["printed_doi"] is True
    assert [entry.path for entry in crossref_server.log] == ["/works"]
    assert "filter" in crossref_server.log[0].params


def test_wrong_printed_doi_is_rejected_and_the_right_one_found(crossref_client: CrossrefClient, records: dict) -> None:
    item = parsed_item(records[ENGINEERING[1]])
    work = cite({**item, "DOI": ENGINEERING[2]}, f"{render(item, 'apa')} doi:{ENGINEERING[2]}")
    match = resolve_work(work, crossref_client)
    work.refresh_from_db()
    assert match is not None and match.doi == ENGINEERING[1]
    assert statuses(work)[ENGINEERING[2]] == REJECTED
    assert work.doi == ENGINEERING[1]


def test_enrichment_fills_only_empty_uncurated_fields(crossref_client: CrossrefClient, records: dict) -> None:
    record = records[ENGINEERING[0]]
    item = parsed_item(record)
    sparse = {key: item[key] for key in ("title", "author", "issued", "volume")}
    work = cite({**sparse, "type": "article"}, render(item, "apa"))
    Work.objects.filter(pk=work.pk).update(curated_fields=["issue"], publisher="Curated Press")
    resolve_work(work, crossref_client)
    work.refresh_from_db()
    assert work.doi == ENGINEERING[0]
    assert (work.container_title, work.page, work.type) == ("Engineering", "36-54", "article-journal")
    assert work.issue == ""
    assert work.publisher == "Curated Press"
    assert work.issn
    assert "Crossref" in work.history.first().history_change_reason


def test_doi_held_by_another_work_is_recorded_as_a_duplicate(crossref_client: CrossrefClient, records: dict) -> None:
    item = parsed_item(records[ENGINEERING[2]])
    first = cite(item, render(item, "apa"))
    second = cite(item, render(item, "vancouver"))
    resolve_work(first, crossref_client)
    match = resolve_work(second, crossref_client)
    second.refresh_from_db()
    assert match is not None and match.evidence["duplicate_of"] == first.pk
    assert second.doi is None
    assert DuplicateCandidate.objects.filter(work_a=first, work_b=second).exists()


def test_person_decisions_are_kept_by_later_runs(
    crossref_client: CrossrefClient, records: dict, admin_user: Any
) -> None:
    item = parsed_item(records[ENGINEERING[3]])
    work = cite(item, render(item, "apa"))
    match = resolve_work(work, crossref_client)
    assert match is not None
    reject_match(match, user=admin_user)
    work.refresh_from_db()
    assert work.doi is None
    assert resolve_work(work, crossref_client) is None
    match.refresh_from_db()
    assert match.status == REJECTED and match.decided_by_person
    accept_match(match, user=admin_user)
    work.refresh_from_db()
    assert work.doi == ENGINEERING[3]
    assert match.history.first().history_user == admin_user


def test_first_author_matches_across_scripts(records: dict) -> None:
    record = {**records[ENGINEERING[0]], "author": [{"family": "Ivanov", "given": "A."}]}
    item = {**parsed_item(record), "author": [{"family": "Иванов", "given": "А."}]}
    verdict = validate(Reference.from_csl(item), record)
    assert verdict.evidence["author"] == "match"
    assert verdict.status == ACCEPTED


def test_parser_that_returned_the_whole_string_falls_back_to_the_printed_text(records: dict) -> None:
    record = records[ENGINEERING[1]]
    raw = render(parsed_item(record), "gost")
    verdict = validate(Reference.from_csl({"type": "article", "title": raw}, raw), record)
    assert verdict.status == ACCEPTED
    assert verdict.evidence["author"] == "match" and verdict.evidence["page"] == "match"


def test_printed_dois_are_cut_cleanly_from_text() -> None:
    text = "Env. Int. 1981. (doi: 10.1016/0160-4120(81)90073-8). See also https://doi.org/10.1000/ABC.def."
    assert extract_dois(text) == ["10.1016/0160-4120(81)90073-8", "10.1000/abc.def"]


def test_cyrillic_entries_are_queried_by_their_romanized_twin() -> None:
    assert bibliographic_query("Иванов А. Тема // Журнал. 2020.", "Ivanov A. Tema. Zhurnal, 2020.").startswith("Ivanov")
    assert bibliographic_query("Ivanov A. Topic. Journal, 2020.", "") == "Ivanov A. Topic. Journal, 2020."


def test_title_the_parser_cut_wrongly_is_read_from_the_printed_string(records: dict) -> None:
    record = records[ENGINEERING[2]]
    raw = render(parsed_item(record), "vancouver")
    item = {**parsed_item(record), "title": "Morris J, Yang Q"}
    verdict = validate(Reference.from_csl(item, raw), record)
    assert verdict.evidence["title_source"] == "printed"
    assert verdict.status == ACCEPTED


def test_book_title_standing_after_the_double_slash_does_not_match_the_book(records: dict) -> None:
    chapter = records[IDL_CHAPTER]
    book = {
        "DOI": "10.5555/practical-idl",
        "type": "book",
        "title": chapter["container-title"],
        "author": [{"family": "Gumley", "given": "Liam E."}],
        "issued": {"date-parts": [[2002]]},
        "publisher": chapter["publisher"],
    }
    raw = f"Gumley L.E. Widget Properties // {chapter['container-title'][0]}. – 2002. – P. 483–486."
    for item in ({"type": "article", "title": raw}, {"type": "chapter", "title": "Widget Properties"}):
        verdict = validate(Reference.from_csl({**item, "issued": {"date-parts": [[2002]]}}, raw), book)
        assert verdict.status == REJECTED, verdict.evidence
