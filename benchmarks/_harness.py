"""Shared set-up for benchmarks: a throwaway database, a client, and a timer."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django() -> None:
    """Point Django at a fresh database of the benchmark's own, then migrate it."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg2

        base, _, name = url.rpartition("/")
        bench_name = f"{name or 'sendtracker'}_bench"
        admin = psycopg2.connect(f"{base}/postgres")
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{bench_name}"')
            cursor.execute(f'CREATE DATABASE "{bench_name}"')
        admin.close()
        os.environ["DATABASE_URL"] = f"{base}/{bench_name}"
    else:
        folder = tempfile.mkdtemp(prefix="sendtracker-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendtracker.settings")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 50)
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    os.environ["STATICFILES_BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    os.environ["LOG_LEVEL"] = "ERROR"

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate_scale_data() -> None:
    """`manage.py generate_scale_data --seed 1` (all 153 councils) into the benchmark's
    database, in a process of its own, as it runs in real life: a web process that had
    just made 110,000 rows would carry that heap into every page it times."""
    import subprocess

    started = time.monotonic()
    subprocess.run(  # noqa: S603 (this Python, this project's manage.py)
        [sys.executable, str(ROOT / "manage.py"), "generate_scale_data", "--seed", "1"],
        check=True,
        env=os.environ,
    )
    print(f"scale data in {time.monotonic() - started:.0f} s")


def page(client, url):
    """A function that GETs `url` with `client` and checks it answered 200."""

    def fetch():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return fetch


def compare(title: str, baseline, rows: list[tuple], *, rounds: int = 30, warmup: int = 3) -> None:
    """Time the baseline and each row's function in turns, then `report` the medians.

    `rows` are (label, fn, target ratio), or (label, fn, target ratio, after) where
    `after()` runs untimed after each call (to undo what a user's next step would).
    Each round runs the baseline, then every row once, so that whatever else the
    machine is doing slows both sides of a ratio alike; timing one after the other
    would credit a busy minute to whichever ran in it.
    """
    steps = [(row[1], row[3] if len(row) > 3 else None) for row in rows]
    for _ in range(warmup):
        baseline()
        for fn, after in steps:
            fn()
            if after:
                after()
    base_samples: list[float] = []
    samples: list[list[float]] = [[] for _ in rows]
    for _ in range(rounds):
        for index, (fn, after) in enumerate(steps):
            for _ in range(3):  # the baseline is cheap: sample it more
                start = time.perf_counter()
                baseline()
                base_samples.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            fn()
            samples[index].append((time.perf_counter() - start) * 1000)
            if after:
                after()
    report(
        title,
        statistics.median(base_samples),
        [
            (row[0], statistics.median(taken), row[2])
            for row, taken in zip(rows, samples, strict=True)
        ],
    )


def compare_warm_and_cold(title: str, baseline, pages: list[tuple], *, rounds: int = 30) -> None:
    """`compare` the pages on repeat visits, then with the cache emptied before each one
    (what the first visitor after any write meets: every write changes the keys)."""
    from django.core.cache import cache

    compare(f"{title}, warm (repeat visits)", baseline, pages, rounds=rounds)
    compare(
        f"{title}, cold (cache emptied before each request)",
        baseline,
        [(label, fn, target, cache.clear) for label, fn, target in pages],
        rounds=rounds,
    )


def report(
    title: str,
    baseline_ms: float,
    rows: list[tuple[str, float, float]],
    *,
    baseline: str = "baseline (/healthz/, one query)",
) -> None:
    """Print each figure with its ratio to the baseline and its target."""
    from django.db import connection

    print(f"\n{title} ({connection.vendor})")
    print(f"  {baseline:<42} {baseline_ms:8.2f} ms   1.0x")
    for label, ms, target in rows:
        ratio = ms / baseline_ms
        verdict = "ok" if ratio <= target else "OVER TARGET"
        print(f"  {label:<42} {ms:8.2f} ms {ratio:5.1f}x  (target ≤ {target:g}x: {verdict})")
