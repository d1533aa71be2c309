"""Writes of published plans: the council's choices, publishing and withdrawing.

Each writes inside `council_write` (one transaction, audited as `by`). A publication
is a snapshot of the plan as it is when published (`snapshot.build`); nothing later
changes it. Who may publish is the views' question (permission "publish").
"""

import datetime

from django.utils import timezone

from inspections import selectors as plans
from sendtracker.core.errors import DomainError, StaleEditError
from sendtracker.core.models import Council
from sendtracker.core.records import save_new_version
from sendtracker.core.stale import check_version
from sendtracker.core.writes import council_write

from . import render, snapshot
from .models import Field, PlanPublishing, Publication


def publishing_of(plan) -> PlanPublishing:
    """The plan's publishing choices, unsaved defaults if it has none yet."""
    try:
        return plan.publishing
    except PlanPublishing.DoesNotExist:
        return PlanPublishing(plan=plan, version=0)


def save_publishing_choices(
    *,
    plan,
    by,
    internal_fields: list[str],
    next_update_due: datetime.date | None,
    family_summaries: dict[int, str],
    expected_version: int | None,
) -> PlanPublishing:
    """Save which fields stay internal, what each area means for families and when the
    next update is due. Nothing is public until the plan is published again."""
    unknown = set(internal_fields) - set(Field.values)
    if unknown:
        raise DomainError("Choose fields from the list", field="internal_fields")
    areas, _ = plans.plan_for_publication(plan)
    area_ids = {area.pk for area in areas}
    if set(family_summaries) - area_ids:
        raise DomainError("A summary names an area this plan does not address")
    values = {
        "internal_fields": sorted(internal_fields),
        "next_update_due": next_update_due,
        "family_summaries": {
            str(pk): text.strip() for pk, text in family_summaries.items() if text.strip()
        },
    }
    with council_write(plan.council, by=by, parts=()):
        current = PlanPublishing.objects.select_for_update().filter(plan=plan).first()
        if current is None:
            if expected_version not in (None, 0):
                raise StaleEditError(
                    "Someone else changed these choices after you opened this page. "
                    "Check them and try again."
                )
            current = PlanPublishing(plan=plan, version=0)
        else:
            check_version(
                current,
                expected_version,
                what="publishing choices",
                fields={"next_update_due": next_update_due},
                message="Someone else saved these choices after you opened this page. "
                "Your changes have not been saved. Check their changes and try again.",
            )
        save_new_version(current, values)
    return current


def current_publication(plan) -> Publication | None:
    return Publication.objects.filter(plan=plan, current=True).first()


def preview(plan, *, council=None) -> tuple[dict, list[str]]:
    """The snapshot publishing now would make, and what it changes from the current one
    (`council`: the plan's council as read now, if the caller has read it)."""
    areas, actions = plans.plan_for_publication(plan)
    new = snapshot.build(
        plan=plan,
        areas=areas,
        actions=actions,
        publishing=publishing_of(plan),
        council=council or plan.council,
    )
    before = current_publication(plan)
    return new, snapshot.compare(before.snapshot if before else None, new)


def publish_plan(*, plan, by, note: str = "", expected_version: int | None) -> Publication:
    """Publish the plan as it is now, as its next version.

    `expected_version` is the plan's latest version number when the form was opened (0:
    none): a version published meanwhile refuses the form. So does a version that
    would change nothing from the current, public one.
    """
    with council_write(plan.council, by=by, parts=()):
        council = Council.objects.select_for_update().get(pk=plan.council_id)
        before = Publication.objects.filter(plan=plan, current=True).first()
        latest = before.version if before else 0
        if expected_version is not None and expected_version != latest:
            raise StaleEditError(
                f"Someone published version {latest} of this plan after you opened this "
                "page. Nothing has been published. Check what it changed and try again."
            )
        new, changes = preview(plan, council=council)
        was_public = before is not None and before.is_public
        if was_public and not changes:
            raise DomainError(
                f"Nothing has changed since version {before.version} was published on "
                f"{snapshot.day(timezone.localdate(before.published_at))}. Change the plan or "
                "its publishing choices first."
            )
        if before is not None:
            before.current = False
            before.save(update_fields=["current"])
        if before is not None and not was_public and not changes:
            changes = ["Published again, unchanged."]
        publication = Publication(
            council=council,
            council_slug=council.slug,
            council_name=council.name,
            plan=plan,
            plan_number=plan.pk,
            version=latest + 1,
            published_at=timezone.now(),
            published_by=by,
            snapshot=new,
            title=new["title"],
            changes=changes,
            note=note.strip(),
            next_update_due=publishing_of(plan).next_update_due,
        )
        publication.html = render.page_content(publication)
        publication.save()
        return publication


def withdraw_plan(*, plan, by, expected_version: int | None) -> Publication:
    """Take the plan's public page down (it answers 404 until published again)."""
    with council_write(plan.council, by=by, parts=()):
        current = Publication.objects.select_for_update().filter(plan=plan, current=True).first()
        if current is None or current.withdrawn_at is not None:
            raise DomainError("This plan is not published")
        if expected_version is not None and expected_version != current.version:
            raise StaleEditError(
                f"Someone published version {current.version} of this plan after you "
                "opened this page. Nothing has been withdrawn. Check it and try again."
            )
        current.withdrawn_at = timezone.now()
        current.withdrawn_by = by
        current.save(update_fields=["withdrawn_at", "withdrawn_by"])
    return current


def allow_officers_to_publish(*, council, by, allowed: bool) -> Council:
    """The board's choice: whether the council's officers may publish its plans too."""
    with council_write(council, by=by, parts=()):
        current = Council.objects.select_for_update().get(pk=council.pk)
        if current.officers_may_publish != allowed:
            current.officers_may_publish = allowed
            current.save(update_fields=["officers_may_publish"])
    return current


def render_again(publication: Publication) -> bool:
    """Render a version's page content again from its snapshot (after a change to the
    templates); whether it changed. Not a change to what was published: not audited."""
    html = render.page_content(publication)
    if html == publication.html:
        return False
    Publication.objects.filter(pk=publication.pk).update(html=html)
    return True
