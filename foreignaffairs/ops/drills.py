"""Failure drills (README: Production): what users see while an app server or PostgreSQL restarts under load.

The app servers are gunicorn as `make serve` starts it, with production settings (DEBUG=0), on DATABASE_URL's
database and the Redis of REDIS_URL below. The load is a steady stream of GETs from a few client threads, in turn:
the load balancer's /healthz, the overview as a logged-in head of division, and an API list with a key.

- `app_server_failover`: two app servers behind nginx on loopback (README: Several servers), each restarted in turn
  as a deploy does: SIGTERM, which gunicorn takes as a graceful stop and `systemctl restart` sends, then started
  again. nginx sends a request an app server refused or dropped to the other one. Target: no request fails but
  one in flight at a stop.
- `postgres_restart`: one app server, the stream sent to it directly, PostgreSQL restarted in the middle; played
  twice, with the connection health check (settings: CONN_HEALTH_CHECKS) and without it. It restarts the
  machine's whole PostgreSQL: every other connection to it is cut.

Every process a drill starts is stopped when the drill ends, on an error or Ctrl-C as well.
"""

import http.client
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.db import connections

from foreignaffairs.accounts.roles import VIEWER
from foreignaffairs.api.auth import issue_token
from foreignaffairs.models import APIToken

# A Redis database of the drill's own, so that its sessions' cache entries and counters touch no one else's.
REDIS_URL = "redis://127.0.0.1:6379/12"
DRILL_USERNAME = "drill"
POSTGRES_RESTART = ("pg_ctlcluster", "15", "main", "restart")
# What nginx terminating HTTPS tells the app; without it a DEBUG=0 server answers every page with a redirect.
FORWARDED_HTTPS = {"X-Forwarded-Proto": "https"}
READY_TIMEOUT = 60
STOP_TIMEOUT = 40  # gunicorn's graceful_timeout (30 s) and some


class DrillError(Exception):
    pass


@dataclass(frozen=True)
class Probe:
    path: str
    headers: dict[str, str]


@dataclass(frozen=True)
class Outcome:
    started: float
    ended: float
    path: str
    status: int | None  # None: no answer (refused, reset, timed out)
    error: str = ""
    upstreams: str = ""  # the app servers nginx tried, in order ("127.0.0.1:8001, 127.0.0.1:8002")

    @property
    def failed(self) -> bool:
        return self.status != 200

    @property
    def what(self) -> str:
        return f"{self.status}" if self.status is not None else self.error


@dataclass(frozen=True)
class Disturbance:
    """A stretch of the drill when something was down: from the stop or restart's start until it was back."""

    what: str
    began: float
    back: float


@dataclass
class DrillResult:
    title: str
    seconds: float
    outcomes: list[Outcome]
    disturbances: list[Disturbance] = field(default_factory=list)

    @property
    def failures(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.failed]

    def failures_by_moment(self) -> Counter:
        """Each failure put where it happened: under way when a disturbance began, sent during one, or while all
        was up.

        Only the last is the system's fault: a request in flight when its server stops, or sent while PostgreSQL
        is down, has nothing that could answer it.
        """
        moments = Counter()
        for outcome in self.failures:
            if any(outcome.started < d.began < outcome.ended for d in self.disturbances):
                moments["in flight"] += 1
            elif any(d.began <= outcome.started <= d.back for d in self.disturbances):
                moments["during"] += 1
            else:
                moments["while up"] += 1
        return moments

    @property
    def retried(self) -> int:
        return sum("," in outcome.upstreams for outcome in self.outcomes)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port: int, probe: Probe, timeout: float = 30) -> Outcome:
    """One GET on a connection of its own, as the many independent browsers and systems send theirs."""
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", probe.path, headers={**FORWARDED_HTTPS, **probe.headers})
        response = connection.getresponse()
        response.read()
        upstreams = response.getheader("X-Upstream", "")
        return Outcome(started, time.monotonic(), probe.path, response.status, upstreams=upstreams)
    except (OSError, http.client.HTTPException) as error:
        return Outcome(started, time.monotonic(), probe.path, None, error=type(error).__name__)
    finally:
        connection.close()


def wait_until_healthy(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while get(port, Probe("/healthz", {}), timeout=5).status != 200:
        if process.poll() is not None or time.monotonic() > deadline:
            raise DrillError(
                f"no healthy answer on port {port} ({healthz_answer(port)}); the end of {log}:\n{tail(log)}"
            )
        time.sleep(0.2)


def healthz_answer(port: int) -> str:
    """What /healthz says is failing (a migration not applied, Redis down), for the drill's error message."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/healthz")
        response = connection.getresponse()
        return f"{response.status} {response.read().decode(errors='replace')}"
    except (OSError, http.client.HTTPException) as error:
        return type(error).__name__
    finally:
        connection.close()


def tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else "(no log)"


def stop(process: subprocess.Popen | None, sig: int = signal.SIGTERM) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Workspace:
    """The drill's temporary folder (static files, configuration, logs) and the app servers' environment."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.environment = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": settings.SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "REDIS_URL": REDIS_URL,
            "STATIC_ROOT": str(folder / "static"),
            "WORKERS": "1",
        }

    def collect_static(self) -> None:
        """What `make serve` does first: DEBUG=0 pages name their static files from the collected manifest."""
        subprocess.run(  # noqa: S603 (our own manage.py)
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
            cwd=settings.BASE_DIR,
            env=self.environment,
            check=True,
        )


