"""Benchmark of online help's live chat: 500 websockets, 100 chats at once, on the production
stack (uvicorn, channels-redis, PostgreSQL), with 10% of the sockets dropped and reconnected.

What it does:

1. Into the database of ``DATABASE_URL`` (migrated), a throw-away neighbourhood with a desk
   open day and night, ``--workers`` workers, ``--chats`` chats taken by them, and
   ``--waiting`` chats still in line.
2. Serves ``buurtplein.config.asgi`` with uvicorn, one worker process (production serves the
   websockets so, behind nginx: docs/operations.md; here the clients talk to uvicorn directly
   over TCP).
3. Opens the sockets (``consumers.AskerConsumer``; the protocol: docs/components/onlinehulp.md):
   per chat the asker's socket and a second socket on the same chat standing in for the
   worker's (the console's ``WorkerConsumer`` is another part of issue 14 and joins the same
   chat group, ``events.chat_group``, so it hears the same event at the same moment), plus one
   socket per waiting chat (in the desk's group: they hear the queue change). 2 × 100 + 300 =
   500 by default.
4. For ``--seconds`` (30): every asker sends a message every 5–15 s (``--asker-every``; a
   person typing in a chat) over their socket; a separate process plays the workers, posting
   answers through ``actions.message_post`` (as the console does) round-robin at
   ``--worker-rate`` (10) per second, so each of the 100 workers answers every 10 s, and starts
   a new chat every 2 s (queue churn: the waiting sockets count their place again). Halfway,
   ``--drop`` (10%) of the sockets are cut (the TCP connection aborted, no close frame, as a
   phone losing its network); after 3 s they come back with ``after`` = the last ``seq`` up to
   which they had them all (as ``chat.js``), and resend what was not acked with the same
   ``client_id``.
5. Measures the time from sending to arrival on the other side: asker → the chat's other socket
   ("asker → worker"), and worker process → asker socket ("worker → asker"; both clocks are
   this machine's). Messages that arrive in the catch-up after a reconnect are counted for loss
   but not timed. Then compares what every socket of an active chat received with what the
   database holds: **lost** (a stored message a socket never got) and **repeated frames** (a
   ``seq`` a socket got twice: only in the catch-up after a reconnect, for numbers above the
   last one up to which the page had them all; the page drops a number it has, so nothing
   shows twice), and every message an asker sent is stored exactly once.

Prints the figures (p50/p95/max ms), exits 1 when a message was lost or stored twice, or the p95 of
either direction is over 100 ms, and removes what it made (``--keep`` leaves it).

    runuser -u postgres -- createdb -O buurtplein buurtplein_live   # once
    DATABASE_URL=postgres://buurtplein:buurtplein@127.0.0.1:5432/buurtplein_live \\
    REDIS_URL=redis://127.0.0.1:6391/8 DJANGO_SECRET_KEY=x BUURTPLEIN_INSECURE_HTTP=1 \\
    ALLOWED_HOSTS=127.0.0.1 python -m uv run python manage.py migrate
    (same environment) python -m uv run python bench/onlinehulp.py [--chats 100] [--waiting 300]
        [--seconds 30] [--drop 0.1] [--asker-every 5-15] [--worker-rate 10]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def django_setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtplein.config.settings")
    import django

    django.setup()


# --- the world --------------------------------------------------------------------------------


def make_world(chats: int, waiting: int, workers: int) -> dict:
    from django_scopes import scopes_disabled

    from buurtplein.accounts.tests.factories import OrganisationFactory, UserFactory
    from buurtplein.core.tests.factories import NeighbourhoodFactory, RegionFactory
    from buurtplein.onlinehulp import actions
    from buurtplein.onlinehulp.tests.factories import DeskFactory, take_part

    tag = f"{os.getpid()}-{random.randrange(10**6)}"
    nb = NeighbourhoodFactory(name=f"Bench online help {tag}", slug=f"bench-oh-{tag}")
    with scopes_disabled():
        region = RegionFactory(name=f"Bench {tag}", slug=f"bench-oh-{tag}", neighbourhoods=[nb])
        desk = DeskFactory(slug=f"bench-oh-{tag}", region=region, always_open=True)
        organisation = OrganisationFactory(slug=f"bench-oh-{tag}")
        take_part(desk, organisation)
        people = [
            UserFactory(first_name=f"Werker{i}", email=f"werker{i}-{tag}@bench.invalid")
            for i in range(workers)
        ]
        active = []
        for i in range(chats):
            chat, token, _code = actions.chat_start(desk=desk, neighbourhood=nb)
            worker = people[i % workers]
            actions.chat_take(chat=chat, worker=worker, organisation=organisation)
            active.append({"id": chat.pk, "token": token, "worker": worker.pk})
        queue = []
        for _ in range(waiting):
            chat, token, _code = actions.chat_start(desk=desk, neighbourhood=nb)
            queue.append({"id": chat.pk, "token": token})
    return {
        "nb": nb.pk,
        "desk": desk.pk,
        "organisation": organisation.pk,
        "workers": [p.pk for p in people],
        "active": active,
        "waiting": queue,
    }


def remove_world(world: dict) -> None:
    from django_scopes import scopes_disabled

    from buurtplein.accounts.models import Organisation, User
    from buurtplein.core.models import Neighbourhood
    from buurtplein.onlinehulp.models import Chat, Desk

    with scopes_disabled():
        Chat.objects.filter(desk_id=world["desk"]).delete()
        desk = Desk.objects.get(pk=world["desk"])
        region = desk.region
        desk.delete()
        region.delete()
        Neighbourhood.objects.filter(pk=world["nb"]).delete()
        User.objects.filter(pk__in=world["workers"]).delete()
        Organisation.objects.filter(pk=world["organisation"]).delete()


def stored(world: dict) -> dict:
    """Per active chat: its stored seqs; and every client id stored, with its count."""
    from django.db.models import Count
    from django_scopes import scopes_disabled

    from buurtplein.onlinehulp.models import ChatMessage

    ids = [c["id"] for c in world["active"]]
    with scopes_disabled():
        seqs: dict[int, set[int]] = {i: set() for i in ids}
        for chat_id, seq in ChatMessage.objects.filter(chat_id__in=ids).values_list(
            "chat_id", "seq"
        ):
            seqs[chat_id].add(seq)
        clients = dict(
            ChatMessage.objects.filter(chat_id__in=ids)
            .exclude(client_id="")
            .values("client_id")
            .annotate(n=Count("id"))
            .values_list("client_id", "n")
        )
    return {"seqs": seqs, "clients": clients}


# --- the workers' process -------------------------------------------------------------------


def play_workers(world_file: str, seconds: float, rate: float) -> None:
    """Post the workers' answers through the action the console uses, round-robin over the
    active chats, and start a chat every 2 s (queue churn). Prints how many it posted."""
    django_setup()
    from django.db import close_old_connections
    from django_scopes import scopes_disabled

    from buurtplein.accounts.models import User
    from buurtplein.core.models import Neighbourhood
    from buurtplein.onlinehulp import actions
    from buurtplein.onlinehulp.models import Chat, Desk

    world = json.loads(Path(world_file).read_text())
    with scopes_disabled():
        chats = list(
            Chat.objects.filter(pk__in=[c["id"] for c in world["active"]]).select_related(
                "desk", "worker"
            )
        )
        desk = Desk.objects.get(pk=world["desk"])
        nb = Neighbourhood.objects.get(pk=world["nb"])
    workers = {u.pk: u for u in User.objects.filter(pk__in=world["workers"])}
    posted = started = 0
    begin = time.monotonic()
    next_churn = begin + 2
    i = 0
    while time.monotonic() - begin < seconds:
        chat = chats[i % len(chats)]
        i += 1
        with scopes_disabled():
            actions.message_post(
                chat=chat,
                author="worker",
                text=f"w {time.time():.6f}",
                worker=workers[chat.worker_id],
            )
            posted += 1
            if time.monotonic() >= next_churn:
                actions.chat_start(desk=desk, neighbourhood=nb)
                started += 1
                next_churn += 2
        close_old_connections()
        delay = begin + i / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
    print(json.dumps({"posted": posted, "started": started}), flush=True)


# --- the clients ----------------------------------------------------------------------------


class Sock:
    def __init__(self, role: str, chat: dict, url: str, origin: str):
        self.role, self.chat, self.url, self.origin = role, chat, url, origin
        self.received: list[int] = []
        self.have: set[int] = set()
        self.last_seq = 0
        self.pending: dict[str, str] = {}  # client id -> text, until acked
        self.sent: set[str] = set()
        self.ws = None
        self.ready = asyncio.Event()
        self.catching_up = True
        self.connections = 0
        self.dropped = False


class Bench:
    def __init__(self, args, world, url, origin):
        self.args, self.world = args, world
        self.asker_to_worker: list[float] = []
        self.worker_to_asker: list[float] = []
        self.connect_ms: list[float] = []
        self.failed_connects = 0
        self.last_frame = time.monotonic()
        self.stop = asyncio.Event()
        self.socks: list[Sock] = []
        for chat in world["active"]:
            self.socks.append(Sock("asker", chat, url, origin))
            self.socks.append(Sock("observer", chat, url, origin))
        for chat in world["waiting"]:
            self.socks.append(Sock("waiting", chat, url, origin))

    async def connect(self, sock: Sock):
        from websockets.asyncio.client import connect

        started = time.perf_counter()
        sock.ready.clear()
        sock.catching_up = True
        for attempt in range(20):
            try:
                sock.ws = await connect(sock.url, origin=sock.origin, open_timeout=20)
                break
            except (OSError, TimeoutError, Exception):
                if attempt == 19:
                    raise
                await asyncio.sleep(0.2 * (attempt + 1))
        sock.connections += 1
        await sock.ws.send(
            json.dumps(
                {"type": "hello", "token": sock.chat["token"], "after": sock.last_seq, "lang": "nl"}
            )
        )
        asyncio.get_running_loop().create_task(self.listen(sock, sock.ws))
        try:
            await asyncio.wait_for(sock.ready.wait(), 30)
        except TimeoutError:
            self.failed_connects += 1
            sock.ws.transport.abort()
            return await self.connect(sock)  # as the page does: try again
        self.connect_ms.append((time.perf_counter() - started) * 1000)
        for client_id, text in list(sock.pending.items()):  # resend what was not acked
            await sock.ws.send(json.dumps({"type": "send", "text": text, "client_id": client_id}))

    async def listen(self, sock: Sock, ws):
        try:
            async for raw in ws:
                frame = json.loads(raw)
                now = time.time()
                self.last_frame = time.monotonic()
                kind = frame.get("type")
                if kind == "message":
                    sock.received.append(frame["seq"])
                    sock.have.add(frame["seq"])
                    while sock.last_seq + 1 in sock.have:  # as chat.js: all up to here
                        sock.last_seq += 1
                    if sock.catching_up:
                        continue
                    kind_of, stamp = frame["text"].split(" ", 1)
                    if kind_of == "a" and sock.role == "observer" and not stamp.endswith("r"):
                        self.asker_to_worker.append((now - float(stamp)) * 1000)
                    elif kind_of == "w" and sock.role == "asker":
                        self.worker_to_asker.append((now - float(stamp)) * 1000)
                elif kind == "state":
                    sock.catching_up = False
                    sock.ready.set()
                elif kind == "ack":
                    sock.pending.pop(frame["client_id"], None)
                elif kind == "error":
                    print("error frame:", frame, file=sys.stderr)
        except Exception:  # the connection was cut (the drop) or closed at the end
            return

    async def talk(self, sock: Sock):
        """The asker sends a message every ``--asker-every`` seconds while the run lasts."""
        n = 0
        await asyncio.sleep(random.uniform(0, self.args.asker_every[1]))
        while not self.stop.is_set():
            n += 1
            client_id = f"{sock.chat['id']}-{n}"
            text = f"a {time.time():.6f}"
            sock.pending[client_id] = text + "r"  # a resend is not timed
            sock.sent.add(client_id)
            if sock.ready.is_set() and sock.ws is not None:
                with contextlib.suppress(Exception):  # cut: resent on reconnect
                    await sock.ws.send(
                        json.dumps({"type": "send", "text": text, "client_id": client_id})
                    )
            await asyncio.sleep(random.uniform(*self.args.asker_every))

    async def drop_and_return(self, socks: list[Sock]):
        for sock in socks:
            sock.dropped = True
            sock.ready.clear()
            sock.ws.transport.abort()  # no close frame: a phone that lost its network
            sock.ws = None
        await asyncio.sleep(3)
        await asyncio.gather(*(self.connect(sock) for sock in socks))

    async def run(self):
        for start in range(0, len(self.socks), 50):  # connect in batches, as people arrive
            await asyncio.gather(*(self.connect(s) for s in self.socks[start : start + 50]))
        print(f"{len(self.socks)} sockets connected", flush=True)
        await asyncio.sleep(2)
        self.asker_to_worker.clear()
        self.worker_to_asker.clear()
        self.connect_ms_initial = list(self.connect_ms)
        self.connect_ms.clear()
        world_file = Path(tempfile.mkstemp(suffix=".json")[1])
        world_file.write_text(json.dumps(self.world))
        workers = await asyncio.create_subprocess_exec(
            sys.executable,
            __file__,
            "--play-workers",
            str(world_file),
            "--seconds",
            str(self.args.seconds),
            "--worker-rate",
            str(self.args.worker_rate),
            stdout=asyncio.subprocess.PIPE,
        )
        talkers = [
            asyncio.get_running_loop().create_task(self.talk(s))
            for s in self.socks
            if s.role == "asker"
        ]
        await asyncio.sleep(self.args.seconds / 2)
        dropped = random.sample(self.socks, int(len(self.socks) * self.args.drop))
        await self.drop_and_return(dropped)
        out, _ = await workers.communicate()
        self.stop.set()
        await asyncio.gather(*talkers, return_exceptions=True)
        self.workers_out = json.loads(out.decode().strip().splitlines()[-1])
        # Let what is on its way arrive.
        for _ in range(50):
            if not any(s.pending for s in self.socks):
                break
            await asyncio.sleep(0.2)
        while time.monotonic() - self.last_frame < 3:  # until nothing arrives for 3 s
            await asyncio.sleep(0.5)
        self.dropped = dropped
        for sock in self.socks:
            if sock.ws is not None:
                await sock.ws.close()
        world_file.unlink()


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chats", type=int, default=100)
    parser.add_argument("--waiting", type=int, default=300)
    parser.add_argument("--workers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument(
        "--asker-every",
        type=lambda text: tuple(float(x) for x in text.split("-")),
        default=(5.0, 15.0),
        help="seconds between an asker's messages, from-to (default 5-15)",
    )
    parser.add_argument("--drop", type=float, default=0.1)
    parser.add_argument("--worker-rate", type=float, default=10)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--play-workers", metavar="WORLD_FILE")
    args = parser.parse_args()
    if args.play_workers:
        play_workers(args.play_workers, args.seconds, args.worker_rate)
        return 0
    if not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL"):
        sys.exit("bench/onlinehulp.py needs DATABASE_URL (PostgreSQL) and REDIS_URL (see above)")
    django_setup()
    world = make_world(args.chats, args.waiting, args.workers)
    from django.db import connections

    connections.close_all()
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "buurtplein.config.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
    )
    load_before = os.getloadavg()
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        neighbourhood = world["nb"]
        url = f"ws://127.0.0.1:{port}/ws/online-help/{neighbourhood}/chat/"
        bench = Bench(args, world, url, f"http://127.0.0.1:{port}")
        started = time.monotonic()
        server_cpu, own_cpu = _cpu_seconds(server.pid), time.process_time()
        asyncio.run(bench.run())
        wall = time.monotonic() - started
        server_cpu, own_cpu = _cpu_seconds(server.pid) - server_cpu, time.process_time() - own_cpu
    finally:
        server.terminate()
        server.wait(timeout=20)
    load_after = os.getloadavg()

    truth = stored(world)
    lost = doubled = 0
    for sock in bench.socks:
        if sock.role == "waiting":
            continue
        got = sock.received
        doubled += len(got) - len(set(got))
        lost += len(truth["seqs"][sock.chat["id"]] - set(got))
    sent = set().union(*(s.sent for s in bench.socks if s.role == "asker"))
    unsent = [c for c in sent if truth["clients"].get(c, 0) == 0]
    twice = [c for c in sent if truth["clients"].get(c, 0) > 1]
    messages = sum(len(v) for v in truth["seqs"].values())
    if not args.keep:
        remove_world(world)

    def line(name, values):
        return (
            f"{name:<22} n={len(values):>5}  p50 {statistics.median(values):6.1f}  "
            f"p95 {pct(values, 95):6.1f}  max {max(values):7.1f} ms"
        )

    print(
        f"sockets {len(bench.socks)} ({args.chats} chats × 2 + {args.waiting} waiting), "
        f"{args.seconds:.0f} s, asker every {args.asker_every[0]:g}–{args.asker_every[1]:g} s, "
        f"workers {args.worker_rate:g}/s, dropped and back {len(bench.dropped)}; "
        f"stored messages {messages}, workers posted {bench.workers_out['posted']}, "
        f"new chats {bench.workers_out['started']}; wall {wall:.1f} s"
    )
    print(f"CPU seconds: server {server_cpu:.1f}, clients {own_cpu:.1f} (of {wall:.1f} s wall)")
    print(line("asker → worker side", bench.asker_to_worker))
    print(line("worker → asker", bench.worker_to_asker))
    print(line("connect (first)", bench.connect_ms_initial))
    print(line("reconnect (hello→state)", bench.connect_ms))
    print(f"connections that got no state within 30 s (tried again): {bench.failed_connects}")
    print(
        f"lost {lost}  repeated frames {doubled} (after a reconnect; the page drops a number it "
        f"has)  asker messages sent {len(sent)}: not stored {len(unsent)}, stored twice "
        f"{len(twice)}"
    )
    print(
        "load average (1/5/15 min) before "
        + "/".join(f"{x:.1f}" for x in load_before)
        + ", after "
        + "/".join(f"{x:.1f}" for x in load_after)
    )
    failed = (
        lost
        or unsent
        or twice
        or pct(bench.asker_to_worker, 95) > 100
        or pct(bench.worker_to_asker, 95) > 100
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
