"""Fault: Redis stopped while people use the service.

    .venv/bin/python scripts/faults/redis_stop.py [--down SECONDS]

Starts serve-prod on a PostgreSQL and a Redis of its own (scripts/faults/_harness.py)
and a light load of four council officers reading and updating statuses; after 20 s
stops Redis (the cache and the rate-limit counts) for --down seconds (30), starts it
again and goes on for 15 s. The app is not restarted.

Reports the answers and the median response time before, during and after. PASS when
no request failed while Redis was down (no 500, nobody sent to sign in again: sessions
are in PostgreSQL) and nothing was half-written.
"""

import sys
import time

from _harness import (
    UnderLoad,
    fault_arguments,
    log,
    median_ms,
    print_report,
    save_outcomes,
    summarise,
)


def main() -> int:
    args = fault_arguments(down=30.0, what="Redis")
    with UnderLoad(args.people) as run:
        log("stopping Redis")
        down_at = time.monotonic()  # from the moment it is told to stop
        run.redis.stop()
        time.sleep(args.down)
        log("starting Redis")
        run.redis.start()
        back_at = time.monotonic()
        time.sleep(15)
    state = run.state

    outcomes = run.outcomes
    before = [o for o in outcomes if o.ended < down_at]
    during = [o for o in outcomes if o.started >= down_at and o.ended < back_at]
    after = [o for o in outcomes if o.started >= back_at]
    failed_during = [o for o in during if not o.ok]
    server_errors = [o for o in outcomes if o.status is not None and o.status >= 500]
    lines = [
        f"Redis down for {back_at - down_at:.1f} s; load of {args.people} officers, "
        f"{len(outcomes)} requests",
        f"before: {summarise(before)}, median {median_ms(before)}",
        f"while Redis was down: {summarise(during)}, median {median_ms(during)}",
        f"after it returned: {summarise(after)}, median {median_ms(after)}",
        *[f"{name}: {value}" for name, value in state.items()],
    ]
    checks = [
        (f"no 500 ({len(server_errors)} server errors in all)", not server_errors),
        (
            f"pages still served while Redis was down ({len(during)} requests, "
            f"{len(failed_during)} failed)",
            bool(during) and not failed_during,
        ),
        ("nothing half-written, no confirmed update lost", not state["half-written"])
        if not state["confirmed updates missing"]
        else ("no confirmed update lost", False),
    ]
    code = print_report("Redis stopped during the load", lines, checks)
    save_outcomes("redis-stop", lines, checks, outcomes)
    return code


if __name__ == "__main__":
    sys.exit(main())
