"""Merging two works into one, and undoing it: used by the pipeline, the admin and the command.

A merge loses nothing: the canonical work only gains values for its empty
fields (never for curated ones); a conflicting value stays on the merged work
and in the `MergeRecord` snapshot. Citations, contributors, DOI matches,
duplicate candidates and an imported article move to the canonical work; the
merged work stays in the table with `merged_into` set so its id (and old URL)
still resolve. Every row the merge touches is listed in the snapshot, which is
what makes `undo_merge` exact.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from bibliography.csl import refresh_matching_keys
from bibliography.dedup.blocking import index_keys
from bibliography.dedup.bulk import record_changes, update_where
from bibliography.dedup.scoring import names_match
from bibliography.dedup.store import (
    add_keys,
    chunked,
    citations_of,
    contributors_with_people,
    locked_works,
    move_keys,
    record_of,
    refresh_keys,
)
from bibliography.lib.skeleton import name_skeleton
from bibliography.models import (
    BIBLIOGRAPHIC_FIELDS,
    Article,
    Citation,
    Contributor,
    Decision,
    DoiMatch,
    DuplicateCandidate,
    MergeRecord,
    Work,
)

FILLABLE_FIELDS = BIBLIOGRAPHIC_FIELDS
COMPARED_ONLY = ("type",)
KEY_FIELDS = ("title_key", "author_key", "search_text")
EMPTY = (None, "")


def to_json(value: Any) -> Any:
    """Field value as stored in the snapshot."""
    return value.isoformat() if isinstance(value, dt.date) else value


def from_json(field: str, value: Any) -> Any:
    """Field value back from the snapshot."""
    return dt.date.fromisoformat(value) if field == "accessed" and value else value


def save_with_reason(instance: Any, reason: str, user: Any = None) -> None:
    """Save so that simple_history records who did it and why."""
    instance._change_reason = reason[:100]
    if user is not None:
        instance._history_user = user
    instance.save()


def fill_fields(work: Work, canonical: Work) -> tuple[dict[str, Any], dict[str, Any]]:
    """Fill the canonical work's empty, uncurated fields; return (previous values, conflicts)."""
    filled, conflicts = {}, {}
    curated = set(canonical.curated_fields or [])
    for field in FILLABLE_FIELDS + COMPARED_ONLY:
        mine, theirs = getattr(canonical, field), getattr(work, field)
        if theirs in EMPTY or mine == theirs:
            continue
        if mine in EMPTY and field not in curated and field not in COMPARED_ONLY:
            filled[field] = to_json(mine)
            setattr(canonical, field, theirs)
        else:
            conflicts[field] = {"canonical": to_json(mine), "merged": to_json(theirs)}
    return filled, conflicts


def same_person(a: Contributor, b: Contributor) -> bool:
    """One person named twice (any script; initials must not contradict)."""
    key_a = a.person.name_key or name_skeleton(a.person.display_name())
    key_b = b.person.name_key or name_skeleton(b.person.display_name())
    if not names_match(key_a, key_b):
        return False
    initial_a, initial_b = name_skeleton(a.person.given)[:1], name_skeleton(b.person.given)[:1]
    return not (initial_a and initial_b and initial_a != initial_b)


def move_contributors(work: Work, canonical: Work) -> tuple[list[dict[str, int]], dict[str, Any]]:
    """Move the merged work's names that the canonical lacks; keep the rest where they are."""
    theirs = list(work.contributors.select_related("person").order_by("role", "position"))
    mine = list(canonical.contributors.select_related("person").order_by("role", "position"))
    movers, moved, conflicts = plan_contributors(theirs, mine, canonical)
    for contributor in movers:
        contributor.save()
    return moved, conflicts


def plan_contributors(
    theirs_all: list[Contributor], mine_all: list[Contributor], canonical: Work
) -> tuple[list[Contributor], list[dict[str, int]], dict[str, Any]]:
    """Re-point (unsaved) the merged work's names that the canonical lacks; return them, the snapshot, conflicts.

    Names are appended only when the two lists share a person (or the canonical has none in that
    role), so an unrelated author list is recorded as a conflict instead of being grafted on.
    `mine_all` gains the moved names, so that a second merge into the same work sees them.
    """
    movers, moved, conflicts = [], [], {}
    for role in sorted({c.role for c in theirs_all}):
        mine = sorted((c for c in mine_all if c.role == role), key=lambda c: c.position)
        theirs = [c for c in theirs_all if c.role == role]
        missing = [c for c in theirs if not any(same_person(c, m) for m in mine)]
        if mine and len(missing) == len(theirs):
            conflicts[f"contributors:{role}"] = [c.person.display_name(full=True) for c in theirs]
            continue
        next_position = max((m.position for m in mine), default=-1) + 1
        for offset, contributor in enumerate(missing):
            moved.append({"id": contributor.pk, "position": contributor.position})
            contributor.work = canonical
            contributor.position = next_position + offset
            movers.append(contributor)
            mine_all.append(contributor)
    return movers, moved, conflicts


