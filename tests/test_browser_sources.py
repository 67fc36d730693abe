"""The sources pages in a real browser: Debian's chromium driven by Playwright against the live site.

The sample corpus is imported through the real importer, so these tests
see what a researcher sees after `make run`. Screenshots of the main pages
are written to docs/screenshots/ for the README.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        "Debian chromium (/usr/bin/chromium) is not installed; `make browser-deps` installs it", allow_module_level=True
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# (fixtures, assertions) would otherwise trip its async-safety guard.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from django.core.management import call_command  # noqa: E402

from bibliography.models import Article, Work  # noqa: E402

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTH = 1280
MAX_SHOT_HEIGHT = 1600


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(transactional_db: None, live_server: Any) -> str:
    """The live server with the sample corpus imported."""
    call_command("import_articles", str(ROOT / "corpus"), verbosity=0)
    assert Article.objects.count() == 5
    return str(live_server.url)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": WIDTH, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def screenshot(page: Any, name: str) -> None:
    """A 1280-wide picture of the page (cut at MAX_SHOT_HEIGHT) for the README."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_SHOT_HEIGHT)
    clip = {"x": 0, "y": 0, "width": WIDTH, "height": height}
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True, clip=clip)


def result_titles(page: Any) -> list[str]:
    return [title.strip() for title in page.locator("#results .ref-title").all_inner_texts()]


def query_of(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def wait_for_results(page: Any, action: Any) -> None:
    """Run an action that makes htmx fetch /sources/ and wait until the new results are in."""
    with page.expect_response(re.compile(r"/sources/\?")):
        action()
    page.wait_for_function("!document.querySelector('#results.htmx-request')")


def test_typing_a_query_updates_results_in_place_across_scripts(site: str, page: Any) -> None:
    page.goto(f"{site}/sources/")
    page.wait_for_function("window.htmx !== undefined")
    page.evaluate("window.__marker = 'same page'")
    wait_for_results(page, lambda: page.fill("#id_q", "Voronovich"))
    titles = result_titles(page)
    assert titles, "no result for Voronovich"
    assert any(re.search("[А-Яа-я]", title) for title in titles), titles
    assert page.evaluate("window.__marker") == "same page"
    assert query_of(page)["q"] == ["Voronovich"]
    screenshot(page, "search")


def test_filters_and_pagination_keep_the_query(site: str, page: Any) -> None:
    page.goto(f"{site}/sources/?sort=title")
    total = Work.objects.canonical().count()
    assert f"{total} sources" in page.inner_text(".result-count")
    first_page = result_titles(page)
    screenshot(page, "sources")
    wait_for_results(page, lambda: page.click(".pagination a[rel=next]"))
    assert query_of(page)["page"] == ["2"] and query_of(page)["sort"] == ["title"]
    second_page = result_titles(page)
    assert second_page and not set(first_page) & set(second_page)
    wait_for_results(page, lambda: page.select_option("#id_type", "webpage"))
    assert "page" not in query_of(page)
    assert query_of(page)["type"] == ["webpage"]
    badges = page.locator("#results .result-meta .badge:not(.badge-quiet)").all_inner_texts()
    assert badges and set(badges) == {"Web page"}


def test_open_a_source_and_follow_a_citing_article(site: str, page: Any) -> None:
    page.goto(f"{site}/sources/?q=Buzan")
    page.locator("#results .ref-title").first.click()
    page.wait_for_url(re.compile(r"/sources/\d+/$"))
    assert "Buzan" in page.inner_text(".record-authors")
    assert page.locator("#citing .citation").count() >= 1
    screenshot(page, "source_detail")
    page.locator("#citing .citation-article a").first.click()
    page.wait_for_url(re.compile(r"/articles/\d+/#ref-\d+$"))
    anchor = urlparse(page.url).fragment
    assert "Buzan" in page.inner_text(f"#{anchor}")
    assert page.locator(".reflist-item").count() >= 5


def test_download_exports_of_the_results_and_parse_them_back(site: str, page: Any, tmp_path: Path) -> None:
    page.goto(f"{site}/sources/?q=SCO")
    count = int(page.inner_text(".result-count strong"))
    assert count > 1
    with page.expect_download() as info:
        page.click(".export-buttons a:text('CSL-JSON')")
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    items = json.loads(path.read_text(encoding="utf-8"))
    assert info.value.suggested_filename == "sources.json"
    assert len(items) == count
    assert all(Work.objects.filter(pk=int(item["id"]), merged_into__isnull=True).exists() for item in items)
    with page.expect_download() as info:
        page.click(".export-buttons a:text('BibTeX')")
    import bibtexparser

    bib_path = tmp_path / info.value.suggested_filename
    info.value.save_as(bib_path)
    assert len(bibtexparser.parse_string(bib_path.read_text(encoding="utf-8")).entries) == count


def test_article_pages_and_their_export(site: str, page: Any, tmp_path: Path) -> None:
    page.goto(f"{site}/articles/")
    assert page.locator("table.listing tbody tr").count() == 5
    screenshot(page, "articles")
    article = Article.objects.order_by("-citations__position").first()
    assert article is not None
    page.goto(f"{site}/articles/{article.pk}/")
    screenshot(page, "article_detail")
    with page.expect_download() as info:
        page.click(".export-buttons a:text('CSL-JSON')")
    path = tmp_path / "article.json"
    info.value.save_as(path)
    ids = [int(item["id"]) for item in json.loads(path.read_text(encoding="utf-8"))]
    assert ids and len(ids) == len(set(ids))
    assert len(ids) <= page.locator(".reflist-item").count()


def test_search_works_without_javascript(site: str, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": WIDTH, "height": 900})
    page = context.new_page()
    page.goto(f"{site}/sources/")
    page.fill("#id_q", "Воронович")
    page.click(".search-bar button[type=submit]")
    page.wait_for_url(re.compile(r"q=%D0%92"))
    assert result_titles(page)
    context.close()
