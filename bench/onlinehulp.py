"""Benchmark of online help's live chat: 500 websockets, 100 chats at once, on the production
stack (uvicorn, channels-redis, PostgreSQL), with 10% of the sockets dropped and reconnected.

What it does:

1. Into the database of ``DATABASE_URL`` (migrated), a throw-away neighbourhood with a desk
   open day and night, ``--organisations`` (3) organisations taking part, ``--workers`` (50)
   workers, ``--chats`` (100) chats taken by them and ``--waiting`` (350) chats still in line.
   A worker is what the console lets in: a verified member of the neighbourhood (as a
   resident: no two-step log-in needed for the role) on the staff of a taking-part
   organisation, with a real logged-in session (``Client.force_login``; its ``sessionid``
   cookie goes in the websocket handshake, with an ``Origin`` the
   ``AllowedHostsOriginValidator`` accepts).
2. Serves ``buurtplein.config.asgi`` with uvicorn as production does (docs/operations.md: two
   worker processes, ``--processes N`` for another number; the channel layer shared through
   Redis; here the clients talk to uvicorn directly over TCP, not through nginx), in a process
   of its own (``uvicorn.run``; with ``--sample FILE`` and ``--processes 1`` it also samples
   its threads' stacks every 5 ms and writes where they were busy: the sampler gets the GIL
   where C code lets it go, so it over-counts such code, zlib's among it).
3. Opens the sockets (the protocol: docs/components/onlinehulp.md): per chat the asker's
   (``consumers.AskerConsumer``), per worker the **real console**
   (``console_consumers.WorkerConsumer``, ``/ws/online-help/<nb>/console/``), and one asker
   socket per waiting chat (in the desk's group: they hear the queue change). Each worker runs
   two chats at once (chat *i* is worker *i* mod 50's): the console is made for several chats
   at once, and the pilot the issue starts from had 50 workers; 100 consoles with one chat
   each would make the chats' fan-out smaller than a real shift's, not larger. 100 + 50 + 350
   = 500 sockets by default.
4. For ``--seconds`` (30): every asker sends a message every 5–15 s (``--asker-every``; a
   person typing in a chat) over their socket; the workers answer **over their console's
   socket** (``{"type": "send", "chat", "text", "client_id"}``, acked with the message's
   number) round-robin over the chats at ``--worker-rate`` per second in all (default: the
   chats / 10, so each chat gets an answer every 10 s, as often as its asker writes); each
   console pings every 30 s (presence, as ``console.js``); a separate process starts a chat
   every 2 s (queue churn: the waiting sockets count their place again, the consoles hear
   ``queue``). Halfway, ``--drop`` (10%) of all sockets
   (askers, consoles and waiting alike) are cut (the TCP connection aborted, no close frame,
   as a phone or laptop losing its network); after 3 s they come back: an asker with
   ``after`` = the last ``seq`` up to which it had them all (as ``chat.js``), a console with a
   ``resume`` per open chat with that chat's last such ``seq`` (as ``console.js``); both send
   again what was not acked, with the same ``client_id``.
5. Measures the time from sending to arrival on the other side: asker → the worker's console
   socket ("asker → worker"), worker's console → asker socket ("worker → asker"), and a
   worker's send → its ack. Both clocks are this machine's. A message sent before the
   receiving socket's (re)connection arrives in its catch-up: counted for loss, not timed;
   resends are not timed either. Then compares what every asker socket of an active chat and
   every console received with what the database holds: **lost** (a stored message of the
   chat the socket never got) and **repeated frames** (a ``seq`` a socket got twice: only
   around a reconnect, where a catch-up and the live event can both bring it; the pages drop
   a number they have, so nothing shows twice), and every message an asker or a worker sent
   is stored exactly once.

Not simulated: what a console fetches over HTTP on ``queue`` and ``presence`` events (the
waiting list; gunicorn serves it in production, not this process).

Prints the figures (p50/p95/max ms), exits 1 when a message was lost or stored twice, or the p95 of
either direction is over 100 ms, and removes what it made (``--keep`` leaves it).

``--profile`` instead times the parts of the message path one by one in this process
(``message_post``'s queries, the crisis check, the group send over Redis, the console's
re-check, a presence ping), ``--profile-rounds`` (200) times each: what a message costs the
server's database threads and its event loop.

    runuser -u postgres -- createdb -O buurtplein buurtplein_live   # once
    DATABASE_URL=postgres://buurtplein:buurtplein@127.0.0.1:5432/buurtplein_live \\
    REDIS_URL=redis://127.0.0.1:6391/8 DJANGO_SECRET_KEY=x BUURTPLEIN_INSECURE_HTTP=1 \\
    ALLOWED_HOSTS=127.0.0.1 python -m uv run python manage.py migrate
    (same environment) python -m uv run python bench/onlinehulp.py [--chats 100] [--workers 50]
        [--waiting 350] [--seconds 30] [--drop 0.1] [--asker-every 5-15] [--worker-rate 10]
        [--processes 1] [--profile]
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


def make_world(chats: int, waiting: int, workers: int, organisations: int) -> dict:
    from django.conf import settings
    from django.test import Client
    from django_scopes import scopes_disabled

    from buurtplein.accounts.tests.factories import OrganisationFactory
    from buurtplein.core.tests.factories import NeighbourhoodFactory, RegionFactory, member
    from buurtplein.onlinehulp import actions
    from buurtplein.onlinehulp.tests.factories import DeskFactory, take_part

    tag = f"{os.getpid()}-{random.randrange(10**6)}"
    nb = NeighbourhoodFactory(name=f"Bench online help {tag}", slug=f"bench-oh-{tag}")
    with scopes_disabled():
        region = RegionFactory(name=f"Bench {tag}", slug=f"bench-oh-{tag}", neighbourhoods=[nb])
        desk = DeskFactory(slug=f"bench-oh-{tag}", region=region, always_open=True)
        orgs = []
        for i in range(organisations):
            org = OrganisationFactory(slug=f"bench-oh-{tag}-{i}")
            org.neighbourhoods.add(nb)
            take_part(desk, org)
            orgs.append(org)
        people = []
        for i in range(workers):
            person = member(nb, first_name=f"Werker{i}", email=f"werker{i}-{tag}@bench.invalid")
            orgs[i % organisations].staff.add(person)
            client = Client()
            client.force_login(person)  # a real session, as after logging in
            cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
            people.append({"pk": person.pk, "user": person, "cookie": cookie, "chats": []})
        active = []
        for i in range(chats):
            chat, token, _code = actions.chat_start(desk=desk, neighbourhood=nb)
            worker = people[i % workers]
            assert actions.console_take(
                chat=chat, worker=worker["user"], organisation=orgs[(i % workers) % organisations]
            )
            worker["chats"].append(chat.pk)
            active.append({"id": chat.pk, "token": token, "worker": worker["pk"]})
        queue = []
        for _ in range(waiting):
            chat, token, _code = actions.chat_start(desk=desk, neighbourhood=nb)
            queue.append({"id": chat.pk, "token": token})
    for person in people:
        del person["user"]
    return {
        "nb": nb.pk,
        "desk": desk.pk,
        "organisations": [o.pk for o in orgs],
        "workers": people,
        "active": active,
        "waiting": queue,
    }


def remove_world(world: dict) -> None:
    from django.contrib.sessions.models import Session
    from django_scopes import scopes_disabled

    from buurtplein.accounts.models import Organisation, User
    from buurtplein.core.models import Neighbourhood
    from buurtplein.onlinehulp.models import Chat, ConsolePresence, Desk

    with scopes_disabled():
        ConsolePresence.objects.filter(desk_id=world["desk"]).delete()
        Chat.objects.filter(desk_id=world["desk"]).delete()
        desk = Desk.objects.get(pk=world["desk"])
        region = desk.region
        desk.delete()
        region.delete()
        Neighbourhood.objects.filter(pk=world["nb"]).delete()
        Session.objects.filter(session_key__in=[w["cookie"] for w in world["workers"]]).delete()
        User.objects.filter(pk__in=[w["pk"] for w in world["workers"]]).delete()
        Organisation.objects.filter(pk__in=world["organisations"]).delete()


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


# --- the arrivals' process ------------------------------------------------------------------


def play_arrivals(world_file: str, seconds: float) -> None:
    """Start a chat every 2 s (queue churn), as askers arriving. Prints how many."""
    django_setup()
    from django.db import close_old_connections
    from django_scopes import scopes_disabled

    from buurtplein.core.models import Neighbourhood
    from buurtplein.onlinehulp import actions
    from buurtplein.onlinehulp.models import Desk

    world = json.loads(Path(world_file).read_text())
    with scopes_disabled():
        desk = Desk.objects.get(pk=world["desk"])
        nb = Neighbourhood.objects.get(pk=world["nb"])
    started = 0
    begin = time.monotonic()
    while time.monotonic() - begin < seconds:
        time.sleep(2)
        with scopes_disabled():
            actions.chat_start(desk=desk, neighbourhood=nb)
        started += 1
        close_old_connections()
    print(json.dumps({"started": started}), flush=True)


# --- the clients ----------------------------------------------------------------------------


def _stamp_of(text: str) -> tuple[str, float | None]:
    """``("a", 1765…)`` for a timed message; the stamp is None for a resend (``…r``)."""
    kind, stamp = text.split(" ", 1)
    return kind, None if stamp.endswith("r") else float(stamp)


class Sock:
    """An asker's socket (``role`` "asker" in an active chat, or "waiting")."""

    def __init__(self, role: str, chat: dict):
        self.role, self.chat = role, chat
        self.received: list[int] = []
        self.have: set[int] = set()
        self.last_seq = 0
        self.pending: dict[str, str] = {}  # client id -> text, until acked
        self.sent: set[str] = set()
        self.ws = None
        self.ready = asyncio.Event()
        self.since = 0.0  # when the current connection opened (time.time())


