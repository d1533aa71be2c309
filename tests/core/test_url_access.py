"""Every URL pattern x every role x own council, other council, and signed out.

The patterns come from the URL conf itself (`get_resolver()`), so a new view is checked
as soon as it is routed, and one without a rule in RULES fails
`test_every_url_has_an_access_rule`. Each rule says who may use the page: the public,
anyone signed in (pages whose rows are scoped by `visible_to`), a permission of
core/permissions.py on one of the URL's records, national scope, or site administrators
(the admin site). The expected answer for each role is the permission function's own
answer on the record the URL names, so this test checks that each view enforces the
rule written here; core/permissions.py's tests check the functions themselves.

"Own" is Leicester, where every council-scoped role below is held (the adviser holds
East Midlands); "other" is Cornwall, in the South West. Every GET, and a POST with an
empty body to each page that takes one, answers:
- signed out: the sign-in page (public pages: 200; the admin site: 404);
- allowed: 200 or a redirect (405 for a method the page does not take);
- allowed or not, a rate limit's 429, or a 400 to a POST without its form's token;
- refused: 403 or 404, and a user who cannot read Cornwall never gets a 200 from
  Cornwall's pages, nor sees the name of one of its records on any page;
- never a server error.
Each request runs in a savepoint that is rolled back, so one page's write (a role
revoked, a person deactivated) does not change the next page's answer.
"""

import copy
import datetime
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from grants.models import UsageStatement
from sendtracker.core import reference
from sendtracker.core.access import access_for
from sendtracker.core.models import Council, Region
from sendtracker.core.models.people import Role
from sendtracker.core.permissions import has_permission
from sendtracker.core.services import grant_role
from sendtracker.packs.models import JobState, PackJob
from sendtracker.publications import services as publishing
from tests.factories import BoardMeetingFactory, UserFactory
from tests.grants import factories as grant_factories
from tests.inspections.factories import ActionFactory, AreaFactory, InspectionFactory, PlanFactory
from tests.programmes import factories as programme_factories

# The name given to every record of the other council that a page might show: no user who
# cannot read that council may see it anywhere.
OTHER_MARK = "Kestrel"


