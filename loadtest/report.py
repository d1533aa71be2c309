"""The load test's report, from Locust's CSV files: requests per second, p50/p95/p99 per
page, errors, and the targets, each PASS or FAIL.

    python loadtest/report.py loadtest/results/run [--lost-updates N] [--markdown]

PREFIX is Locust's --csv prefix (PREFIX_stats.csv, PREFIX_failures.csv). --lost-updates
is what `manage.py check_loadtest_updates` counted (left out: that target is not
checked; -1: the check could not run, a FAIL). Exits 1 when a target fails, so
`make loadtest` fails too.
"""

import argparse
import csv
import sys
from pathlib import Path

# Targets on the 2-core machine (issue 21): p95 in milliseconds, by the request's name.
P95_TARGETS = {"status update": 300, "council dashboard": 500}
AGGREGATED = "Aggregated"


def read_stats(prefix: str) -> list[dict]:
    with open(f"{prefix}_stats.csv", newline="") as f:
        return list(csv.DictReader(f))


def read_failures(prefix: str) -> list[dict]:
    path = Path(f"{prefix}_failures.csv")
    if not path.exists():
        return []
    with path.open(newline="") as f:
        return list(csv.DictReader(f))


def number(value: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def percentile(times: list[float], q: float) -> float:
    """Nearest rank of sorted `times`."""
    return times[min(len(times) - 1, max(0, round(q / 100 * len(times) + 0.5) - 1))]


def after_sign_in(prefix: str) -> tuple[float, list[dict]] | None:
    """Locust's stats rows again, from the requests that started after the last sign-in
    had been answered (the locustfile's PREFIX_requests.csv): the service under its
    steady load, without the first minute's queue of 50 password checks."""
    path = Path(f"{prefix}_requests.csv")
    if not path.exists():
        return None
    with path.open(newline="") as f:
        made = [
            (float(r["ended_at_s"]), r["name"], float(r["response_time_ms"]), r["failed"] == "1")
            for r in csv.DictReader(f)
        ]
    sign_ins = [ended for ended, name, _, _ in made if name == "POST sign in"]
    if not sign_ins:
        return None
    cut = max(sign_ins)
    later = [m for m in made if m[0] - m[2] / 1000 >= cut]
    if not later:
        return None
    span = max(ended for ended, *_ in later) - cut
    rows = []
    groups: dict[str, list] = {}
    for _, name, ms, failed in later:
        groups.setdefault(name, []).append((ms, failed))
    # Locust's own total counts the pack requesters' waits too; this one, requests only.
    groups[AGGREGATED] = [(ms, failed) for _, name, ms, failed in later if name[:5] != "WAIT "]
    for name, entries in groups.items():
        times = sorted(ms for ms, _ in entries)
        kind, _, short = name.partition(" ") if name != AGGREGATED else ("", "", name)
        rows.append(
            {
                "Type": kind,
                "Name": short,
                "Request Count": str(len(times)),
                "Failure Count": str(sum(failed for _, failed in entries)),
                "Requests/s": str(len(times) / span if span else 0),
                "50%": f"{percentile(times, 50):.0f}",
                "95%": f"{percentile(times, 95):.0f}",
                "99%": f"{percentile(times, 99):.0f}",
                "Max Response Time": str(times[-1]),
            }
        )
    return cut, rows


def table(rows: list[dict], markdown: bool) -> list[str]:
    header = ("request", "count", "rps", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors")
    lines = []
    body = [
        (
            f"{row['Type']} {row['Name']}" if row["Name"] != AGGREGATED else "all requests",
            row["Request Count"],
            f"{number(row['Requests/s']):.2f}",
            row["50%"],
            row["95%"],
            row["99%"],
            f"{number(row['Max Response Time']):.0f}",
            row["Failure Count"],
        )
        for row in rows
    ]
    if markdown:
        lines.append("| " + " | ".join(header) + " |")
        lines.append(
            "| " + " | ".join("---" if i == 0 else "---:" for i in range(len(header))) + " |"
        )
        lines.extend("| " + " | ".join(str(cell) for cell in cells) + " |" for cells in body)
        return lines
    width = max(len(cells[0]) for cells in [header, *body])
    fmt = f"{{:<{width}}}  {{:>6}}  {{:>7}}  {{:>6}}  {{:>6}}  {{:>6}}  {{:>7}}  {{:>6}}"
    lines.append(fmt.format(*header))
    lines.extend(fmt.format(*cells) for cells in body)
    return lines


def check(rows: list[dict], failures: list[dict], lost_updates: int | None) -> list[tuple]:
    """(target, measured, passed) for each target."""
    by_name = {row["Name"]: row for row in rows}
    total = by_name.get(AGGREGATED, {})
    errors = int(number(total.get("Failure Count", "0")))
    results = [("no errors", f"{errors} errors", errors == 0)]
    for name, limit in P95_TARGETS.items():
        row = by_name.get(name)
        if row is None or not int(number(row["Request Count"])):
            results.append((f"p95 of {name} <= {limit} ms", "no requests", False))
            continue
        p95 = number(row["95%"])
        results.append((f"p95 of {name} <= {limit} ms", f"{p95:.0f} ms", p95 <= limit))
    if lost_updates is not None and lost_updates < 0:
        results.append(("no lost update", "not checked (see the check's output)", False))
    elif lost_updates is not None:
        results.append(("no lost update", f"{lost_updates} lost", lost_updates == 0))
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("prefix", help="Locust's --csv prefix")
    parser.add_argument("--lost-updates", type=int, default=None)
    parser.add_argument("--markdown", action="store_true", help="tables for docs/reliability.md")
    args = parser.parse_args(argv)

    rows = read_stats(args.prefix)
    pages = sorted((r for r in rows if r["Name"] != AGGREGATED), key=lambda r: r["Name"])
    total = [r for r in rows if r["Name"] == AGGREGATED]
    failures = read_failures(args.prefix)

    print("\n".join(table(pages + total, args.markdown)))
    if total:
        print(f"\nRequests per second (all): {number(total[0]['Requests/s']):.1f}")
    if failures:
        print("\nErrors:")
        for failure in failures:
            print(
                f"  {failure['Occurrences']} x {failure['Method']} {failure['Name']}: "
                f"{failure['Error']}"
            )
    else:
        print("Errors: none")

    steady = after_sign_in(args.prefix)
    if steady:
        cut, later = steady
        print(f"\nAfter the last sign-in ({cut:.0f} s into the run), for information:")
        later_pages = sorted((r for r in later if r["Name"] != AGGREGATED), key=lambda r: r["Name"])
        print(
            "\n".join(
                table(later_pages + [r for r in later if r["Name"] == AGGREGATED], args.markdown)
            )
        )
        for target, measured, passed in check(later, [], None)[1:]:
            print(f"  {'within' if passed else 'over'}  {target}: {measured}")

    results = check(rows, failures, args.lost_updates)
    print("\nTargets:")
    for target, measured, passed in results:
        print(f"  {'PASS' if passed else 'FAIL'}  {target}: {measured}")
    failed = [target for target, _, passed in results if not passed]
    print("\nLoad test: " + ("PASS" if not failed else f"FAIL ({', '.join(failed)})"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
