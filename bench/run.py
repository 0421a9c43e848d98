"""Buurtplein's benchmark: generate data, serve in production mode, measure with wrk.

    python -m uv run python bench/run.py [--scale xs|s] [--duration 10] [--connections 16]
        [--server proxy|gunicorn|uvicorn] [--workers N] [--threads 1] [--latency-duration 10]
        [--only 'feed page 1,home']

Without ``DATABASE_URL`` it starts a throwaway PostgreSQL cluster (initdb in a temporary folder,
port 55432, fsync off: that only speeds up the data generation, the measured pages only read),
and without ``REDIS_URL`` a throwaway redis-server (port 6395). It migrates, generates the data
set with ``seed_demo --scale`` (skipped when the database has data), runs ``collectstatic``, and
serves as production does (``--server proxy``, docs/operations.md): nginx with gzip in front,
gunicorn (WSGI, sync workers, persistent database connections) for HTTP and uvicorn (ASGI) for
the websockets under ``/ws/`` — DEBUG off, ``bench.settings`` (Buurtplein plus the two baseline
pages). It checks that a member's websocket opens through the proxy. Then, with ``wrk`` on
127.0.0.1 only, bounded in time, as a browser asks (gzip accepted), it measures each page as an
anonymous visitor and as a logged-in member against the two baselines in the same run (16
connections), then once more at one connection (the response times without queueing), and
prints req/s, p50/p95/p99, the ratios, the database queries per page, the bytes sent and the
PostgreSQL connections the servers hold. Exits 1 when a target is missed: every page at least
0.5× the template baseline's req/s; the member's home, feed, agenda week and exchange list at
one connection p50 ≤ 30 ms and p99 ≤ 80 ms; feed page 50 within 1.2× of page 1, and the deepest
page of the exchange list (up to 10) within 1.2× of its first. Results also go to
``bench/out/results-<scale>.json``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PG_PORT = 55432
REDIS_PORT = 6395
SERVER_PORT = 8765
# Sync gunicorn workers, more than cores: a worker waiting for PostgreSQL (on the same machine)
# leaves its core to another (bench/RESULTS.md, "Serving through WSGI").
DEFAULT_WORKERS = 2 * (os.cpu_count() or 2) + 1
PG_BIN = Path("/usr/lib/postgresql/15/bin")
sys.path.insert(0, str(ROOT))  # bench.settings and buurtplein, however this file is started


# The member's pages with a latency target at one connection: p50 ≤ 30 ms, p99 ≤ 80 ms.
LATENCY_TARGETS = {
    ("home", "member"),
    ("feed page 1", "member"),
    ("agenda week", "member"),
    ("exchange list", "member"),
}


def say(message: str) -> None:
    print(message, flush=True)


def run(*args: str, **kwargs) -> None:
    subprocess.run(args, check=True, cwd=ROOT, **kwargs)


def as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def throwaway_postgres(stack: ExitStack) -> str:
    folder = Path(tempfile.mkdtemp(prefix="buurtplein-bench-pg-"))
    stack.callback(shutil.rmtree, folder, ignore_errors=True)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    bin_dir = PG_BIN if PG_BIN.exists() else Path(shutil.which("initdb") or "initdb").parent
    run(
        *as_postgres(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
                "-E",
                "UTF8",
            ]
        ),
        stdout=subprocess.DEVNULL,
    )
    options = (
        f"-p {PG_PORT} -k {folder} -c listen_addresses={HOST} -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=1GB "
        "-c maintenance_work_mem=512MB -c max_wal_size=4GB"
    )
    run(
        *as_postgres(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "log"),
                "-w",
                "start",
            ]
        ),
        stdout=subprocess.DEVNULL,
    )
    stack.callback(
        subprocess.run,
        as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"]),
        stdout=subprocess.DEVNULL,
    )
    run(
        *as_postgres(
            [
                str(bin_dir / "createdb"),
                "-h",
                HOST,
                "-p",
                str(PG_PORT),
                "-U",
                "postgres",
                "buurtplein",
            ]
        )
    )
    say(f"== throwaway PostgreSQL in {folder} on port {PG_PORT}")
    return f"postgres://postgres@{HOST}:{PG_PORT}/buurtplein"


def throwaway_redis(stack: ExitStack) -> str:
    process = subprocess.Popen(
        [
            "redis-server",
            "--bind",
            HOST,
            "--port",
            str(REDIS_PORT),
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    stack.callback(stop, process)
    say(f"== throwaway Redis on port {REDIS_PORT}")
    return f"redis://{HOST}:{REDIS_PORT}/0"


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def fetch(path: str, cookie: str = "") -> tuple[int, str]:
    connection = http.client.HTTPConnection(HOST, SERVER_PORT, timeout=30)
    connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, body


def wait_for_server() -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        for process in SERVERS:
            if process.poll() is not None:
                raise SystemExit(f"{process.args[:3]} stopped; see bench/out/server-*.log.")
        try:
            if fetch("/bench/minimal/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("The server did not answer within 120 seconds.")


SERVERS: list[subprocess.Popen] = []


def serve(args, work: Path, log) -> list[subprocess.Popen]:
    """Start the servers of ``args.server`` (see ``--server``); their output goes to ``log``."""
    python = [sys.executable, "-m"]
    commands = []
    gunicorn = [
        *python,
        "gunicorn",
        "buurtplein.config.wsgi:application",
        "--workers",
        str(args.workers),
        "--log-level",
        "warning",
    ]
    if args.threads > 1:
        gunicorn += ["--worker-class", "gthread", "--threads", str(args.threads)]
    uvicorn = [
        *python,
        "uvicorn",
        "buurtplein.config.asgi:application",
        "--no-access-log",
        "--log-level",
        "warning",
        "--lifespan",
        "off",
    ]
    if args.server == "proxy":
        commands.append([*gunicorn, "--bind", f"unix:{work}/gunicorn.sock"])
        # The websockets as production serves them (docs/operations.md).
        commands.append([*uvicorn, "--uds", f"{work}/uvicorn.sock", "--workers", "2"])
        config = (ROOT / "bench" / "nginx.conf").read_text()
        for name, value in {
            "PREFIX": str(work),
            "HOST": HOST,
            "PORT": str(SERVER_PORT),
            "STATIC": os.environ["STATIC_ROOT"],
            "MEDIA": os.environ["MEDIA_ROOT"],
        }.items():
            config = config.replace(f"@{name}@", value)
        (work / "nginx.conf").write_text(config)
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        commands.append(
            [nginx, "-p", str(work), "-c", str(work / "nginx.conf"), "-g", "daemon off;"]
        )
    elif args.server == "gunicorn":
        commands.append([*gunicorn, "--bind", f"{HOST}:{SERVER_PORT}"])
    else:
        commands.append(
            [*uvicorn, "--host", HOST, "--port", str(SERVER_PORT), "--workers", str(args.workers)]
        )
    for command in commands:
        SERVERS.append(subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT))
    return SERVERS


def describe(args) -> str:
    workers = f"{args.workers} workers" + (f" × {args.threads} threads" if args.threads > 1 else "")
    if args.server == "proxy":
        return f"nginx (gzip) → gunicorn ({workers}), /ws/ → uvicorn (2 workers)"
    if args.server == "gunicorn":
        return f"gunicorn ({workers}), no proxy"
    return f"uvicorn ({args.workers} workers), no proxy"


def websocket_handshake(neighbourhood_id: int, cookie: str) -> int:
    """Open the member's messaging websocket through the server: the HTTP status (101 when
    the ASGI server took it)."""
    import base64
    import socket

    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        f"GET /ws/messages/{neighbourhood_id}/ HTTP/1.1\r\n"
        f"Host: {HOST}:{SERVER_PORT}\r\nOrigin: http://{HOST}:{SERVER_PORT}\r\n"
        f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
        f"Sec-WebSocket-Version: 13\r\nCookie: {cookie}\r\n\r\n"
    )
    with socket.create_connection((HOST, SERVER_PORT), timeout=30) as sock:
        sock.sendall(request.encode())
        status_line = sock.recv(4096).split(b"\r\n", 1)[0].decode()
    return int(status_line.split()[1])


def wrk(
    path: str, cookie: str, seconds: int, connections: int, threads: int, warm_up: int = 2
) -> dict:
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "bench" / "report.lua"),
        # As a browser asks: the proxy compresses HTML (the baselines' too).
        "-H",
        "Accept-Encoding: gzip, deflate, br",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    url = f"http://{HOST}:{SERVER_PORT}{path}"
    warm = [*command[:3], f"-d{warm_up}s", *command[4:]]
    subprocess.run([*warm, url], check=True, capture_output=True)
    output = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"]
    result["sent_per_response"] = result["bytes"] / max(1, result["requests"])
    result["bytes_total"] = result.pop("bytes")
    return result


def prepare_targets(scale: str) -> dict:
    """Find what to visit (in-process, same settings) and count each page's queries."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_scopes import scopes_disabled

    from buurtplein.accounts.models import User
    from buurtplein.core.models import Membership, Neighbourhood, Role
    from buurtplein.demo.generate import DEMO_LOGINS
    from buurtplein.square.models import Post

    with scopes_disabled():
        nb = Neighbourhood.objects.get(slug="nijmegen-oost")
        member = User.objects.get(email=DEMO_LOGINS[0][0])
        thread = Post.objects.filter(neighbourhood=nb, comment_count__gte=100).first()
        # A professional: their profile is public, so visitors and members both open it.
        neighbour = (
            Membership.objects.filter(neighbourhood=nb, role=Role.PROFESSIONAL)
            .exclude(user=member)
            .order_by("pk")
            .values_list("user_id", flat=True)
            .first()
        )
        posts = Post.objects.filter(neighbourhood=nb).count()
        from buurtplein.agenda.models import Activity
        from buurtplein.clubs.models import Club

        activities = Activity.objects.filter(neighbourhood=nb).count()
        # The busiest club: the most members, its posts, dates and photos on one page.
        club = Club.objects.filter(neighbourhood=nb).order_by("-member_count", "pk").first()
    base = f"/b/{nb.slug}"
    member_client = Client(SERVER_NAME=HOST)
    member_client.force_login(member)
    cookie_name = settings.SESSION_COOKIE_NAME
    cookie = f"{cookie_name}={member_client.cookies[cookie_name].value}"
    pages = {
        "home": f"{base}/",
        "feed page 1": f"{base}/posts/",
        "feed page 50": None,  # found by following the "more" links
        "post, 100 comments": f"{base}/posts/{thread.pk}/",
        "search 'fiets'": f"{base}/posts/search/?q=fiets",
        # The neighbourhood's search: every kind at once (core.search; bench/search.py times
        # it in process, per kind).
        "search 'afval'": f"{base}/search/?q=afval",
        "search 'bridge'": f"{base}/search/?q=bridge",
        "profile": f"{base}/neighbours/{neighbour}/",
        # Vraag & aanbod: the open items, and filtered by kind, category and distance (the
        # member lives in a PC6 of Nijmegen-Oost; for visitors the distance filter is ignored).
        "exchange list": f"{base}/exchange/",
        "exchange, tools ≤1 km": f"{base}/exchange/?kind=things&category=tools&within=1000",
        "exchange deep page": None,  # the last page within 10, following the "more" links
        # Activities: this week, filtered on 65+ and Tuesday, and the month; a club's page.
        "agenda week": f"{base}/agenda/",
        "agenda, 65+ on Tue": f"{base}/agenda/?group=seniors&day=2",
        "agenda month": f"{base}/agenda/month/",
        "club list": f"{base}/clubs/",
        "club page": f"{base}/clubs/{club.slug}/",
    }

    def queries(client, path):
        with CaptureQueriesContext(connection) as captured:
            status = client.get(path).status_code
        return status, len(captured.captured_queries)

    anonymous_client = Client(SERVER_NAME=HOST)
    info = {
        "cookie": cookie,
        "neighbourhood_id": nb.pk,
        "posts_in_neighbourhood": posts,
        "activities_in_neighbourhood": activities,
        "pages": pages,
        "queries": {},
    }
    for name in ("minimal", "template"):
        path = "/bench/minimal/" if name == "minimal" else "/bench/template/"
        info["queries"][f"baseline {name}"] = queries(anonymous_client, path)
    return info, queries, anonymous_client, member_client


