"""The classroom-burst load test: a whole class signs in at once and labels an article.

    python benchmarks/loadtest.py --students 300 --engine sqlite
    python benchmarks/loadtest.py --students 300 --engine postgresql --postgres postgresql://root@127.0.0.1:5432

It makes its own database (a SQLite file in a temporary folder, or a new PostgreSQL database it
drops afterwards), loads the corpus and creates a teacher, a class and an assignment, starts
``framelab serve`` (gunicorn) on 127.0.0.1 and a free port, and runs the lesson: every student
signs in with the class code, name and PIN, opens the exercise, saves a label every few
seconds through the JSON API, reloads the page once and hands in, while the teacher refreshes
the assignment's dashboard. Then it prints p50/p95/p99 latency per request kind and the errors,
and compares the database with every label the server acknowledged: ``lost`` must be 0.
Last it measures the exercise page's throughput against the same template rendered with no
database (``loadtest_bare.py``). Exit status 1 when anything was lost or failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import burst  # the folder is put on the path first, as for the other benchmarks


def percentiles(values: list[float]) -> tuple[float, float, float]:
    """p50, p95, p99 in milliseconds (inclusive method: exact for small samples)."""
    if len(values) == 1:
        return values[0], values[0], values[0]
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def kind_rows(record: burst.Record) -> list[dict]:
    """One row per request kind: count, percentiles, worst, errors."""
    rows = []
    for kind in sorted(set(record.latencies) | set(record.errors)):
        values = record.latencies.get(kind, [])
        p50, p95, p99 = percentiles(values) if values else (0.0, 0.0, 0.0)
        rows.append({"kind": kind, "requests": len(values), "p50": p50, "p95": p95, "p99": p99,
                     "max": max(values, default=0.0), "errors": len(record.errors.get(kind, []))})
    return rows


def server_rows(log: Path, until: int | None = None) -> list[dict]:
    """Time inside the app per route, from the server's JSON request lines (errors: 5xx answers):
    beside the clients' figures it tells time spent working from time spent waiting for a worker."""
    durations: dict[str, list[float]] = {}
    failures: dict[str, int] = {}
    with open(log, "rb") as handle:
        text = handle.read(until if until is not None else -1).decode("utf-8", errors="replace")
    for line in text.splitlines()[: None if text.endswith("\n") else -1]:  # a line cut short is left out
        if line.startswith("{"):
            entry = json.loads(line)
            route = f"{entry['method']} {entry['route']}"
            durations.setdefault(route, []).append(entry["duration_ms"])
            failures[route] = failures.get(route, 0) + (entry["status"] >= 500)
    rows = []
    for route, values in sorted(durations.items()):
        p50, p95, p99 = percentiles(values)
        rows.append({"kind": route, "requests": len(values), "p50": p50, "p95": p95, "p99": p99,
                     "max": max(values), "errors": failures[route]})
    return rows


def print_kinds(rows: list[dict]) -> None:
    width = max(22, *(len(r["kind"]) + 2 for r in rows))
    print(f"{'request kind':<{width}}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'errors':>8}")
    for r in rows:
        print(f"{r['kind']:<{width}}{r['requests']:>7}{r['p50']:>9.1f}{r['p95']:>9.1f}{r['p99']:>9.1f}"
              f"{r['max']:>9.1f}{r['errors']:>8}")


async def closed_loop(path: str, clients: list[httpx.AsyncClient], seconds: float) -> int:
    """Requests answered 200 within ``seconds`` by ``len(clients)`` clients sending back to back."""
    done = 0
    deadline = time.monotonic() + seconds

    async def loop(client: httpx.AsyncClient) -> None:
        nonlocal done
        while time.monotonic() < deadline:
            if (await client.get(path)).status_code == 200:
                done += 1

    await asyncio.gather(*(loop(c) for c in clients))
    return done


async def throughputs(server: str, bare: str, classroom: burst.Classroom, concurrency: int,
                      seconds: float, rounds: int = 5) -> tuple[float, float]:
    """Requests per second of the real exercise page (each client signed in as a different
    student) and of the bare one. The two alternate in short rounds, so that a change in the
    machine's load from other work weighs on both alike."""
    record = burst.Record()
    real = [burst.browser(server) for _ in range(concurrency)]
    plain = [burst.browser(bare) for _ in range(concurrency)]
    try:
        for client, (name, pin) in zip(real, classroom.students, strict=False):
            if not await burst.sign_in_student(record, client, classroom, name, pin):
                raise RuntimeError(f"{name} could not sign in for the throughput run: {dict(record.errors)}")
        real_done = plain_done = 0
        for _ in range(rounds):
            real_done += await closed_loop(f"/work/{classroom.assignment_id}", real, seconds / rounds)
            plain_done += await closed_loop("/bare/exercise", plain, seconds / rounds)
        return real_done / seconds, plain_done / seconds
    finally:
        for client in real + plain:
            await client.aclose()


def student_id(url: str, name: str) -> int:
    from sqlalchemy import create_engine, select
    from sqlalchemy.pool import NullPool

    from webapp.models import Student

    engine = create_engine(url, poolclass=NullPool, hide_parameters=True)
    with engine.connect() as conn:
        found = conn.execute(select(Student.id).where(Student.display_name == name)).scalar_one()
    engine.dispose()
    return found


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _compare_with_bare(args: argparse.Namespace, url: str, env: dict, classroom: burst.Classroom,
                       server: burst.Server, workdir: Path) -> tuple[float, float]:
    """Start the database-free baseline beside the real server and measure both."""
    port = burst.free_port()
    bare_env = {**env, "BARE_ASSIGNMENT": str(classroom.assignment_id),
                "BARE_STUDENT": str(student_id(url, classroom.students[0][0]))}
    command = [sys.executable, str(Path(__file__).with_name("loadtest_bare.py")), str(port)]
    command += [str(args.workers)] if args.workers else []
    with burst.running(command, port, bare_env, workdir / "bare.log", ready_path="/bare/exercise") as bare:
        return asyncio.run(throughputs(server.base_url, bare.base_url, classroom, args.concurrency, args.seconds))


