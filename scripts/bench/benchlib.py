"""Plumbing shared by the benchmark (scripts/bench) and demo (scripts/demo)
scripts: the project's PostgreSQL settings, throw-away databases, and Odoo
shells on them.

Importing this module loads the PG* settings that scripts/setup wrote to
.pgenv into os.environ, so psql, dropdb and psycopg2 reach the suite's
PostgreSQL without the caller setting anything.
"""

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ODOO = os.path.join(ROOT, "scripts", "odoo")


def db_name(base):
    """The name of this checkout's throw-away database ``base``: the base name and a tag of the
    checkout's path, so that benchmarks run from two checkouts (git worktrees) on the same
    PostgreSQL never drop or install into each other's database. Stable per checkout, so
    ``--keep-db`` and re-runs find it again."""
    return f"{base}_{hashlib.sha256(ROOT.encode()).hexdigest()[:6]}"


def _load_pgenv():
    path = os.path.join(ROOT, ".pgenv")
    if not os.path.exists(path):
        sys.exit("not set up yet: run scripts/setup first")
    out = subprocess.run(["bash", "-c", f'source "{path}"; env'], capture_output=True, text=True, check=True).stdout
    os.environ.update(line.split("=", 1) for line in out.splitlines() if line.startswith("PG") and "=" in line)


_load_pgenv()


def drop_db(db):
    """Drop ``db`` and its filestore, if they exist."""
    import time

    for attempt in range(10):
        # an autovacuum worker on the database makes dropdb fail for a moment
        if not subprocess.run(["dropdb", "--if-exists", "--force", db], check=attempt == 9).returncode:
            break
        time.sleep(2)
    shutil.rmtree(os.path.join(ROOT, ".data", "filestore", db), ignore_errors=True)


def db_exists(db):
    with connect("postgres") as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db])
        return bool(cr.fetchone())


@contextlib.contextmanager
def connect(db):
    """A cursor on ``db``; commits and closes the connection at the end."""
    import psycopg2

    cnx = psycopg2.connect(dbname=db)
    try:
        with cnx, cnx.cursor() as cr:
            yield cr
    finally:
        cnx.close()


def suite_modules():
    """Every cxm_* module of addons/, comma-separated (what scripts/run and scripts/test install)."""
    addons = os.path.join(ROOT, "addons")
    return ",".join(
        sorted(
            name
            for name in os.listdir(addons)
            if name.startswith("cxm_") and os.path.exists(os.path.join(addons, name, "__manifest__.py"))
        )
    )


def install(db, modules, demo=False):
    """Create ``db`` (if needed) with ``modules`` installed, without demo data unless asked."""
    cmd = [ODOO, "-d", db, "-i", modules, "--stop-after-init", "--log-level=warn", "--max-cron-threads=0"]
    subprocess.run([*cmd, "--with-demo"] if demo else cmd, check=True, cwd=ROOT)


def odoo_shell(db, code, env=None):
    """Run Python ``code`` in an Odoo shell on ``db``; return what it printed (exit on failure)."""
    proc = subprocess.run(
        [ODOO, "shell", "-d", db, "--no-http", "--log-level=warn", "--max-cron-threads=0"],
        input=code,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    if proc.returncode:
        sys.exit(f"odoo shell failed on {db}:\n{proc.stderr[-3000:]}")
    return proc.stdout


def run_file_in_shell(db, path, env=None):
    """Run the script ``path`` itself inside an Odoo shell on ``db``, output streamed; return its exit code."""
    with open(path, "rb") as source:
        proc = subprocess.run(
            [ODOO, "shell", "-d", db, "--no-http", "--log-level=warn", "--max-cron-threads=0"],
            stdin=source,
            env=env,
            cwd=ROOT,
            check=False,
        )
    return proc.returncode


def run_self_in_shell(path, default_db, modules):
    """For scripts that run themselves inside an Odoo shell: make the database
    (``--db``, default ``default_db``; dropped first unless ``--keep-db``) with
    ``modules``, then run ``path`` in a shell on it with the command-line
    arguments in CXM_BENCH_ARGS. Exits with the script's exit code."""
    argv = sys.argv[1:]
    db = argv[argv.index("--db") + 1] if "--db" in argv else db_name(default_db)
    if "--keep-db" not in argv:
        drop_db(db)
    if not db_exists(db):
        print(f"creating database {db} ({modules}, no demo)...", flush=True)
        install(db, modules)
    env = dict(os.environ, CXM_BENCH_ARGS=" ".join(argv), CXM_BENCH_ROOT=ROOT)
    sys.exit(run_file_in_shell(db, path, env=env))


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(db, workers, extra_env=None):
    """An Odoo server on ``db`` with ``workers`` HTTP workers (and queue_job's
    job runner, a server-wide module of the suite), on a free loopback port;
    yields its URL once it answers, stops it at the end."""
    import time
    import urllib.request

    port = free_port()
    server = subprocess.Popen(
        [
            ODOO,
            "-d",
            db,
            f"--db-filter=^{db}$",
            f"--http-port={port}",
            f"--workers={workers}",
            "--max-cron-threads=0",
            "--log-level=warn",
            "--limit-time-real=600",
            "--limit-time-cpu=600",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        env=dict(os.environ, **(extra_env or {})),
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(240):
            try:
                with urllib.request.urlopen(f"{url}/web/health", timeout=2):  # noqa: S310 (our own http URL)
                    break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError(f"the Odoo server on {db} did not answer")
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


RESULT_PREFIX = "CXM-BENCH-RESULT "


def result(name, unit, ours, *, stock=None, raw=None, ratio=None, target=None, op=">=", note=None):
    """Print one machine-readable result line (read by scripts/bench/all; humans can skip it).

    ``ratio`` is the figure the target is about (ours / stock, ours / ceiling, ...), ``op`` how it
    compares with ``target`` (``>=`` or ``<=``); ``met`` is None when there is no target."""
    import json

    met = None
    if target is not None and ratio is not None:
        met = bool(ratio >= target if op == ">=" else ratio <= target)
    row = {
        "benchmark": name,
        "unit": unit,
        "ours": ours,
        "stock": stock,
        "raw": raw,
        "ratio": ratio,
        "target": None if target is None else f"{op} {target:g}",
        "met": met,
        "note": note,
    }
    print(RESULT_PREFIX + json.dumps(row), flush=True)