class AppServer:
    """gunicorn as `make serve` runs it (foreignaffairs/ops/gunicorn.py), on a port of its own."""

    def __init__(self, name: str, workspace: Workspace, **environment: str):
        self.name = name
        self.port = free_port()
        self.log = workspace.folder / f"{name}.log"
        self.environment = {**workspace.environment, **environment}
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
        with self.log.open("a") as log:
            self.process = subprocess.Popen(  # noqa: S603 (our own server, from the venv)
                [gunicorn, "--config", "python:foreignaffairs.ops.gunicorn", "--bind", f"127.0.0.1:{self.port}"],
                cwd=settings.BASE_DIR,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_until_healthy(self.port, self.process, self.log)

    def stop(self) -> None:
        stop(self.process)

    def restart(self) -> Disturbance:
        """Graceful stop (SIGTERM: requests under way are finished, no new one taken), then a fresh start."""
        began = time.monotonic()
        self.stop()
        self.start()
        return Disturbance(f"{self.name} restarted", began, time.monotonic())


NGINX_CONF = """\
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log {folder}/nginx-access.log;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    upstream app_servers {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://app_servers;
            # A server that refuses or drops the connection (stopping, starting) or says it cannot serve: the
            # request goes to the next one. Only before anything was sent to the client, and never for a POST.
            proxy_next_upstream error timeout http_502 http_503;
            proxy_connect_timeout 1s;
            proxy_max_temp_file_size 0;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-Proto https;
            proxy_set_header X-Real-IP $remote_addr;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


class Proxy:
    """nginx in front of the app servers, in the foreground, every file of it in the drill's folder."""

    def __init__(self, workspace: Workspace, servers: list[AppServer]):
        self.folder = workspace.folder
        self.port = free_port()
        self.servers = servers
        self.process: subprocess.Popen | None = None

    def configuration(self) -> str:
        # After one failure a server is left out for 2 s, so that each request does not try it first meanwhile.
        servers = "\n".join(
            f"        server 127.0.0.1:{server.port} max_fails=1 fail_timeout=2s;" for server in self.servers
        )
        return NGINX_CONF.format(folder=self.folder, servers=servers, port=self.port)

    def start(self) -> None:
        conf = self.folder / "nginx.conf"
        conf.write_text(self.configuration())
        log = self.folder / "nginx-error.log"
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.process = subprocess.Popen(  # noqa: S603 (the machine's nginx, our configuration)
            [nginx, "-e", str(log), "-p", str(self.folder), "-c", str(conf)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        wait_until_healthy(self.port, self.process, log)

    def stop(self) -> None:
        stop(self.process, signal.SIGQUIT)  # nginx's graceful stop


class Stream:
    """Clients sending the probes in turn, together at about `rate` requests per second, until stopped."""

    def __init__(self, port: int, probes: list[Probe], clients: int, rate: float):
        self.port = port
        self.probes = probes
        self.interval = clients / rate
        self.outcomes: list[Outcome] = []
        self.running = threading.Event()
        self.threads = [threading.Thread(target=self.client, args=(number,), daemon=True) for number in range(clients)]

    def client(self, number: int) -> None:
        turn = number
        due = time.monotonic() + self.interval * number / len(self.threads)
        while self.running.is_set():
            self.outcomes.append(get(self.port, self.probes[turn % len(self.probes)]))
            turn += 1
            due += self.interval
            time.sleep(max(0.0, due - time.monotonic()))

    def __enter__(self) -> "Stream":
        self.started = time.monotonic()
        self.running.set()
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.running.clear()
        for thread in self.threads:
            thread.join()
        self.seconds = time.monotonic() - self.started


def until(moment: float) -> None:
    time.sleep(max(0.0, moment - time.monotonic()))


@contextmanager
def probes_as_a_viewer() -> Iterator[list[Probe]]:
    """The stream's requests, with a viewer's session and API key made for the drill and removed after it."""
    user, _created = get_user_model().objects.get_or_create(username=DRILL_USERNAME)
    if user.has_usable_password():
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get(name=VIEWER))
    token = APIToken(user=user, name="drill")
    key = issue_token(token)
    token.save()
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    # What logging in stores: whose session, by which backend, and the password hash it was opened under.
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    # This process holds no connection while the drill runs: PostgreSQL's restart would leave it dead.
    connections.close_all()
    try:
        yield [
            Probe("/healthz", {}),
            Probe("/dashboard/", {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}"}),
            Probe("/api/v1/partners/", {"Authorization": f"Bearer {key}"}),
        ]
    finally:
        session.delete()
        token.delete()
        connections.close_all()


@contextmanager
def workspace() -> Iterator[Workspace]:
    with tempfile.TemporaryDirectory(prefix="drill-") as folder:
        place = Workspace(Path(folder))
        place.collect_static()
        yield place


def app_server_failover(seconds: float, clients: int, rate: float) -> DrillResult:
    with workspace() as place, probes_as_a_viewer() as probes, ExitStack() as running:
        servers = [AppServer(f"app server {number}", place) for number in (1, 2)]
        for server in servers:
            running.callback(server.stop)
            server.start()
        proxy = Proxy(place, servers)
        running.callback(proxy.stop)
        proxy.start()
        disturbances = []
        with Stream(proxy.port, probes, clients, rate) as stream:
            for number, server in enumerate(servers, start=1):
                until(stream.started + seconds * number / 3)
                disturbances.append(server.restart())
            until(stream.started + seconds)
        title = "2 app servers behind nginx, each restarted in turn"
        return DrillResult(title, stream.seconds, stream.outcomes, disturbances)


def postgres_restart(seconds: float, clients: int, rate: float, restart_command: tuple[str, ...]) -> list[DrillResult]:
    """The same restart twice: with the connection health check (as settings.py has it) and without (as before)."""
    with workspace() as place, probes_as_a_viewer() as probes:
        return [
            _postgres_restart_round(place, probes, seconds, clients, rate, restart_command, health_checks)
            for health_checks in (True, False)
        ]


def _postgres_restart_round(
    place: Workspace,
    probes: list[Probe],
    seconds: float,
    clients: int,
    rate: float,
    restart_command: tuple[str, ...],
    health_checks: bool,
) -> DrillResult:
    # Two processes of four threads: eight connections kept, as on a production server between requests.
    server = AppServer("app server", place, DB_CONN_HEALTH_CHECKS="1" if health_checks else "0", WORKERS="2")
    try:
        server.start()
        with Stream(server.port, probes, clients, rate) as stream:
            until(stream.started + seconds * 0.4)
            began = time.monotonic()
            restart = subprocess.run(restart_command, capture_output=True, text=True, check=False)  # noqa: S603
            disturbance = Disturbance(shlex.join(restart_command), began, time.monotonic())
            if restart.returncode != 0:
                raise DrillError(f"{' '.join(restart_command)} failed:\n{restart.stdout}{restart.stderr}")
            until(stream.started + seconds)
    finally:
        server.stop()
    title = f"PostgreSQL restart, 1 app server, health checks {'on' if health_checks else 'off'}"
    return DrillResult(title, stream.seconds, stream.outcomes, [disturbance])


def format_table(results: list[DrillResult]) -> str:
    header = (
        f"{'drill':<52} {'seconds':>7} {'requests':>8} {'200':>6} {'failed':>6} "
        f"{'in flight':>9} {'during':>6} {'while up':>8} {'retried':>7}"
    )
    lines = [header]
    for result in results:
        moments = result.failures_by_moment()
        lines.append(
            f"{result.title:<52} {result.seconds:>7.1f} {len(result.outcomes):>8} "
            f"{len(result.outcomes) - len(result.failures):>6} {len(result.failures):>6} "
            f"{moments['in flight']:>9} {moments['during']:>6} {moments['while up']:>8} {result.retried:>7}"
        )
    lines.append(
        "failed: not answered 200 (no answer counted too); in flight: under way when a server stopped or PostgreSQL "
        "went down;\nduring: sent while it was down; while up: any other (the system's fault); retried: requests "
        "nginx sent to the other server"
    )
    lines.append("")
    for result in results:
        start = min((outcome.started for outcome in result.outcomes), default=0.0)
        lines.append(f"{result.title}:")
        for disturbance in result.disturbances:
            lines.append(
                f"  {disturbance.what}: at {disturbance.began - start:.1f} s, back after "
                f"{disturbance.back - disturbance.began:.1f} s"
            )
        kinds = Counter(f"{outcome.path} {outcome.what}" for outcome in result.failures)
        lines.append("  failed: " + (", ".join(f"{count} x {kind}" for kind, count in kinds.most_common()) or "none"))
    return "\n".join(lines)


@contextmanager
def stopped_cleanly_on_sigterm() -> Iterator[None]:
    """A SIGTERM to the drill (a CI timeout, `kill`) unwinds like Ctrl-C, so its servers are stopped too."""

    def unwind(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, unwind)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
