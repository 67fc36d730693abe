"""Create the "curator" group: staff who edit, merge and decide, but never delete.

The same function runs after every `migrate` (see `BibliographyConfig.ready`),
so the group exists on a fresh database without anyone remembering this
command; run it by hand to make existing users curators.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError, CommandParser

CURATOR_GROUP = "curator"
EDITABLE_MODELS = (
    "work",
    "person",
    "contributor",
    "article",
    "citation",
    "mention",
    "doimatch",
    "duplicatecandidate",
    "duplicatereview",
    "doireview",
)
VIEW_ONLY_MODELS = ("mergerecord", "doiresolution")
HISTORY_MODELS = ("work", "person", "contributor", "article", "citation", "doimatch", "duplicatecandidate")


def curator_codenames() -> list[str]:
    """Permission codenames of the group: view/add/change, never delete."""
    codenames = [f"{action}_{model}" for model in EDITABLE_MODELS for action in ("view", "add", "change")]
    codenames += [f"view_{model}" for model in VIEW_ONLY_MODELS]
    codenames += [f"view_historical{model}" for model in HISTORY_MODELS]
    return codenames


def ensure_curator_group(using: str = "default") -> Group:
    """Create the group if missing and grant it the curator permissions (idempotent).

    Permissions are added, never removed, so grants a superuser made by hand survive.
    """
    group, _ = Group.objects.using(using).get_or_create(name=CURATOR_GROUP)
    permissions = Permission.objects.using(using).filter(
        content_type__app_label="bibliography", codename__in=curator_codenames()
    )
    group.permissions.add(*permissions)
    return group


class Command(BaseCommand):
    help = 'Create the "curator" group; with --user, make those users staff curators.'

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", action="append", default=[], help="Username to make a curator (repeatable).")

    def handle(self, *args: Any, **options: Any) -> None:
        group = ensure_curator_group()
        self.stdout.write(f'Group "{group.name}" has {group.permissions.count()} permissions.')
        for username in options["user"]:
            self.make_curator(username, group)

    def make_curator(self, username: str, group: Group) -> None:
        """Staff status plus group membership: what the admin needs to let a person in."""
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        user.groups.add(group)
        self.stdout.write(f"{username} is now a curator.")