# Rules ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """Who may use a page. `kind`: public, signed_in, national, site_admin, a permission
    name of core/permissions.py (checked on the record `on`, None for the whole site), or
    `reads_grants`, `reads_determination`, `requester` (rules of the grants and packs
    selectors, which have no permission name). `pk`: the record the URL's `pk` is;
    `kwargs`: fixed URL values."""

    kind: str
    on: str | None = None
    pk: str | None = None
    kwargs: dict = field(default_factory=dict)
    # A record every council's area shares (a grant determination): read whole by
    # regional advisers, so the other council's may answer them 200.
    national_record: bool = False


PUBLIC = Rule("public")
SIGNED_IN = Rule("signed_in")  # lists and dashboards: their rows are scoped by visible_to
NATIONAL = Rule("national")
SITE_ADMIN = Rule("site_admin")


def perm(name, on="council", **extra):
    return Rule(name, on=on, **extra)


VIEW, CHANGE = perm("view_council"), perm("change_council")
GRANTS_ADMIN = Rule("administer_grants")  # site-wide permission: no record
DETERMINATION = Rule("reads_determination", on="council", pk="determination", national_record=True)

RULES: dict[str, Rule] = {
    # Public pages and the account's own pages.
    "health": PUBLIC,
    "accessibility": PUBLIC,
    "login": PUBLIC,
    "logout": SIGNED_IN,
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": PUBLIC,
    "password_reset_complete": PUBLIC,
    "publications:index": PUBLIC,
    "publications:plan": PUBLIC,
    "publications:plan-pdf": PUBLIC,
    "home": SIGNED_IN,
    "account": SIGNED_IN,
    "reminders:choices": SIGNED_IN,
    "council-list": SIGNED_IN,
    "inspections:home": SIGNED_IN,
    "inspections:my-actions": SIGNED_IN,
    "programmes:home": SIGNED_IN,
    "grants:home": SIGNED_IN,
    "grants:determination-list": SIGNED_IN,
    "grants:export-allocations": SIGNED_IN,
    "grants:export-payments": SIGNED_IN,
    "grants:export-usage-statements": SIGNED_IN,
    "grants:export-360giving": SIGNED_IN,
    "dashboards:home": SIGNED_IN,
    "dashboards:region": SIGNED_IN,
    "dashboards:region-inspections": SIGNED_IN,
    "packs:region-packs": SIGNED_IN,
    "dashboards:national": NATIONAL,
    "dashboards:national-inspections": NATIONAL,
    # People: site administrators.
    "people-list": Rule("manage_users"),
    "person-add": Rule("manage_users"),
    "person-detail": Rule("manage_users"),
    "person-role-grant": Rule("manage_users"),
    "person-role-revoke": Rule("manage_users"),
    "person-active": Rule("manage_users"),
    "reminders:log": Rule("manage_users"),
    # A council's pages.
    "council-detail": VIEW,
    "council-edit": CHANGE,
    "council-history": perm("view_history"),
    "official:council-statistics": VIEW,
    "dashboards:council": VIEW,
    "dashboards:trends": VIEW,
    "dashboards:council-exceptions": VIEW,
    "dashboards:meeting-add": CHANGE,
    "dashboards:meeting-detail": VIEW,
    "grants:council-grants": VIEW,
    "publications:publishing": VIEW,
    "publications:choices": CHANGE,
    "publications:publish": perm("publish"),
    "publications:withdraw": perm("publish"),
    "publications:rights": perm("sign_off"),
    "packs:plan-pack": perm("export_pack"),
    "packs:council-pack": perm("export_pack"),
    "packs:region-pack": perm("export_region_pack", on="region"),
    "packs:job": Rule("requester", on="job"),
    "packs:download": Rule("requester", on="job"),
    # Inspections and improvement plans.
    "inspections:council-plans": VIEW,
    "inspections:inspection-create": CHANGE,
    "inspections:inspection-edit": CHANGE,
    "inspections:area-create": CHANGE,
    "inspections:revisit-create": CHANGE,
    "inspections:monitoring-create": CHANGE,
    "inspections:inspection-deadline": perm("change_council", kwargs={"kind": "wsoa_due"}),
    "inspections:plan-deadline": perm("change_council", kwargs={"kind": "app_review"}),
    "inspections:plan-create": CHANGE,
    "inspections:plan-import-new": CHANGE,
    "inspections:plan-import-new-preview": CHANGE,
    "inspections:plan-import": CHANGE,
    "inspections:plan-import-preview": CHANGE,
    "inspections:plan-detail": VIEW,
    "inspections:plan-edit": CHANGE,
    "inspections:plan-brag": VIEW,
    "inspections:plan-exceptions": VIEW,
    "inspections:plan-changes": VIEW,
    "inspections:plan-history": perm("view_history"),
    "inspections:action-create": CHANGE,
    "inspections:action-detail": VIEW,
    "inspections:action-edit": CHANGE,
    "inspections:action-status": perm("update_action", on="action"),
    "inspections:action-sign-off": perm("sign_off"),
    # Programmes and high-needs finance.
    "programmes:council-programmes": VIEW,
    "programmes:programme-add": CHANGE,
    "programmes:high-needs": VIEW,
    "programmes:high-needs-import": CHANGE,
    "programmes:high-needs-import-preview": CHANGE,
    "programmes:year-add": CHANGE,
    "programmes:year-change": CHANGE,
    "programmes:programme-detail": VIEW,
    "programmes:programme-change": CHANGE,
    "programmes:risk-register": VIEW,
    "programmes:risk-add": CHANGE,
    "programmes:risk-change": CHANGE,
    "programmes:workstream-add": CHANGE,
    "programmes:workstream-detail": VIEW,
    "programmes:workstream-change": CHANGE,
    "programmes:milestone-tree": VIEW,
    "programmes:milestone-import": CHANGE,
    "programmes:milestone-import-preview": CHANGE,
    "programmes:milestone-add": CHANGE,
    "programmes:milestone-update": CHANGE,
    "programmes:milestone-change": CHANGE,
    "programmes:observation-import": CHANGE,
    "programmes:observation-import-preview": CHANGE,
    "programmes:measure-observation-import": CHANGE,
    "programmes:measure-observation-import-preview": CHANGE,
    "programmes:measure-add": CHANGE,
    "programmes:measure-detail": VIEW,
    "programmes:measure-change": CHANGE,
    "programmes:observation-add": CHANGE,
    # Grants: records read as allocations are (not by health partners), written by
    # grant administrators; usage statements by the council's officers too.
    "grants:determination-detail": DETERMINATION,
    "grants:determination-letter": DETERMINATION,
    "grants:allocation-detail": Rule("reads_grants", on="council", pk="allocation"),
    "grants:usage-detail": Rule("reads_grants", on="council", pk="usage"),
    "grants:determination-create": GRANTS_ADMIN,
    "grants:determination-edit": Rule("administer_grants", pk="determination"),
    "grants:measure-create": Rule("administer_grants", pk="determination"),
    "grants:instalment-create": Rule("administer_grants", pk="determination"),
    "grants:allocation-create": Rule("administer_grants", pk="determination"),
    "grants:allocation-import": Rule("administer_grants", pk="determination"),
    "grants:allocation-import-preview": Rule("administer_grants", pk="determination"),
    "grants:payment-import": Rule("administer_grants", pk="determination"),
    "grants:payment-import-preview": Rule("administer_grants", pk="determination"),
    "grants:allocation-amounts": Rule("administer_grants", pk="allocation"),
    "grants:allocation-accept": Rule("administer_grants", pk="allocation"),
    "grants:allocation-close": Rule("administer_grants", pk="allocation"),
    "grants:payment-create": Rule("administer_grants", pk="allocation"),
    "grants:usage-accept": Rule("administer_grants", pk="usage"),
    "grants:usage-create": perm("submit_usage_statement", pk="allocation"),
    # Django's admin site, every model's pages: site administrators only.
    "admin:*": SITE_ADMIN,
}


# The URL conf ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    key: str  # the URL's name with its namespaces; "admin:*" for every admin page
    route: str  # the pattern, its parts joined
    view: object

    @property
    def methods(self) -> set[str]:
        view_class = getattr(self.view, "view_class", None)
        if view_class is None:
            return {"get"}
        return {
            m
            for m in ("get", "post")
            if hasattr(view_class, m) and m in view_class.http_method_names
        }


def routes(patterns=None, prefix="", namespace=None) -> list[Route]:
    """Every pattern of the URL conf, nested includes and namespaces followed."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            found += routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            if namespace == "admin":
                key = "admin:*"
            elif pattern.name:
                key = f"{namespace}:{pattern.name}" if namespace else pattern.name
            else:
                key = route
            found.append(Route(key, route, pattern.callback))
    return found