class Console:
    """A worker's console socket, with the chats it runs."""

    role = "console"

    def __init__(self, worker: dict):
        self.worker = worker
        self.chats: list[int] = list(worker["chats"])
        self.received: dict[int, list[int]] = {c: [] for c in self.chats}
        self.have: dict[int, set[int]] = {c: set() for c in self.chats}
        self.last_seq: dict[int, int] = dict.fromkeys(self.chats, 0)
        self.pending: dict[str, tuple[int, str]] = {}  # client id -> (chat, text), until acked
        self.sent_at: dict[str, float] = {}
        self.sent: set[str] = set()
        self.ws = None
        self.ready = asyncio.Event()
        self.since = 0.0


class Bench:
    def __init__(self, args, world, port, server_pid):
        self.args, self.world, self.server_pid = args, world, server_pid
        nb = world["nb"]
        self.chat_url = f"ws://127.0.0.1:{port}/ws/online-help/{nb}/chat/"
        self.console_url = f"ws://127.0.0.1:{port}/ws/online-help/{nb}/console/"
        self.origin = f"http://127.0.0.1:{port}"
        self.asker_to_worker: list[float] = []
        self.worker_to_asker: list[float] = []
        self.worker_ack: list[float] = []
        # (sent at, "a" asker → console | "w" console → asker, ms): where in the run the tail is
        self.timeline: list[tuple[float, str, float]] = []
        self.began_wall = self.drop_wall = 0.0
        self.connect_ms: list[float] = []
        self.console_connect_ms: list[float] = []
        self.errors: list[dict] = []
        self.failed_connects = 0
        self.last_frame = time.monotonic()
        self.stop = asyncio.Event()
        self.askers = [Sock("asker", chat) for chat in world["active"]]
        self.consoles = [Console(worker) for worker in world["workers"]]
        self.waiting = [Sock("waiting", chat) for chat in world["waiting"]]
        self.console_of = {c: console for console in self.consoles for c in console.chats}
        self.socks = [*self.askers, *self.consoles, *self.waiting]

    async def _open(self, url: str, **headers):
        from websockets.asyncio.client import connect

        for attempt in range(20):
            try:
                return await connect(
                    url, origin=self.origin, open_timeout=20, additional_headers=headers or None
                )
            except (OSError, TimeoutError, Exception):
                if attempt == 19:
                    raise
                await asyncio.sleep(0.2 * (attempt + 1))

    async def connect(self, sock):
        if isinstance(sock, Console):
            return await self.connect_console(sock)
        started = time.perf_counter()
        sock.ready.clear()
        sock.ws = await self._open(self.chat_url)
        sock.since = time.time()
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

    async def connect_console(self, console: Console):
        """As ``console.js`` on open: a ``resume`` per open chat, then what was not acked."""
        started = time.perf_counter()
        console.ready.clear()
        console.ws = await self._open(
            self.console_url, Cookie=f"sessionid={console.worker['cookie']}"
        )
        console.since = time.time()
        asyncio.get_running_loop().create_task(self.listen_console(console, console.ws))
        try:
            await asyncio.wait_for(console.ready.wait(), 30)
        except TimeoutError:
            self.failed_connects += 1
            console.ws.transport.abort()
            return await self.connect_console(console)
        self.console_connect_ms.append((time.perf_counter() - started) * 1000)
        for chat in console.chats:
            await console.ws.send(
                json.dumps({"type": "resume", "chat": chat, "after": console.last_seq[chat]})
            )
        for client_id, (chat, text) in list(console.pending.items()):
            await console.ws.send(
                json.dumps({"type": "send", "chat": chat, "text": text, "client_id": client_id})
            )

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
                    kind_of, stamp = _stamp_of(frame["text"])
                    if kind_of == "w" and stamp is not None and stamp >= sock.since:
                        self.worker_to_asker.append((now - stamp) * 1000)
                        self.timeline.append((stamp, "w", (now - stamp) * 1000))
                elif kind == "state":
                    sock.ready.set()
                elif kind == "ack":
                    sock.pending.pop(frame["client_id"], None)
                elif kind == "error":
                    self.errors.append(frame)
        except Exception:  # the connection was cut (the drop) or closed at the end
            return

    async def listen_console(self, console: Console, ws):
        try:
            async for raw in ws:
                frame = json.loads(raw)
                now = time.time()
                self.last_frame = time.monotonic()
                kind = frame.get("type")
                if kind == "message" and frame["chat"] in console.have:
                    chat, seq = frame["chat"], frame["seq"]
                    console.received[chat].append(seq)
                    console.have[chat].add(seq)
                    while console.last_seq[chat] + 1 in console.have[chat]:
                        console.last_seq[chat] += 1
                    kind_of, stamp = _stamp_of(frame["text"])
                    if kind_of == "a" and stamp is not None and stamp >= console.since:
                        self.asker_to_worker.append((now - stamp) * 1000)
                        self.timeline.append((stamp, "a", (now - stamp) * 1000))
                elif kind == "hello":
                    console.ready.set()
                elif kind == "ack":
                    console.pending.pop(frame["client_id"], None)
                    began = console.sent_at.pop(frame["client_id"], None)
                    if began is not None:
                        self.worker_ack.append((time.perf_counter() - began) * 1000)
                elif kind == "error":
                    self.errors.append(frame)
        except Exception:
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

    async def answer(self):
        """The workers answer over their consoles, round-robin over the chats, at
        ``--worker-rate`` per second in all."""
        chats = [c["id"] for c in self.world["active"]]
        random.shuffle(chats)
        begin = time.monotonic()
        i = 0
        while not self.stop.is_set():
            chat = chats[i % len(chats)]
            i += 1
            console = self.console_of[chat]
            client_id = f"w{chat}-{i}"
            text = f"w {time.time():.6f}"
            console.pending[client_id] = (chat, text + "r")
            console.sent.add(client_id)
            if console.ready.is_set() and console.ws is not None:
                console.sent_at[client_id] = time.perf_counter()
                with contextlib.suppress(Exception):  # cut: resent on reconnect
                    await console.ws.send(
                        json.dumps(
                            {"type": "send", "chat": chat, "text": text, "client_id": client_id}
                        )
                    )
            delay = begin + i / self.args.worker_rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)

    async def ping(self, console: Console):
        """Every 30 s, as ``console.js`` (the worker's presence)."""
        await asyncio.sleep(random.uniform(0, 30))
        while not self.stop.is_set():
            if console.ready.is_set() and console.ws is not None:
                with contextlib.suppress(Exception):
                    await console.ws.send(json.dumps({"type": "ping"}))
            await asyncio.sleep(30)

    async def drop_and_return(self, socks: list):
        for sock in socks:
            sock.ready.clear()
            sock.ws.transport.abort()  # no close frame: a phone that lost its network
            sock.ws = None
        await asyncio.sleep(3)
        await asyncio.gather(*(self.connect(sock) for sock in socks))

    async def run(self):
        # Consoles first (a shift starts before the askers come), then the askers in batches.
        for group in (self.consoles, self.askers, self.waiting):
            for start in range(0, len(group), 50):
                await asyncio.gather(*(self.connect(s) for s in group[start : start + 50]))
        print(f"{len(self.socks)} sockets connected", flush=True)
        await asyncio.sleep(2)
        self.asker_to_worker.clear()
        self.worker_to_asker.clear()
        self.timeline.clear()
        self.connect_ms_initial = list(self.connect_ms)
        self.console_connect_initial = list(self.console_connect_ms)
        self.connect_ms.clear()
        self.console_connect_ms.clear()
        cpu_before = _cpu_seconds(self.server_pid)
        world_file = Path(tempfile.mkstemp(suffix=".json")[1])
        world_file.write_text(json.dumps(self.world))
        arrivals = await asyncio.create_subprocess_exec(
            sys.executable,
            __file__,
            "--play-arrivals",
            str(world_file),
            "--seconds",
            str(self.args.seconds),
            stdout=asyncio.subprocess.PIPE,
        )
        loop = asyncio.get_running_loop()
        tasks = [loop.create_task(self.talk(s)) for s in self.askers]
        tasks += [loop.create_task(self.ping(c)) for c in self.consoles]
        tasks.append(loop.create_task(self.answer()))
        began = time.monotonic()
        self.began_wall = time.time()
        await asyncio.sleep(self.args.seconds / 2)
        self.drop_wall = time.time()
        dropped = random.sample(self.socks, int(len(self.socks) * self.args.drop))
        await self.drop_and_return(dropped)
        await asyncio.sleep(max(0.0, self.args.seconds - (time.monotonic() - began)))
        self.stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        out, _ = await arrivals.communicate()
        self.arrivals_out = json.loads(out.decode().strip().splitlines()[-1])
        # Let what is on its way arrive: a server that fell behind works off its backlog
        # (up to 2 minutes) before the sockets close, so that a message it stores after the
        # end is not counted lost.
        for _ in range(600):
            if not any(s.pending for s in self.socks):
                break
            await asyncio.sleep(0.2)
        self.unacked = sum(len(s.pending) for s in self.socks)
        while time.monotonic() - self.last_frame < 3:  # until nothing arrives for 3 s
            await asyncio.sleep(0.5)
        self.talking_cpu = _cpu_seconds(self.server_pid) - cpu_before
        self.dropped = dropped
        for sock in self.socks:
            if sock.ws is not None:
                await sock.ws.close()
        world_file.unlink()