def move_citations(work: Work, canonical: Work, reason: str, user: Any) -> list[int]:
    """Point the merged work's citations at the canonical work."""
    moved = []
    for citation in Citation.objects.filter(work=work):
        citation.work = canonical
        save_with_reason(citation, reason, user)
        moved.append(citation.pk)
    return moved


def move_doi_matches(work: Work, canonical: Work) -> list[int]:
    """Move Crossref candidates, except a DOI the canonical work already has a match for."""
    taken = set(canonical.doi_matches.values_list("doi", flat=True))
    moved = []
    for match in DoiMatch.objects.filter(work=work).exclude(doi__in=taken):
        match.work = canonical
        match.save()
        moved.append(match.pk)
    return moved


def move_candidates(work: Work, canonical: Work, reason: str, user: Any) -> list[dict[str, Any]]:
    """Re-point duplicate candidates at the canonical work; the merged pair itself is decided."""
    moved = []
    for candidate in DuplicateCandidate.objects.filter(Q(work_a=work) | Q(work_b=work)):
        before = {
            "id": candidate.pk,
            "work_a": candidate.work_a_id,
            "work_b": candidate.work_b_id,
            "decision": candidate.decision,
            "decided_at": to_json(candidate.decided_at),
        }
        other = candidate.work_b_id if candidate.work_a_id == work.pk else candidate.work_a_id
        if other == canonical.pk:
            candidate.decision, candidate.decided_at = Decision.MERGED, timezone.now()
        else:
            low, high = sorted((other, canonical.pk))
            if DuplicateCandidate.objects.filter(work_a=low, work_b=high).exists():
                continue
            candidate.work_a_id, candidate.work_b_id = low, high
        save_with_reason(candidate, reason, user)
        moved.append(before)
    return moved


def move_article(work: Work, canonical: Work) -> int | None:
    """An imported article follows its work when the canonical work has none."""
    article = Article.objects.filter(work=work).first()
    if article is None:
        return None
    if Article.objects.filter(work=canonical).exists():
        raise ValueError("both works are imported articles; they cannot be merged")
    article.work = canonical
    article.save()
    return article.pk


def lock(work: Work) -> Work:
    """A fresh, row-locked copy of a work."""
    return Work.objects.select_for_update().get(pk=work.pk)


@transaction.atomic
def merge_into(work: Work, canonical: Work, *, reason: str, user: Any = None) -> MergeRecord:
    """Merge `work` into `canonical` (or into what `canonical` was merged into) and record it.

    Steps: 1. mark the merged work (first, so that its DOI may move to the canonical one);
    2. fill the canonical's empty fields; 3. move citations, contributors, DOI matches,
    candidates and the article; 4. refresh matching keys; 5. write the MergeRecord.
    """
    canonical, work = lock(canonical.canonical_work()), lock(work)
    if canonical.pk == work.pk or work.merged_into_id is not None:
        raise ValueError(f"work {work.pk} cannot be merged into {canonical.pk}")
    text = f"merged into {canonical.pk}: {reason}"
    article = move_article(work, canonical)
    work.merged_into = canonical
    save_with_reason(work, text, user)
    filled, conflicts = fill_fields(work, canonical)
    contributors, name_conflicts = move_contributors(work, canonical)
    keys_before = {field: getattr(canonical, field) for field in KEY_FIELDS}
    refresh_matching_keys(canonical)
    save_with_reason(canonical, f"absorbed {work.pk}: {reason}", user)
    snapshot = {
        "filled": filled,
        "conflicts": conflicts | name_conflicts,
        "keys": keys_before,
        "citations": move_citations(work, canonical, text, user),
        "contributors": contributors,
        "doi_matches": move_doi_matches(work, canonical),
        "candidates": move_candidates(work, canonical, text, user),
        "article": article,
        "user": getattr(user, "pk", None),
    }
    move_keys({work.pk: canonical.pk}, ((canonical.pk, key) for key in index_keys(record_of(canonical))))
    return MergeRecord.objects.create(canonical=canonical, merged=work, reason=reason[:255], snapshot=snapshot)


@dataclass
class FreshMerge:
    """One automatic merge of a work that the running import has just created (see `merge_fresh`)."""

    work: int
    canonical: int
    reason: str
    score: float
    evidence: dict[str, Any]
    keys: frozenset[str] = frozenset()  # filed under the canonical work