def missing_rules(found: list[Route]) -> list[str]:
    return sorted({r.key for r in found} - set(RULES))


def test_every_url_has_an_access_rule():
    missing = missing_rules(routes())
    assert not missing, (
        f"Add an access rule to RULES in {__file__} for each new URL: {', '.join(missing)}"
    )


def test_every_rule_names_a_routed_url():
    stale = sorted(set(RULES) - {r.key for r in routes()})
    assert not stale, f"RULES names URLs that are no longer routed: {', '.join(stale)}"


def test_a_new_view_without_a_rule_is_reported():
    """What makes a view added without a rule fail the first test above."""
    from django.urls import include, path

    new = [path("new-page/", lambda request: None, name="new-page")]
    urls = [*get_resolver().url_patterns, path("somewhere/", include((new, "app")))]

    assert missing_rules(routes(urls)) == ["app:new-page"]


_CONVERTER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def concrete(route: str, values: dict) -> str:
    """The route with each converter (and the admin's few regex groups) filled in."""
    path = re.sub(r"\(\?P<app_label>[^)]*\)", "core", route)
    path = path.replace("(?P<url>.*)", "no-such-page/")
    path = _CONVERTER.sub(lambda m: str(values[m["name"]]), path)
    return "/" + path.replace("^", "").replace("$", "")


