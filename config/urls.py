"""Root URLs: the public read-only site and the curators' admin."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Citation library — curation"
admin.site.site_title = "Citation library"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("bibliography.urls")),
]