# --- the message path, part by part (--profile) ---------------------------------------------


def profile(rounds: int) -> None:
    """Time the parts of one message's way through the server, each ``rounds`` times, in this
    process, on the same PostgreSQL and Redis: what the consumers do per message in a
    database thread (``message_post`` and its queries, the console's re-check, a presence
    ping) and on the event loop (the group send)."""
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer
    from django.db import connection
    from django_scopes import scopes_disabled

    from buurtplein.core import ratelimit
    from buurtplein.core.models import Membership, Neighbourhood
    from buurtplein.core.permissions import Viewer
    from buurtplein.onlinehulp import actions, crisis, events, selectors
    from buurtplein.onlinehulp.models import Author, Chat

    # Ten chats in turn, so that no side of a chat sends more than the rate limit allows.
    world = make_world(10, 0, 10, 1)
    queries: dict[str, list[float]] = {}

    def timed_query(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            words = sql.split()
            name = " ".join(words[:2]) if words else "?"
            if words and words[0] == "SELECT":
                table = next((w for w in words if w.startswith('"onlinehulp_')), "")
                name = f"SELECT {table.split('.')[0]}"
                if "FOR UPDATE" in sql:
                    name += " FOR UPDATE"
            queries.setdefault(name, []).append((time.perf_counter() - began) * 1000)

    parts: dict[str, list[float]] = {}

    def clock(name, function, *args, **kwargs):
        began = time.perf_counter()
        result = function(*args, **kwargs)
        parts.setdefault(name, []).append((time.perf_counter() - began) * 1000)
        return result

    with scopes_disabled():
        nb = Neighbourhood.objects.get(pk=world["nb"])
        chats = list(
            Chat.objects.filter(pk__in=[c["id"] for c in world["active"]]).select_related(
                "desk", "worker"
            )
        )
        viewers = {
            chat.pk: Viewer(
                user=chat.worker,
                neighbourhood=nb,
                membership=Membership.objects.get(user=chat.worker, neighbourhood=nb),
            )
            for chat in chats
        }
    layer = get_channel_layer()
    group_send = async_to_sync(layer.group_send)
    # Warm up (connections, compiled patterns), then measure.
    for i in range(rounds + 20):
        with (
            scopes_disabled(),
            ratelimit.counting(),
            events.collected() as to_send,
            connection.execute_wrapper(timed_query),
        ):
            chat = chats[(i // 2) % len(chats)]
            author = Author.ASKER if i % 2 else Author.WORKER
            clock(
                "message_post (all of it)",
                actions.message_post,
                chat=chat,
                author=author,
                text="Hoi, ik wil iets vragen over thuis " + str(i),
                worker=None if author == Author.ASKER else chat.worker,
                client_id=f"p{i}",
            )
            clock(
                "console re-check (still_works_for)",
                selectors.still_works_for,
                viewers[chat.pk],
                chat.desk_id,
            )
            clock("presence ping (presence_seen)", actions.presence_seen, channel="bench-profile")
        clock("crisis check", crisis.matches, "Hoi, ik wil iets vragen over thuis", "")
        for group, event in to_send:
            clock(
                "group send (Redis)",
                group_send,
                group,
                {"type": "onlinehulp.event", "event": event},
            )
        if i == 19:
            queries.clear()
            parts.clear()
    remove_world(world)
    print(f"{rounds} rounds (a message each, asker and worker in turn), ms per call:")
    for name, values in [*parts.items(), *(("  query: " + k, v) for k, v in queries.items())]:
        per = len(values) / rounds
        print(
            f"{name:<44} {per:4.1f}× per message  p50 {statistics.median(values):6.3f}  "
            f"p95 {pct(values, 95):6.3f}"
        )


def serve(port: int, sample_to: str | None, processes: int = 1) -> None:
    """Run the ASGI app with uvicorn in this process; with ``sample_to``, sample every
    thread's stack every 5 ms (a poor man's py-spy: ``sys._current_frames``) and write where
    the threads were busy when the server stops (``--sample``)."""
    import collections
    import threading

    import uvicorn

    seen: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    inclusive: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    # Waiting, not working (uvloop's loop blocks in C under asyncio's runner).
    idle = ("selectors.py", "threading.py", "queue.py", "thread.py:_worker", "runners.py:run")
    stop = threading.Event()

    def where(frame) -> str:
        code = frame.f_code
        return f"{Path(code.co_filename).name}:{code.co_name}"

    def report() -> None:
        lines = []
        for thread in seen:
            busy = sum(seen[thread].values())
            lines.append(f"{thread}: {busy} busy samples of 5 ms")
            lines.append("  where it was (innermost frame):")
            for name, n in seen[thread].most_common(15):
                lines.append(f"    {n * 100 / busy:5.1f}%  {name}")
            lines.append("  inside (our code, Channels, Redis, the ORM):")
            for name, n in inclusive[thread].most_common(25):
                lines.append(f"    {n * 100 / busy:5.1f}%  {name}")
        Path(sample_to).write_text("\n".join(lines) + "\n")

    def sample():
        me = threading.get_ident()
        written = time.monotonic()
        while not stop.wait(0.005):
            names = {t.ident: t.name for t in threading.enumerate()}
            for ident, frame in sys._current_frames().items():
                if ident == me:
                    continue
                top = where(frame)
                if any(top.startswith(i) for i in idle):
                    continue
                name = names.get(ident, "")
                thread = "loop" if name == "MainThread" else f"thread {name}"
                seen[thread][top] += 1
                stack = set()
                while frame is not None:
                    if "/buurtplein/" in frame.f_code.co_filename or any(
                        lib in frame.f_code.co_filename
                        for lib in ("/channels_redis/", "/channels/", "/django/db/", "/redis/")
                    ):
                        stack.add(where(frame))
                    frame = frame.f_back
                for name in stack:
                    inclusive[thread][name] += 1
            if time.monotonic() - written > 5:  # the server may be stopped hard
                report()
                written = time.monotonic()

    if sample_to and processes == 1:
        threading.Thread(target=sample, daemon=True, name="sampler").start()
    uvicorn.run(
        "buurtplein.config.asgi:application",
        host="127.0.0.1",
        port=port,
        workers=processes,
        access_log=False,
        log_level="warning",
    )
    stop.set()


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds so far of process ``pid`` and the processes under it (the
    uvicorn workers of ``--processes``; Linux)."""
    parents, ticks = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        parents[int(entry.name)] = int(fields[1])
        ticks[int(entry.name)] = int(fields[11]) + int(fields[12])
    tree, grown = {pid}, True
    while grown:
        under = {child for child, parent in parents.items() if parent in tree} - tree
        grown = bool(under)
        tree |= under
    return sum(ticks.get(p, 0) for p in tree) / os.sysconf("SC_CLK_TCK")


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
    parser.add_argument("--workers", type=int, default=50)
    parser.add_argument("--organisations", type=int, default=3)
    parser.add_argument("--waiting", type=int, default=350)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument(
        "--asker-every",
        type=lambda text: tuple(float(x) for x in text.split("-")),
        default=(5.0, 15.0),
        help="seconds between an asker's messages, from-to (default 5-15)",
    )
    parser.add_argument("--drop", type=float, default=0.1)
    parser.add_argument(
        "--worker-rate",
        type=float,
        default=None,
        help="workers' answers per second in all (default: one per chat per 10 s)",
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=2,
        help="uvicorn worker processes (default 2, as production)",
    )
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--profile-rounds", type=int, default=200)
    parser.add_argument("--play-arrivals", metavar="WORLD_FILE")
    parser.add_argument("--serve", type=int, metavar="PORT", help=argparse.SUPPRESS)
    parser.add_argument(
        "--sample", metavar="FILE", help="write where the server's threads were busy to FILE"
    )
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.sample, args.processes)
        return 0
    if args.play_arrivals:
        play_arrivals(args.play_arrivals, args.seconds)
        return 0
    if not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL"):
        sys.exit("bench/onlinehulp.py needs DATABASE_URL (PostgreSQL) and REDIS_URL (see above)")
    django_setup()
    if args.profile:
        profile(args.profile_rounds)
        return 0
    workers = min(args.workers, args.chats)
    if args.worker_rate is None:
        args.worker_rate = args.chats / 10
    world = make_world(args.chats, args.waiting, workers, args.organisations)
    from django.db import connections

    connections.close_all()
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--serve",
            str(port),
            "--processes",
            str(args.processes),
            *(["--sample", args.sample] if args.sample else []),
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
        bench = Bench(args, world, port, server.pid)
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
    lost_asker = lost_console = doubled = 0
    for sock in bench.askers:
        doubled += len(sock.received) - len(set(sock.received))
        lost_asker += len(truth["seqs"][sock.chat["id"]] - set(sock.received))
    for console in bench.consoles:
        for chat, got in console.received.items():
            doubled += len(got) - len(set(got))
            missing = truth["seqs"][chat] - set(got)
            lost_console += len(missing)
            if missing:
                print(
                    f"console of chat {chat} (dropped: {console in bench.dropped}) never got "
                    f"{sorted(missing)}; it got {len(set(got))} up to {max(got, default=0)}"
                )
    lost = lost_asker + lost_console
    from django.conf import settings

    asked = set().union(*(s.sent for s in bench.askers))
    answered = set().union(*(c.sent for c in bench.consoles))
    sent = asked | answered
    unsent = [c for c in sent if truth["clients"].get(c, 0) == 0]
    twice = [c for c in sent if truth["clients"].get(c, 0) > 1]
    messages = sum(len(v) for v in truth["seqs"].values())
    if not args.keep:
        remove_world(world)

    def line(name, values):
        if not values:
            return f"{name:<26} n=    0"
        return (
            f"{name:<26} n={len(values):>5}  p50 {statistics.median(values):6.1f}  "
            f"p95 {pct(values, 95):6.1f}  max {max(values):7.1f} ms"
        )

    print(
        f"server processes {args.processes}, database threads each "
        f"{getattr(settings, 'BUURTPLEIN_CHAT_DB_THREADS', 'Channels one')}; "
        f"sockets {len(bench.socks)} ({args.chats} askers in chats + {workers} consoles + "
        f"{args.waiting} waiting), {args.seconds:.0f} s, asker every "
        f"{args.asker_every[0]:g}–{args.asker_every[1]:g} s, workers {args.worker_rate:g}/s, "
        f"dropped and back {len(bench.dropped)} "
        f"({sum(1 for s in bench.dropped if s.role == 'console')} consoles); "
        f"stored messages {messages}, new chats {bench.arrivals_out['started']}; "
        f"wall {wall:.1f} s"
    )
    print(
        f"CPU seconds: server {server_cpu:.1f} (while talking, drop and reconnect included: "
        f"{bench.talking_cpu:.1f}, {bench.talking_cpu * 1000 / max(messages, 1):.1f} ms per "
        f"stored message), clients {own_cpu:.1f}; wall {wall:.1f} s"
    )
    print(line("asker → worker console", bench.asker_to_worker))
    print(line("worker console → asker", bench.worker_to_asker))
    print(line("worker send → ack", bench.worker_ack))
    print(
        "by when the message was sent (s from the start; the drop at "
        f"{bench.drop_wall - bench.began_wall:.0f} s, back 3 s later), p95 ms a → c / c → a:"
    )
    step = 3
    buckets: dict[int, dict[str, list[float]]] = {}
    for at, way, ms in bench.timeline:
        buckets.setdefault(int((at - bench.began_wall) // step), {"a": [], "w": []})[way].append(ms)
    print(
        "  "
        + "  ".join(
            f"{k * step}-{k * step + step}: {pct(v['a'], 95):.0f}/{pct(v['w'], 95):.0f}"
            for k, v in sorted(buckets.items())
        )
    )
    print(line("asker connect (first)", bench.connect_ms_initial))
    print(line("console connect (first)", bench.console_connect_initial))
    print(line("asker reconnect", bench.connect_ms))
    print(line("console reconnect", bench.console_connect_ms))
    print(f"connections that got no answer within 30 s (tried again): {bench.failed_connects}")
    if bench.unacked:
        print(f"not acked 2 minutes after the end: {bench.unacked}")
    if bench.errors:
        print(f"error frames {len(bench.errors)}, e.g. {bench.errors[:3]}")
    print(
        f"lost {lost} (askers {lost_asker}, consoles {lost_console})  repeated frames "
        f"{doubled} (around a reconnect; the pages drop a number they have)  sent: askers "
        f"{len(asked)}, workers {len(answered)}; not stored "
        f"{len(unsent)}, stored twice {len(twice)}"
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
