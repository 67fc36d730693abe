"""Public pages of the library."""

from django.urls import path

from bibliography import views

app_name = "bibliography"

urlpatterns = [
    path("", views.home, name="home"),
]