def run(args: argparse.Namespace) -> dict:
    """The whole test; returns the summary it prints."""
    workdir = Path(tempfile.mkdtemp(prefix="framelab-load-"))
    pace = burst.Pace(labels=args.labels, label_every=args.label_every, ramp=args.ramp)
    summary: dict = {"students": args.students, "engine": args.engine, "workers": args.workers or "default",
                     "load_before": loadavg()}
    with burst.fresh_database(args.engine, args.postgres, workdir) as url:
        started = time.monotonic()
        classroom = burst.prepare_class(url, args.students, args.mode, enrolled=args.join == "returning")
        print(f"setup: {args.students} students ({args.join}), assignment {classroom.assignment_id} "
              f"({time.monotonic() - started:.0f} s); load average {loadavg()}", flush=True)
        port = burst.free_port()
        env = burst.server_env(url)
        with burst.running(burst.serve_command(port, args.workers), port, env, workdir / "server.log") as server:
            started = time.monotonic()
            record = asyncio.run(burst.classroom_burst(server.base_url, classroom, pace, args.dashboard_every))
            summary["burst_s"] = round(time.monotonic() - started, 1)
            summary["load_after_burst"] = loadavg()
            lesson_log_end = (workdir / "server.log").stat().st_size  # the throughput runs log after it
            for kind, messages in record.errors.items():
                for message in messages[:3]:
                    print(f"error ({kind}): {message}", flush=True)
            lost = burst.lost_labels(record, burst.saved_labels(url, classroom.assignment_id))
            exercise_rps, bare_rps = _compare_with_bare(args, url, env, classroom, server, workdir)
    rows = kind_rows(record)
    summary.update({
        "kinds": rows, "server": server_rows(workdir / "server.log", lesson_log_end), "requests": sum(r["requests"] for r in rows), "errors": sum(r["errors"] for r in rows),
        "acknowledged": sum(len(v) for v in record.acknowledged.values()), "lost": lost,
        "submitted": record.submitted, "exercise_rps": round(exercise_rps, 1), "bare_rps": round(bare_rps, 1),
        "exercise_share_of_bare": round(exercise_rps / bare_rps, 2) if bare_rps else None,
        "load_after": loadavg(), "logs": str(workdir)})
    return summary


def report(summary: dict) -> None:
    print()
    print(f"{summary['students']} students on {summary['engine']}, workers: {summary['workers']}; "
          f"the lesson took {summary['burst_s']} s")
    print_kinds(summary["kinds"])
    print("time inside the app during the lesson (the server's request log):")
    print_kinds(summary["server"])
    print(f"requests {summary['requests']}, errors {summary['errors']}, submitted {summary['submitted']}/"
          f"{summary['students']}")
    print(f"labels acknowledged {summary['acknowledged']}, lost {summary['lost']}")
    print(f"exercise page {summary['exercise_rps']} req/s; the same template without a database "
          f"{summary['bare_rps']} req/s; share {summary['exercise_share_of_bare']}")
    print(f"load average: before {summary['load_before']}, after the lesson {summary['load_after_burst']}, "
          f"at the end {summary['load_after']} (on {os.cpu_count()} cores); server logs in {summary['logs']}")


TABLE_KINDS = ["exercise page", "save label", "join", "dashboard"]


def markdown_row(summary: dict) -> str:
    """The README table's row for this run."""
    p95 = {r["kind"]: r["p95"] for r in summary["kinds"]}
    cells = [str(summary["students"]), summary["engine"], str(summary["requests"]), str(summary["errors"]),
             f"{summary['lost']} of {summary['acknowledged']}"]
    cells += [f"{p95.get(kind, 0):.0f}" for kind in TABLE_KINDS]
    cells += [f"{summary['exercise_rps']} / {summary['bare_rps']} = {summary['exercise_share_of_bare']}",
              summary["load_before"].split()[0] + " → " + summary["load_after"].split()[0]]
    return "| " + " | ".join(cells) + " |"


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--postgres", default="postgresql://root@127.0.0.1:5432",
                        help="the PostgreSQL server where a fresh database is made (and dropped)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: framelab serve's)")
    parser.add_argument("--labels", type=int, default=6, help="labels each student saves")
    parser.add_argument("--label-every", type=float, default=5.0,
                        help="seconds between a student's labels, +-50%% (compressed: in class it is minutes)")
    parser.add_argument("--ramp", type=float, default=60.0,
                        help="students sign in within this many seconds (the minutes after the bell)")
    parser.add_argument("--dashboard-every", type=float, default=5.0, help="the teacher's refresh interval")
    parser.add_argument("--mode", choices=["graded", "practice"], default="graded")
    parser.add_argument("--join", choices=["new", "returning"], default="new",
                        help="new: every student's first sign-in creates their account (the first day); "
                             "returning: the roster exists and students sign in with their PINs")
    parser.add_argument("--concurrency", type=int, default=8, help="clients in the throughput runs")
    parser.add_argument("--seconds", type=float, default=10.0,
                        help="time spent on each page in the throughput runs (in five alternating rounds)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON as well")
    parser.add_argument("--markdown", action="store_true", help="print the README table's row as well")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    summary = run(args)
    report(summary)
    if args.json:
        print(json.dumps(summary))
    if args.markdown:
        print(markdown_row(summary))
    return 1 if summary["errors"] or summary["lost"] else 0


if __name__ == "__main__":
    sys.exit(main())