# The data ---------------------------------------------------------------------------------

ROLES = {
    "officer": (Role.COUNCIL_OFFICER, "council"),
    "board member": (Role.BOARD_MEMBER, "council"),
    "health partner": (Role.HEALTH_PARTNER, "council"),
    "regional adviser": (Role.ADVISER, "region"),
    "national adviser": (Role.ADVISER, None),
    "grant administrator": (Role.GRANT_ADMINISTRATOR, None),
    "site administrator": (Role.SITE_ADMINISTRATOR, None),
    "no role": (None, None),
}


def council_records(council: Council, *, name: str, requester) -> dict:
    """One of each record a URL names, of `council`; `name` goes into the names of
    those no page outside the council's scope may show."""
    inspection = InspectionFactory(council=council, report_published_on=datetime.date(2018, 6, 18))
    AreaFactory(inspection=inspection, number=1)
    plan = PlanFactory(inspection=inspection, approved_on=datetime.date(2021, 7, 30))
    action = ActionFactory(plan=plan, description=f"{name} action")
    programme = programme_factories.programme(council, name=f"{name} programme")
    workstream = programme_factories.workstream(programme, name=f"{name} workstream")
    milestone = programme_factories.milestone(workstream, title=f"{name} milestone")
    measure = programme_factories.measure(programme, name=f"{name} measure")
    risk = programme_factories.services.add_risk(
        programme=programme, by=None, description=f"{name} risk", likelihood=2, impact=2
    )
    programme_factories.high_needs_years(council, {2022: (60164, 5550, 60153)})
    # A determination is a national record, read whole by regional advisers: not named.
    determination = grant_factories.determination(title=f"{council.name} grant")
    allocation = grant_factories.allocation(determination, council, total=Decimal("1000.00"))
    usage = grant_factories.paid_and_reported(
        allocation,
        paid=Decimal("1000.00"),
        paid_on=datetime.date(2021, 8, 15),
        lines=[("staff", f"{name} spend", Decimal("10.00"))],
    )
    meeting = BoardMeetingFactory(council=council, attendees=f"{name} board")
    determination.letter.save("letter.pdf", ContentFile(b"%PDF-1.4 letter"))
    job = PackJob.objects.create(
        kind="council",
        council=council,
        title=f"{name} pack",
        marking="OFFICIAL",
        requested_by=requester,
        state=JobState.DONE,
    )
    job.file.save("pack.pdf", ContentFile(b"%PDF-1.4 pack"))
    published = PlanFactory(council=council, inspection=None, title=f"{council.name} plan")
    publication = publishing.publish_plan(plan=published, by=None, expected_version=0)
    return {
        "council": council,
        "region": council.region,
        "action": action,
        "job": job,
        "determination": determination,
        "allocation": allocation,
        "usage": UsageStatement.objects.get(pk=usage.pk),
        "values": {
            "council_slug": council.slug,
            "region_slug": council.region.slug,
            "inspection_id": inspection.pk,
            "plan_id": plan.pk,
            "action_id": action.pk,
            "programme_id": programme.pk,
            "workstream_id": workstream.pk,
            "milestone_id": milestone.pk,
            "measure_id": measure.pk,
            "risk_id": risk.pk,
            "year": 2022,
            "meeting_id": meeting.pk,
            "job_id": job.pk,
            "number": publication.plan_number,
            "token": "no-such-upload",
            "fmt": "csv",
        },
    }


def other_user(council):
    user = UserFactory()
    grant_role(user=user, role=Role.COUNCIL_OFFICER, council=council)
    return user


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Every role's user (scoped to Leicester), and each council's records: built once
    for this module's tests, in a transaction rolled back after them."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),  # letters, packs
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)


