"""A plan's public content, made once at publication from the records as they were.

`build` turns the plan, its areas and actions (inspections.selectors.plan_for_publication)
and the council's choices into plain JSON: words, not ids or colours alone, and only
public fields. `compare` lists what changed between two snapshots in plain English.
No queries here: everything is read before.
"""

import datetime
import re

from sendtracker.core.status import display as status_display

from .models import Field

# Any email address in a text written for the plan is taken out before it is published.
EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(\.[\w-]+)+")
REMOVED = "[email address removed]"


def public_text(value: str) -> str:
    return EMAIL.sub(REMOVED, (value or "").strip())


def day(value: datetime.date | None) -> str:
    """A date as GOV.UK writes it (31 December 2021), or ''."""
    return f"{value.day} {value:%B %Y}" if value else ""


def _area(area) -> dict:
    return {
        "id": area.pk,
        "number": f"{area.parent.number}.{area.number}" if area.parent_id else str(area.number),
        "kind": area.get_kind_display(),
        "title": public_text(area.title),
        "text": public_text(area.text),
        "parent_id": area.parent_id,
    }


def _leads(action) -> list[str]:
    """Role titles: each named lead's job title (never their name or email), then the
    free-text leads (partners, as the plan gives them)."""
    named = [public_text(lead.job_title) for lead in action.lead_users.all() if lead.job_title]
    free = [public_text(part) for part in action.leads.split(";") if part.strip()]
    return named + [title for title in free if title not in named]


def _action(action, *, status_key, public: set[str]) -> dict:
    status = status_display(action.status, status_key)
    row = {
        "ref": action.ref,
        "description": public_text(action.description),
        "leads": _leads(action),
        "status": status["value"],
        "status_label": status["label"],
        "status_class": status["css_class"],
        "stage": action.get_stage_display(),
        "signed_off": action.signed_off_at is not None,
        "milestones": [
            {
                "kind": milestone.get_kind_display(),
                "due_on": day(milestone.due_on),
                "description": public_text(milestone.description),
            }
            for milestone in action.milestones.all()
        ],
    }
    for field in Field:
        if field in public:
            value = getattr(action, field.value)
            row[field.value] = day(value) if field == Field.RECOVERY_DATE else public_text(value)
    return row


def build(*, plan, areas, actions, publishing, council) -> dict:
    """The public content of `plan` now (see the module's docstring)."""
    public = {str(f) for f in Field} - set(publishing.internal_fields if publishing else [])
    summaries = publishing.family_summaries if publishing else {}
    inspection = plan.inspection
    sections: dict = {}
    for area in areas:
        sections[area.pk] = {
            **_area(area),
            "families": public_text(summaries.get(str(area.pk), "")),
            "actions": [],
        }
    other = {"id": None, "number": "", "kind": "", "title": "Other actions", "text": ""}
    for action in actions:
        # `areas` holds every area an action addresses; an action without one is "other".
        key = action.area_id if action.area_id in sections else None
        if key is None:
            sections.setdefault(None, {**other, "families": "", "actions": []})
        sections[key]["actions"].append(_action(action, status_key=plan.status_key, public=public))
    counts = {}
    for action in actions:
        label = status_display(action.status, plan.status_key)["label"]
        counts[label] = counts.get(label, 0) + 1
    return {
        "council": {
            "name": council.name,
            "slug": council.slug,
            "local_offer_url": council.local_offer_url,
            "parent_carer_forum_name": council.parent_carer_forum_name,
            "parent_carer_forum_url": council.parent_carer_forum_url,
        },
        "title": public_text(plan.title),
        "kind": plan.get_kind_display(),
        "summary": public_text(plan.summary),
        "approved_on": day(plan.approved_on),
        "approved_by": public_text(plan.approved_by),
        "inspection": _inspection(inspection),
        "areas": list(sections.values()),
        "status_counts": counts,
        "action_count": len(actions),
        "internal_fields": sorted(set(str(f) for f in Field) - public),
    }


def _inspection(inspection) -> dict | None:
    if inspection is None:
        return None
    return {
        "by": inspection.inspectorates,
        "framework": inspection.get_framework_display(),
        "started_on": day(inspection.started_on),
        "ended_on": day(inspection.ended_on),
        "outcome": inspection.get_outcome_display(),
        "report_published_on": day(inspection.report_published_on),
        "report_url": inspection.report_url,
    }


def _actions_by_ref(snapshot: dict) -> dict[str, dict]:
    return {a["ref"]: a for section in snapshot["areas"] for a in section["actions"]}


ACTION_CHANGES = (
    ("description", "wording changed"),
    ("leads", "leads changed"),
    ("stage", None),
    ("milestones", "milestones changed"),
    ("progress", "progress updated"),
    ("recovery_date", "recovery date changed"),
    ("status_reason", "reason for delay updated"),
    ("evidence_of_output", "evidence of output updated"),
    ("evidence_of_impact", "evidence of impact updated"),
)


def compare(old: dict | None, new: dict) -> list[str]:
    """What changed from `old` (the version before; None: none) to `new`, one line each."""
    if old is None:
        return ["First publication of the plan."]
    lines = []
    for key, label in (("title", "title"), ("summary", "summary")):
        if old.get(key) != new.get(key):
            lines.append(f"The plan's {label} changed.")
    old_areas = {(a["number"], a["title"]): a for a in old["areas"]}
    for area in new["areas"]:
        before = old_areas.get((area["number"], area["title"]))
        name = f"Area {area['number']}" if area["number"] else area["title"]
        if before is None:
            lines.append(f"{name} added: {area['title']}.")
        elif before.get("families") != area.get("families"):
            lines.append(f"{name}: what this means for families updated.")
    old_actions, new_actions = _actions_by_ref(old), _actions_by_ref(new)
    for ref, action in new_actions.items():
        before = old_actions.get(ref)
        if before is None:
            lines.append(f"Action {ref} added.")
            continue
        what = []
        if before["status_label"] != action["status_label"]:
            what.append(f"status changed from {before['status_label']} to {action['status_label']}")
        for key, words in ACTION_CHANGES:
            if before.get(key) != action.get(key):
                if key == "stage":
                    what.append(f"stage changed from {before['stage']} to {action['stage']}")
                else:
                    what.append(words)
        if before.get("signed_off") != action.get("signed_off"):
            what.append("signed off by the board" if action["signed_off"] else "sign-off withdrawn")
        if what:
            lines.append(f"Action {ref}: {'; '.join(what)}.")
    lines.extend(f"Action {ref} removed." for ref in old_actions if ref not in new_actions)
    for key, label in (
        ("local_offer_url", "local offer link"),
        ("parent_carer_forum_url", "parent carer forum link"),
    ):
        if old["council"].get(key) != new["council"].get(key):
            lines.append(f"The {label} changed.")
    return lines
