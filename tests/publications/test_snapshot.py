"""What changed between two published versions, in words (no database)."""

from sendtracker.publications.snapshot import compare, public_text


def snapshot(**action):
    base = {
        "ref": "1.1",
        "description": "Do it",
        "leads": ["Head of SEND"],
        "status_label": "On track",
        "stage": "Action",
        "signed_off": False,
        "milestones": [],
    }
    return {
        "title": "Plan",
        "summary": "",
        "council": {"local_offer_url": "", "parent_carer_forum_url": ""},
        "areas": [
            {"number": "1", "title": "Area", "families": "", "actions": [{**base, **action}]}
        ],
    }


def test_first_publication():
    assert compare(None, snapshot()) == ["First publication of the plan."]


def test_nothing_changed_is_an_empty_list():
    assert compare(snapshot(), snapshot()) == []


def test_status_stage_and_sign_off_in_words():
    new = snapshot(status_label="Complete", stage="Completed", signed_off=True)
    assert compare(snapshot(), new) == [
        "Action 1.1: status changed from On track to Complete; stage changed from Action to "
        "Completed; signed off by the board."
    ]


def test_added_and_removed_actions():
    old, new = snapshot(ref="1.1"), snapshot(ref="1.2")
    assert compare(old, new) == ["Action 1.2 added.", "Action 1.1 removed."]


def test_family_summary_and_links():
    new = snapshot()
    new["areas"][0]["families"] = "What it means"
    new["council"]["parent_carer_forum_url"] = "https://forum.example"
    assert compare(snapshot(), new) == [
        "Area 1: what this means for families updated.",
        "The parent carer forum link changed.",
    ]


def test_email_addresses_are_taken_out_of_public_text():
    assert public_text(" Ask a.b-c@x.gov.uk ") == "Ask [email address removed]"