def build_world():
    if not Council.objects.exists():  # emptied by a transactional test run before
        reference.sync(
            reference.read_rows(reference.COUNCILS_CSV),
            Region=Region,
            Council=Council,
            previous_codes=reference.read_previous_codes(),
        )
    leicester, cornwall = (
        Council.objects.get(name="Leicester"),
        Council.objects.get(name="Cornwall"),
    )
    users = {}
    for label, (role, scope) in ROLES.items():
        user = UserFactory(email=f"{label.replace(' ', '.')}@council.example")
        if role is not None:
            where = {"council": leicester} if scope == "council" else {}
            if scope == "region":
                where = {"region": leicester.region}
            grant_role(user=user, role=role, **where)
        users[label] = user
    own = council_records(leicester, name="Leicester", requester=users["officer"])
    other = council_records(cornwall, name=OTHER_MARK, requester=other_user(cornwall))
    own["action"].lead_users.add(users["health partner"])
    person = other_user(Council.objects.get(name="Nottingham"))
    people = {"user_id": person.pk, "role_id": person.role_assignments.get().pk}
    reset = {"uidb64": "MQ"}  # with the upload token: a reset link that is not valid
    return users, {"own": own, "other": other}, people | reset


# The matrix -------------------------------------------------------------------------------

ALLOWED = {200, 302}
REFUSED = {403, 404}
# Answers that show nothing and that any user may get, allowed or not: a rate limit's
# "too many attempts" (the requests of this test all come from one address) and, to a
# POST without its form's one-time token, a bad request.
NEUTRAL = {"get": {429}, "post": {400, 429}}
SCOPED_VALUES = {"council_slug", "region_slug", "job_id", "number", "pk"}


@dataclass
class Matrix:
    requests: int = 0
    failures: list = field(default_factory=list)
    seconds: Counter = field(default_factory=Counter)  # by URL name: where the time goes
    answers: Counter = field(default_factory=Counter)  # (who, status)

    def fail(self, who, method, url, message):
        self.failures.append(f"{who}: {method.upper()} {url}: {message}")


def expected_for(rule: Rule, user, records) -> bool:
    """Whether `user` may use a page under `rule` (signed in; `records` of the URL)."""
    obj = records[rule.on] if rule.on else None
    access = access_for(user)
    match rule.kind:
        case "public" | "signed_in":
            return True
        case "national":
            return access.national
        case "site_admin":
            return access.site_administrator
        case "reads_grants":
            return (
                access.national
                or obj.pk in access.council_ids_beside_health
                or obj.region_id in access.region_ids
            )
        case "reads_determination":
            # National records (grants.models.DeterminationQuerySet): read whole by
            # national and regional scopes, else through an allocation the user reads.
            return bool(access.region_ids) or expected_for(
                Rule("reads_grants", on=rule.on), user, records
            )
        case "requester":
            return obj.requested_by_id == user.pk and has_permission(
                user, "export_pack", obj.council
            )
        case _:
            return has_permission(user, rule.kind, obj)


def variants(route: Route, rule: Rule, world_records, people):
    """(side, records, url) of each concrete URL of the route: the own and the other
    council's for a URL that names a council's records, the own one otherwise."""
    names = {m["name"] for m in _CONVERTER.finditer(route.route)}
    sides = ("own", "other") if names & SCOPED_VALUES else ("own",)
    for side in sides:
        records = world_records[side]
        values = {**people, **records["values"], **rule.kwargs}
        if rule.pk:
            values["pk"] = records[rule.pk].pk
        yield side, records, concrete(route.route, values)


