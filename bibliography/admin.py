"""Minimal admin registrations; the curation workbench grows from here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from bibliography.models import (
    Article,
    Citation,
    Contributor,
    DoiMatch,
    DuplicateCandidate,
    Mention,
    MergeRecord,
    Person,
    Work,
)


@admin.register(Work)
class WorkAdmin(SimpleHistoryAdmin):
    list_display = ["id", "type", "title", "issued_year", "container_title", "doi"]
    list_filter = ["type", "language"]
    search_fields = ["title", "search_text"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["family", "given", "literal"]
    search_fields = ["family", "given", "literal", "name_key"]


for model in (Contributor, Article, Citation, Mention, DoiMatch, DuplicateCandidate, MergeRecord):
    admin.site.register(model)
