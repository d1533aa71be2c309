"""Fault: PostgreSQL restarted while people use the service.

    .venv/bin/python scripts/faults/postgres_restart.py [--down SECONDS]

Starts serve-prod on a PostgreSQL and a Redis of its own (scripts/faults/_harness.py),
a light load of four council officers reading and updating statuses, then stops
PostgreSQL (fast shutdown: transactions in flight are rolled back), keeps it down for
--down seconds (5), starts it again, and goes on for 30 s. The app is not restarted.

Reports the answers seen before, during and after (ok; 500 with the GOV.UK error page;
anything else), how long after PostgreSQL came back the app served again, and whether
anything was half-written (a status update without its audit entry, an action's row
that disagrees with its latest update, a confirmed update missing). PASS when every
failed request got the GOV.UK error page, nothing was half-written and the app served
again within 10 s of the database returning.
"""

import sys
import time

from _harness import (
    UnderLoad,
    fault_arguments,
    log,
    print_report,
    save_outcomes,
    summarise,
)

RECOVERY_LIMIT = 10.0


def main() -> int:
    args = fault_arguments(down=5.0, what="PostgreSQL")
    with UnderLoad(args.people) as run:
        stopped_at = time.monotonic()
        log("stopping PostgreSQL (fast shutdown)")
        run.pg.stop()
        down_at = time.monotonic()
        time.sleep(args.down)
        log("starting PostgreSQL")
        run.pg.start()
        back_at = time.monotonic()
        log("PostgreSQL is back; 30 s more load")
        time.sleep(30)
        run.load.stop()
        ended_at = time.monotonic()
    state = run.state
    checks_possible = state is not None

    outcomes = run.outcomes
    before = [o for o in outcomes if o.ended < stopped_at]
    during = [o for o in outcomes if o.ended >= stopped_at and o.started < back_at]
    after = [o for o in outcomes if o.started >= back_at]
    first_ok = next((o for o in after if o.ok), None)
    recovery = (first_ok.ended - back_at) if first_ok else None
    late_failures = [o for o in after if not o.ok and o.started > back_at + RECOVERY_LIMIT]
    failed = [o for o in outcomes if not o.ok]
    bare = [o for o in failed if not o.error_page]

    lines = [
        f"PostgreSQL down for {back_at - down_at:.1f} s (stop took {down_at - stopped_at:.1f} s); "
        f"load of {args.people} officers for {ended_at - outcomes[0].started:.0f} s, "
        f"{len(outcomes)} requests",
        f"before the fault: {summarise(before)}",
        f"while PostgreSQL was stopping or down: {summarise(during)}",
        f"after it returned: {summarise(after)}",
        "first answer served after PostgreSQL returned: "
        + (f"{recovery:.2f} s later ({first_ok.name})" if first_ok else "none"),
        f"failed requests after the first {RECOVERY_LIMIT:.0f} s: {len(late_failures)}",
    ]
    if checks_possible:
        lines += [f"{name}: {value}" for name, value in state.items()]
    checks = [
        (
            f"every failed request got the GOV.UK error page ({len(failed)} failed, "
            f"{len(bare)} without it)",
            not bare,
        ),
        (
            "nothing half-written"
            + (
                f" ({state['status updates written']} updates, "
                f"{state['their audit entries']} audit entries, "
                f"{state['actions whose row and latest update disagree']} actions disagreeing)"
                if checks_possible
                else " (not checked: PostgreSQL is down)"
            ),
            checks_possible and not state["half-written"],
        ),
        (
            "no confirmed update lost"
            + (f" ({state['confirmed updates missing']} missing)" if checks_possible else ""),
            checks_possible and state["confirmed updates missing"] == 0,
        ),
        (
            f"served again within {RECOVERY_LIMIT:.0f} s of the database returning, "
            "without restarting the app"
            + (f" ({recovery:.2f} s)" if recovery is not None else " (never)"),
            recovery is not None and recovery <= RECOVERY_LIMIT and not late_failures,
        ),
    ]
    code = print_report("PostgreSQL restarted during the load", lines, checks)
    save_outcomes("postgres-restart", lines, checks, outcomes)
    return code


if __name__ == "__main__":
    sys.exit(main())
