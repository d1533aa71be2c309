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

import argparse
import datetime
import sys
import time

from _harness import (
    Load,
    Postgres,
    Redis,
    ServeProd,
    integrity,
    log,
    median_ms,
    print_report,
    save_result,
    summarise,
)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--down", type=float, default=30.0, help="seconds Redis stays down")
    parser.add_argument("--people", type=int, default=4)
    args = parser.parse_args()

    pg, redis = Postgres(), Redis()
    pg.ensure()
    redis.start()
    server = ServeProd()
    server.start()
    load = Load(people=args.people)
    try:
        since = datetime.datetime.now(datetime.UTC)
        load.start()
        log("load running; 20 s before the fault")
        time.sleep(20)
        log("stopping Redis")
        down_at = time.monotonic()  # from the moment it is told to stop
        redis.stop()
        time.sleep(args.down)
        log("starting Redis")
        redis.start()
        back_at = time.monotonic()
        time.sleep(15)
    finally:
        load.stop()
        state = integrity(pg, load, since)
        server.stop()

    outcomes = sorted(load.outcomes, key=lambda o: o.started)
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
    save_result(
        "redis-stop",
        {
            "lines": lines,
            "checks": checks,
            "outcomes": [vars(o) | {"at": o.started - outcomes[0].started} for o in outcomes],
        },
    )
    return code


if __name__ == "__main__":
    sys.exit(main())
