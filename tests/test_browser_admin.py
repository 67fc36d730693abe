"""The review queues and the merge confirmation, driven in Debian's chromium.

Screenshots land in docs/screenshots/admin_*.png for the README and for a
person to look at: the tests check behaviour, the pictures check layout.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.db import connections

from bibliography.models import Article, Citation, Decision, DoiMatch, DuplicateCandidate, Work

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium (/usr/bin/chromium) is not installed"),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


@pytest.fixture
def page(live_server: Any, transactional_db: None) -> Iterator[Any]:
    """A chromium page logged into the admin as a curator.

    Code inside Playwright's sync context gets its own database connection (its greenlet has
    its own context); it is closed here, or PostgreSQL refuses to drop the test database.
    """
    sync_api = pytest.importorskip("playwright.sync_api")
    user = User.objects.create_user("curator", password="curator-pw", is_staff=True)
    user.groups.add(Group.objects.get(name="curator"))
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", "curator")
        page.fill("#id_password", "curator-pw")
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")
        page.base = live_server.url
        yield page
        browser.close()
        connections.close_all()


def work(title: str, family: str, **fields: Any) -> Work:
    from bibliography.csl import create_work_from_csl

    item = {"type": "article-journal", "title": title, "author": [{"family": family, "given": "V.V."}], **fields}
    return create_work_from_csl(item)


def cite(cited: Work, text: str, position: int = 1) -> None:
    article = Article.objects.first() or Article.objects.create(
        work=work("Citing article", "Editor"), file_name="citing.txt", sha256="e" * 64
    )
    Citation.objects.create(article=article, work=cited, position=position, raw_text=text, confidence=0.8)


def shoot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def test_duplicate_queue_not_a_duplicate_in_one_click(page: Any) -> None:
    a = work("Эволюция Шанхайской организации сотрудничества", "Воронович", **{"container-title": "Полис"})
    b = work("Evolyutsiya Shankhaiskoi organizatsii sotrudnichestva", "Voronovich", **{"container-title": "Polis"})
    cite(b, "Voronovich V.V. Evolyutsiya Shankhaiskoi organizatsii sotrudnichestva // Polis. 2013. No. 2.")
    candidate = DuplicateCandidate.objects.create(
        work_a=a, work_b=b, score=0.78, evidence={"title_skeleton": 1.0, "author": "voronovic", "year": "missing"}
    )
    page.goto(f"{page.base}/admin/bibliography/duplicatereview/")
    card = page.locator(f"#candidate-{candidate.pk}")
    assert "Evolyutsiya Shankhaiskoi" in card.inner_text()
    assert card.locator("tr.variant").count() >= 3  # title, authors, container: same but for the script
    shoot(page, "admin_duplicate_queue.png")
    card.get_by_role("button", name="Not a duplicate").click()
    page.wait_for_selector(".messagelist .success")
    assert "remembered as different works" in page.inner_text(".messagelist")
    candidate.refresh_from_db()
    assert candidate.decision == Decision.NOT_DUPLICATE


def test_duplicate_queue_merge_in_one_click(page: Any) -> None:
    a = work("Regional security complexes", "Buzan")
    b = work("Regional security complexes.", "Buzan", volume="3")
    candidate = DuplicateCandidate.objects.create(work_a=a, work_b=b, score=0.95, evidence={"title": 0.99})
    page.goto(f"{page.base}/admin/bibliography/duplicatereview/")
    page.locator(f"#candidate-{candidate.pk} button.default").click()
    page.wait_for_selector(".messagelist .success")
    assert "Merged" in page.inner_text(".messagelist")
    assert Work.objects.filter(merged_into__isnull=False).count() == 1
    assert "Nothing waiting for review" in page.inner_text("#content-main")


def test_doi_queue_accept(page: Any) -> None:
    cited = work("People, states and fear", "Buzan", issued={"date-parts": [[1983]]})
    cite(cited, "Buzan B. People, States and Fear. Brighton: Wheatsheaf Books, 1983. 262 p.", position=2)
    record: dict[str, Any] = {
        "DOI": "10.4324/9781003060031",
        "type": "book",
        "title": ["People, States and Fear: The National Security Problem in International Relations"],
        "author": [{"family": "Buzan", "given": "Barry"}],
        "publisher": "Routledge",
        "issued": {"date-parts": [[2016]]},
    }
    match = DoiMatch.objects.create(
        work=cited,
        doi=record["DOI"],
        score=0.62,
        crossref_score=48.2,
        evidence={"title": 0.71, "author": True, "year": "1983 vs 2016 (reprint?)"},
        record=record,
    )
    page.goto(f"{page.base}/admin/bibliography/doireview/")
    card = page.locator(f"#match-{match.pk}")
    assert "Wheatsheaf Books" in card.inner_text() and "Routledge" in card.inner_text()
    shoot(page, "admin_doi_queue.png")
    card.get_by_role("button", name="Accept DOI").click()
    page.wait_for_selector(".messagelist .success")
    cited.refresh_from_db()
    assert cited.doi == "10.4324/9781003060031"


def test_merge_confirmation_from_the_work_list(page: Any) -> None:
    first = work(
        "Theory of International Politics", "Waltz", issued={"date-parts": [[1979]]}, publisher="Addison-Wesley"
    )
    second = work("Theory of international politics", "Waltz", issued={"date-parts": [[2010]]}, page="251")
    cite(second, "Waltz K.N. Theory of international politics. Long Grove: Waveland Press, 2010. 251 p.")
    work("Something unrelated", "Other")
    page.goto(f"{page.base}/admin/bibliography/work/?q=Waltz")
    shoot(page, "admin_work_list.png")
    for w in (first, second):
        page.check(f"input.action-select[value='{w.pk}']")
    page.select_option("select[name=action]", "merge_works")
    page.click("button[name=index]")
    page.wait_for_selector("#merge-form")
    assert page.is_checked(f"input[name=canonical][value='{second.pk}']")  # the cited one is suggested
    assert page.locator("#merge-form tr.conflict").count() == 1  # the year; the titles differ only in case
    shoot(page, "admin_merge_confirmation.png")
    page.check(f"input[name=canonical][value='{first.pk}']")
    page.fill("#merge-reason", "same book, later edition")
    page.click("#merge-form input[type=submit]")
    page.wait_for_selector(".messagelist .success")
    second.refresh_from_db()
    assert second.merged_into_id == first.pk
