from django.apps import AppConfig


class CorpusImportConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "corpus_import"