def fresh_work_ids(ids: Iterable[int]) -> set[int]:
    """The works among `ids` that `merge_fresh` may take: canonical, with no article, DOI match,
    duplicate candidate or merge history of their own (what an import has just created)."""
    quote = connection.ops.quote_name
    busy = [
        (Work, "id", "merged_into_id IS NOT NULL"),
        (Work, "merged_into_id", ""),
        (Article, "work_id", ""),
        (DoiMatch, "work_id", ""),
        (MergeRecord, "canonical_id", ""),
        (DuplicateCandidate, "work_a_id", ""),
        (DuplicateCandidate, "work_b_id", ""),
    ]
    fresh: set[int] = set()
    for chunk in chunked(set(ids)):
        marks = ", ".join(["%s"] * len(chunk))
        sql = " UNION ".join(
            f"SELECT {quote(column)} FROM {quote(model._meta.db_table)} WHERE {quote(column)} IN ({marks})"
            + (f" AND {condition}" if condition else "")
            for model, column, condition in busy
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, chunk * len(busy))
            fresh |= set(chunk) - {row[0] for row in cursor.fetchall()}
    return fresh


@transaction.atomic
def merge_fresh(plans: Sequence[FreshMerge], user: Any = None) -> list[MergeRecord]:
    """`merge_into` for works an import has just created, a batch at a time, set-based.

    Each plan ends as `merge_into` would leave it (empty fields filled, missing names moved,
    citations moved, the decided candidate pair, history records with the reason, a MergeRecord
    that `undo_merge` reverses, keys handed over), in a fixed number of statements per batch
    instead of per merge. The caller guarantees what makes that safe: merged works pass
    `fresh_work_ids`, every canonical work appears once and is merged in no plan of the batch,
    and a merged work holds no keys of its own yet: each plan's `keys` (the merged work's and the
    canonical work's) are filed under the canonical work.
    """
    if not plans:
        return []
    works = locked_works([p.work for p in plans] + [p.canonical for p in plans])
    names = contributors_with_people(list(works))
    snapshots = [plan_fresh_merge(plan, works, names, user) for plan in plans]
    update_where(Work, "id", "merged_into_id", {p.work: p.canonical for p in plans}, updated_at=timezone.now())
    reasons = {plan.work: f"merged into {plan.canonical}: {plan.reason}" for plan in plans}
    changed = [plan for plan, snapshot in zip(plans, snapshots, strict=True) if snapshot["filled"] or snapshot["moved"]]
    reasons |= {p.canonical: f"absorbed {p.work}: {p.reason}" for p in plans if p not in changed}
    record_changes(Work, reasons, user)
    movers = [c for plan in changed for c in names[plan.canonical] if getattr(c, "_change_reason", "")]
    bulk_update_logged(movers, ["work", "position"], user)
    for plan in changed:
        refresh_matching_keys(works[plan.canonical])
        save_with_reason(works[plan.canonical], f"absorbed {plan.work}: {plan.reason}", user)
    cited = move_fresh_citations(plans, user)
    records = []
    for plan, snapshot, pair in zip(plans, snapshots, decided_pairs(plans, user), strict=True):
        del snapshot["moved"]
        snapshot["citations"] = cited.get(plan.work, [])
        snapshot["candidates"] = [
            {"id": pair.pk, "work_a": pair.work_a_id, "work_b": pair.work_b_id, "decision": Decision.PENDING.value}
            | {"decided_at": None}
        ]
        records.append(
            MergeRecord(canonical_id=plan.canonical, merged_id=plan.work, reason=plan.reason[:255], snapshot=snapshot)
        )
    add_keys((plan.canonical, key) for plan in plans for key in plan.keys)
    return MergeRecord.objects.bulk_create(records)


def plan_fresh_merge(
    plan: FreshMerge, works: dict[int, Work], names: dict[int, list[Contributor]], user: Any
) -> dict[str, Any]:
    """Fill the canonical work (in memory) and re-point the names it lacks; the MergeRecord snapshot so far.

    The snapshot's transient `moved` says whether names moved (they carry a `_change_reason`).
    """
    work, canonical = works[plan.work], works[plan.canonical]
    if canonical.merged_into_id is not None or work.merged_into_id is not None:
        raise ValueError(f"work {work.pk} cannot be merged into {canonical.pk}")
    filled, conflicts = fill_fields(work, canonical)
    moving, moved, name_conflicts = plan_contributors(names[work.pk], names[canonical.pk], canonical)
    for contributor in moving:
        contributor._change_reason = f"merged into {canonical.pk}: {plan.reason}"  # type: ignore[attr-defined]
    return {
        "filled": filled,
        "conflicts": conflicts | name_conflicts,
        "keys": {field: getattr(canonical, field) for field in KEY_FIELDS},
        "contributors": moved,
        "doi_matches": [],
        "article": None,
        "user": getattr(user, "pk", None),
        "moved": bool(moving),
    }


