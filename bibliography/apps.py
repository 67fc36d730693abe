from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def create_curator_group(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """Keep the "curator" group in step with the models after every migrate."""
    from bibliography.management.commands.setup_curators import ensure_curator_group

    ensure_curator_group(using=using)


class BibliographyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "bibliography"

    def ready(self) -> None:
        post_migrate.connect(create_curator_group, sender=self, dispatch_uid="bibliography_curator_group")
