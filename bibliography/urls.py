"""Public pages of the library."""

from django.urls import path

from bibliography import views

app_name = "bibliography"

urlpatterns = [
    path("", views.home, name="home"),
    path("sources/", views.sources, name="sources"),
    path("sources.json", views.sources_json, name="sources_json"),
    path("sources/export.<str:suffix>", views.sources_export, name="sources_export"),
    path("sources/<int:pk>/", views.source_detail, name="source_detail"),
    path("articles/", views.articles, name="articles"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path("articles/<int:pk>/export.<str:suffix>", views.article_export, name="article_export"),
]