def bulk_update_logged(objs: Sequence[Contributor], fields: list[str], user: Any) -> None:
    """`bulk_update` plus one history record per object, with its `_change_reason`."""
    if objs:
        Contributor.objects.bulk_update(objs, fields)
        record_changes(Contributor, {obj.pk: getattr(obj, "_change_reason", "") for obj in objs}, user)


def move_fresh_citations(plans: Sequence[FreshMerge], user: Any) -> dict[int, list[int]]:
    """Point the merged works' citations at their canonical works; citation ids by merged work."""
    target = {plan.work: plan for plan in plans}
    rows = citations_of(list(target))
    moved: dict[int, list[int]] = defaultdict(list)
    reasons = {}
    for pk, work_id in rows:
        moved[work_id].append(pk)
        reasons[pk] = f"merged into {target[work_id].canonical}: {target[work_id].reason}"
    update_where(Citation, "work_id", "work_id", {plan.work: plan.canonical for plan in plans})
    record_changes(Citation, reasons, user)
    return moved


def decided_pairs(plans: Sequence[FreshMerge], user: Any) -> list[DuplicateCandidate]:
    """The merged pairs as decided candidates, with the evidence that merged them."""
    now = timezone.now()
    pairs = []
    for plan in plans:
        low, high = sorted((plan.work, plan.canonical))
        pairs.append(
            DuplicateCandidate(
                work_a_id=low,
                work_b_id=high,
                score=plan.score,
                evidence=plan.evidence,
                decision=Decision.MERGED,
                decided_at=now,
            )
        )
    pairs = DuplicateCandidate.objects.bulk_create(pairs)
    reasons = {pair.pk: f"merged into {plan.canonical}: {plan.reason}" for pair, plan in zip(pairs, plans, strict=True)}
    record_changes(DuplicateCandidate, reasons, user, kind="+")
    return pairs


@transaction.atomic
def undo_merge(record: MergeRecord, user: Any = None, keep_apart: bool = True) -> None:
    """Restore both works exactly as they were before `record`'s merge.

    With `keep_apart` the pair is then remembered as "not a duplicate", so that the next
    automatic run does not merge again what a person has just separated.
    """
    if record.undone_at is not None:
        raise ValueError(f"merge {record.pk} was already undone")
    canonical, work = lock(record.canonical), lock(record.merged)
    snapshot, reason = record.snapshot, f"undo of merge #{record.pk}"
    for field, value in snapshot["filled"].items():
        setattr(canonical, field, from_json(field, value))
    for field, value in snapshot["keys"].items():
        setattr(canonical, field, value)
    save_with_reason(canonical, reason, user)
    restore_rows(snapshot, work, reason, user)
    work.merged_into = None
    save_with_reason(work, reason, user)
    refresh_keys(canonical, work)
    record.undone_at = timezone.now()
    record.save(update_fields=["undone_at"])
    if keep_apart:
        low, high = sorted((canonical.pk, work.pk))
        candidate, _ = DuplicateCandidate.objects.get_or_create(work_a_id=low, work_b_id=high)
        mark_not_duplicate(candidate, user=user)


def restore_rows(snapshot: dict[str, Any], work: Work, reason: str, user: Any) -> None:
    """Move every row the merge moved back to the merged work."""
    for citation in Citation.objects.filter(pk__in=snapshot["citations"]):
        citation.work = work
        save_with_reason(citation, reason, user)
    positions = {row["id"]: row["position"] for row in snapshot["contributors"]}
    for contributor in Contributor.objects.filter(pk__in=positions):
        contributor.work, contributor.position = work, positions[contributor.pk]
        contributor.save()
    DoiMatch.objects.filter(pk__in=snapshot["doi_matches"]).update(work=work)
    for row in snapshot["candidates"]:
        candidate = DuplicateCandidate.objects.get(pk=row["id"])
        candidate.work_a_id, candidate.work_b_id = row["work_a"], row["work_b"]
        candidate.decision = row["decision"]
        candidate.decided_at = dt.datetime.fromisoformat(row["decided_at"]) if row["decided_at"] else None
        save_with_reason(candidate, reason, user)
    if snapshot["article"]:
        Article.objects.filter(pk=snapshot["article"]).update(work=work)


def mark_not_duplicate(candidate: DuplicateCandidate, user: Any = None) -> DuplicateCandidate:
    """Record a curator's "not a duplicate": the pair is never proposed or merged again."""
    candidate.decision = Decision.NOT_DUPLICATE
    candidate.decided_at = timezone.now()
    save_with_reason(candidate, "not a duplicate", user)
    return candidate