def server_connections() -> int:
    """PostgreSQL connections to the bench's database other than the runner's own."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def feed_page(path: str, cookie: str, page: int) -> str:
    """Follow the feed's "more" links from page 1 to ``page``; the path of that page."""
    for _ in range(page - 1):
        status, body = fetch(path, cookie)
        found = re.search(r'href="([^"]*\?after=[^"&]+)', body)
        if status != 200 or not found:
            raise SystemExit(f"The feed ends before page {page} ({path}).")
        path = found.group(1).replace("&amp;", "&")
    return path


def deepest_page(path: str, cookie: str, limit: int) -> tuple[str, int]:
    """Follow the "more" links up to page ``limit`` or the last page: (its path, its number).
    Only the open offers and requests are listed, so how deep it goes depends on the data."""
    page = 1
    while page < limit:
        status, body = fetch(path, cookie)
        found = re.search(r'href="([^"]*\?after=[^"&]+)', body)
        if status != 200 or not found:
            break
        path = found.group(1).replace("&amp;", "&")
        page += 1
    return path, page


def _stop_on_signal(signum, frame):
    raise SystemExit(f"Stopped by signal {signum}; cleaning up.")


def main() -> int:
    signal.signal(signal.SIGTERM, _stop_on_signal)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=["xs", "s"], default="xs", help="Data set (xs).")
    parser.add_argument("--duration", type=int, default=10, help="Seconds per page (10).")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (16).")
    parser.add_argument(
        "--server",
        choices=["proxy", "gunicorn", "uvicorn"],
        default="proxy",
        help="proxy: nginx (gzip) in front of gunicorn, /ws/ to uvicorn, as in production "
        "(default); gunicorn: gunicorn alone; uvicorn: uvicorn alone, all HTTP over ASGI.",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=DEFAULT_WORKERS,
        help=f"gunicorn's (or uvicorn's) worker processes ({DEFAULT_WORKERS}).",
    )
    parser.add_argument(
        "--only",
        default="",
        help="Measure only these pages (comma-separated names, e.g. 'feed page 1,home'); "
        "the baselines always.",
    )
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads (1: sync).")
    parser.add_argument(
        "--latency-duration",
        type=int,
        default=10,
        help="Seconds per page of the one-connection pass (10; 0 skips it).",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    if args.server == "proxy" and not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        raise SystemExit("nginx is missing: apt-get install nginx (or --server gunicorn)")
    args.duration = max(1, min(args.duration, 120))

    with ExitStack() as stack:
        work = Path(tempfile.mkdtemp(prefix="buurtplein-bench-"))
        stack.callback(shutil.rmtree, work, ignore_errors=True)
        database_url = os.environ.get("DATABASE_URL") or throwaway_postgres(stack)
        redis_url = os.environ.get("REDIS_URL") or throwaway_redis(stack)
        os.environ.update(
            DJANGO_SETTINGS_MODULE="bench.settings",
            DATABASE_URL=database_url,
            REDIS_URL=redis_url,
            DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "bench-" + os.urandom(16).hex()),
            ALLOWED_HOSTS=HOST,
            BUURTPLEIN_INSECURE_HTTP="1",
            BUURTPLEIN_DEBUG="0",
            MEDIA_ROOT=os.environ.get("MEDIA_ROOT", str(work / "media")),
            STATIC_ROOT=str(work / "static"),
            LOG_LEVEL="ERROR",
        )
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        manage = [sys.executable, "manage.py"]
        run(*manage, "migrate", "--verbosity", "0")
        started = time.monotonic()
        run(*manage, "seed_demo", "--scale", args.scale)
        seed_seconds = time.monotonic() - started
        run(*manage, "collectstatic", "--noinput", "--verbosity", "0")
        info, queries, anonymous_client, member_client = prepare_targets(args.scale)
        say(
            f"== data ready in {seed_seconds:.0f} s; Nijmegen-Oost has "
            f"{info['posts_in_neighbourhood']} posts and "
            f"{info['activities_in_neighbourhood']} activities"
        )

        out = ROOT / "bench" / "out"
        out.mkdir(exist_ok=True)
        server_log = out / f"server-{args.scale}.log"
        log = stack.enter_context(server_log.open("w"))
        work.chmod(0o755)  # nginx's workers (nobody, when started as root) reach the sockets
        for process in serve(args, work, log):
            stack.callback(stop, process)
        wait_for_server()
        say(f"== serving: {describe(args)}, on http://{HOST}:{SERVER_PORT}/")
        if args.server != "gunicorn":
            status = websocket_handshake(info["neighbourhood_id"], info["cookie"])
            say(f"== websocket /ws/messages/ through {args.server}: HTTP {status}")
            if status != 101:
                raise SystemExit(f"The websocket handshake got HTTP {status}, not 101.")

        cookie = info["cookie"]
        pages = dict(info["pages"])
        # Template baselines as large as the feed's first page: as a visitor and as a member
        # sees it (a member's page is larger: reaction and save buttons, members-only posts).
        empty = len(fetch("/bench/template/?cards=0")[1].encode())
        per_card = (len(fetch("/bench/template/?cards=10")[1].encode()) - empty) / 10
        sizes = {
            "anonymous": len(fetch(pages["feed page 1"])[1].encode()),
            "member": len(fetch(pages["feed page 1"], cookie)[1].encode()),
        }
        cards = {who: max(1, round((size - empty) / per_card)) for who, size in sizes.items()}
        targets = [
            ("baseline minimal", "", "/bench/minimal/"),
            ("baseline template", "anonymous", f"/bench/template/?cards={cards['anonymous']}"),
            ("baseline template", "member", f"/bench/template/?cards={cards['member']}"),
        ]
        wanted = {name.strip() for name in args.only.split(",") if name.strip()} or set(pages)
        for who, who_cookie, client in (
            ("anonymous", "", anonymous_client),
            ("member", cookie, member_client),
        ):
            for name, path in pages.items():
                if name not in wanted:
                    continue
                if name == "feed page 50":
                    path = feed_page(pages["feed page 1"], who_cookie, 50)
                elif name == "exchange deep page":
                    path, reached = deepest_page(pages["exchange list"], who_cookie, 10)
                    name = f"exchange page {reached}"
                targets.append((name, who, path, who_cookie, client))

        results = []
        threads = 2
        for target in targets:
            name, who, path = target[:3]
            who_cookie = target[3] if len(target) > 3 else ""
            status, body = fetch(path, who_cookie)
            if len(target) > 3:
                _status, count = queries(target[4], path)
            else:
                _status, count = info["queries"][name]
            measured = wrk(path, who_cookie, args.duration, args.connections, threads)
            row = {
                "page": name,
                "who": who if len(target) > 3 else "-" if not who else f"({who})",
                "path": path,
                "status": status,
                "bytes": len(body.encode()),
                "queries": count,
                **measured,
            }
            results.append(row)
            say(f"   {name:20} {who or '-':11} {status} {measured['rps']:8.1f} req/s")
        held = {"after the throughput pass": server_connections()}

        if args.latency_duration:
            say(f"== one connection, {args.latency_duration} s per page (c=1)")
            for row, target in zip(results, targets, strict=True):
                who_cookie = target[3] if len(target) > 3 else ""
                measured = wrk(row["path"], who_cookie, args.latency_duration, 1, 1, warm_up=1)
                row["c1"] = measured
                say(
                    f"   {row['page']:20} {row['who']:11} p50 {measured['p50'] / 1000:6.1f} ms"
                    f"  p99 {measured['p99'] / 1000:6.1f} ms"
                )
            held["after the one-connection pass"] = server_connections()

        minimal = results[0]["rps"] or 1e-9
        template = {"anonymous": results[1]["rps"] or 1e-9, "member": results[2]["rps"] or 1e-9}
        failures = []
        say("")
        say(
            f"{'page':20} {'who':11} {'status':>6} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} "
            f"{'p99 ms':>7} {'×min':>6} {'×tmpl':>6} {'queries':>7} {'KB':>6} {'sent':>5} "
            f"{'c1 p50':>6} {'c1 p99':>6}"
        )
        for row in results:
            row["vs_minimal"] = row["rps"] / minimal
            row["vs_template"] = row["rps"] / template.get(
                row["who"].strip("()"), template["anonymous"]
            )
            say(
                f"{row['page']:20} {row['who']:11} {row['status']:>6} {row['rps']:8.1f} "
                f"{row['p50'] / 1000:7.1f} {row['p95'] / 1000:7.1f} {row['p99'] / 1000:7.1f} "
                f"{row['vs_minimal']:6.2f} {row['vs_template']:6.2f} {row['queries']:>7} "
                f"{row['bytes'] / 1024:6.1f} {row['sent_per_response'] / 1024:5.1f} "
                + (
                    f"{row['c1']['p50'] / 1000:6.1f} {row['c1']['p99'] / 1000:6.1f}"
                    if "c1" in row
                    else f"{'-':>6} {'-':>6}"
                )
            )
            if (row["page"], row["who"]) in LATENCY_TARGETS and "c1" in row:
                p50, p99 = row["c1"]["p50"] / 1000, row["c1"]["p99"] / 1000
                if p50 > 30 or p99 > 80:
                    failures.append(
                        f"{row['page']} ({row['who']}): c=1 p50 {p50:.1f} ms, p99 {p99:.1f} ms,"
                        " target p50 ≤ 30 ms and p99 ≤ 80 ms"
                    )
            if row["status_errors"] or row["errors"]:
                failures.append(f"{row['page']} ({row['who']}): {row['errors']} errors")
            if not row["page"].startswith("baseline") and row["vs_template"] < 0.5:
                failures.append(
                    f"{row['page']} ({row['who']}): {row['vs_template']:.2f}× the "
                    "template baseline of its size, target ≥ 0.5×"
                )
        for who in ("anonymous", "member"):
            first = next(
                (r for r in results if r["page"] == "exchange list" and r["who"] == who), None
            )
            deep = next(
                (r for r in results if r["page"].startswith("exchange page") and r["who"] == who),
                None,
            )
            if not first or not deep:
                continue
            slower = first["rps"] / max(deep["rps"], 1e-9)
            say(f"{deep['page']} vs page 1 ({who}): {slower:.2f}× slower (target ≤ 1.2×)")
            if slower > 1.2:
                failures.append(f"{deep['page']} ({who}) is {slower:.2f}× slower than page 1")
        for who in ("anonymous", "member"):
            first, fiftieth = (
                next((r for r in results if r["page"] == page and r["who"] == who), None)
                for page in ("feed page 1", "feed page 50")
            )
            if not first or not fiftieth:
                continue
            slower = first["rps"] / max(fiftieth["rps"], 1e-9)
            say(f"feed page 50 vs page 1 ({who}): {slower:.2f}× slower (target ≤ 1.2×)")
            if slower > 1.2:
                failures.append(f"feed page 50 ({who}) is {slower:.2f}× slower than page 1")
        for who in ("anonymous", "member"):
            say(
                f"template baseline ({who}): {cards[who]} cards, as large as feed page 1 "
                f"({sizes[who] / 1024:.1f} KB); ×tmpl compares {who} pages with it"
            )

        for when, count in held.items():
            say(f"PostgreSQL connections held by the servers {when}: {count}")
        say("KB: the page; sent: what went over the wire per response (gzip by the proxy).")
        errors_logged = server_log.read_text().count("Traceback")
        if errors_logged:
            say(f"The server logged {errors_logged} tracebacks: see {server_log}")
        (out / f"results-{args.scale}.json").write_text(
            json.dumps(
                {
                    "scale": args.scale,
                    "seed_seconds": seed_seconds,
                    "server": describe(args),
                    "workers": args.workers,
                    "threads": args.threads,
                    "postgresql_connections": held,
                    "connections": args.connections,
                    "duration": args.duration,
                    "results": results,
                },
                indent=2,
                default=str,
            )
        )
        if failures:
            say("\nMISSED TARGETS:\n  " + "\n  ".join(failures))
            return 1
        say("\nAll targets met.")
        return 0


if __name__ == "__main__":
    sys.exit(main())
