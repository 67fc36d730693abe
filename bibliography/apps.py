from django.apps import AppConfig


class BibliographyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "bibliography"