def body_of(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def check(matrix, client, who, user, route, rule, side, records, url, method, cannot_read_other):
    matrix.requests += 1
    started = time.perf_counter()
    try:
        with transaction.atomic():
            response = getattr(client, method)(url)
            body = body_of(response) if response.status_code == 200 else ""
            transaction.set_rollback(True)
    except Exception as error:
        matrix.fail(who, method, url, f"server error {type(error).__name__}: {error}")
        return
    finally:
        matrix.seconds[route.key] += time.perf_counter() - started
    status = response.status_code
    matrix.answers[who, status] += 1
    if user is None:
        if rule.kind == "public":
            ok = status in ALLOWED | NEUTRAL[method]
        elif rule.kind == "site_admin":
            ok = status == 404 or (
                status == 302 and response["Location"].startswith(reverse("login"))
            )
        else:
            ok = status == 302 and response["Location"].startswith(reverse("login"))
        if not ok:
            matrix.fail(who, method, url, f"answered {status} to a signed-out visitor")
        return
    shared = rule.kind == "public" or rule.national_record
    if cannot_read_other and side == "other" and status == 200 and not shared:
        matrix.fail(who, method, url, "answered 200 on the other council's page")
    if cannot_read_other and OTHER_MARK in body:
        matrix.fail(who, method, url, f"shows {OTHER_MARK!r}, a record of the other council")
    allowed = expected_for(rule, user, records)
    expected = (ALLOWED if allowed else REFUSED) | NEUTRAL[method]
    if method not in route.methods and allowed:
        expected = expected | {405}
    if rule.kind == "site_admin" and allowed:
        # Inside the admin, its own model permissions decide (read-only models refuse
        # add and delete with 403; a missing object or page is a 404).
        expected = expected | {403, 404, 405}
    if status not in expected:
        want = "allowed" if allowed else "refused"
        matrix.fail(who, method, url, f"answered {status}; expected {want} {sorted(expected)}")


def run_matrix(world, keys) -> Matrix:
    users, world_records, people = world
    matrix = Matrix()
    everyone = {"signed out": None, **users}
    cornwall = world_records["other"]["council"]
    selected = [r for r in routes() if keys(r.key)]
    for who, user in everyone.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        cookies = copy.deepcopy(client.cookies)
        cannot_read_other = user is not None and not access_for(user).can_read(cornwall)
        for route in selected:
            rule = RULES[route.key]
            for side, records, url in variants(route, rule, world_records, people):
                for method in ("get", "post") if "post" in route.methods else ("get",):
                    client.cookies = copy.deepcopy(cookies)
                    check(
                        matrix,
                        client,
                        who,
                        user,
                        route,
                        rule,
                        side,
                        records,
                        url,
                        method,
                        cannot_read_other,
                    )
    return matrix


def assert_held(matrix: Matrix, floor: int):
    shown = "\n".join(matrix.failures[:60])
    slowest = ", ".join(f"{key} {seconds:.1f}s" for key, seconds in matrix.seconds.most_common(8))
    assert not matrix.failures, (
        f"{len(matrix.failures)} of {matrix.requests} requests broke an access rule:\n{shown}"
    )
    assert matrix.requests >= floor, f"only {matrix.requests} requests made"
    statuses = Counter()
    for (_, status), count in matrix.answers.items():
        statuses[status] += count
    print(
        f"{matrix.requests} requests held their access rules ({dict(sorted(statuses.items()))});"
        f" slowest pages: {slowest}"
    )


@pytest.mark.django_db
def test_every_page_answers_each_role_by_its_rule(world):
    matrix = run_matrix(world, lambda key: key != "admin:*")
    assert_held(matrix, floor=3000)


def admin_values(route: str) -> dict:
    """An existing object of the admin page's model (its app and model in the route)."""
    app_label, model_name, *_ = [*route.removeprefix(settings.ADMIN_PATH).split("/"), "", ""]
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:  # the index, an app's index, "view on site" (r/<type>/<id>/)
        return {"object_id": 0, "content_type_id": 0}
    first = model._default_manager.order_by("pk").first()
    return {"object_id": first.pk if first else 0, "id": first.pk if first else 0}


@pytest.mark.django_db
def test_the_admin_site_answers_site_administrators_only(world):
    users, world_records, _ = world
    matrix = Matrix()
    admin_routes = [r for r in routes() if r.key == "admin:*"]
    assert len(admin_routes) > 100
    for who, user in {"signed out": None, **users}.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        cookies = copy.deepcopy(client.cookies)
        for route in admin_routes:
            url = concrete(route.route, {**admin_values(route.route), "extra_context": ""})
            for method in ("get", "post") if "post" in route.methods else ("get",):
                client.cookies = copy.deepcopy(cookies)
                check(
                    matrix,
                    client,
                    who,
                    user,
                    route,
                    SITE_ADMIN,
                    "own",
                    world_records["own"],
                    url,
                    method,
                    cannot_read_other=False,
                )
    assert_held(matrix, floor=1000)
    assert matrix.answers["site administrator", 200] > 50  # 83 admin pages when written
