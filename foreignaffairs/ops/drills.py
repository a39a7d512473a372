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
import shlex
import shutil
import signal
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field

from django.db import connections

from foreignaffairs.ops.app_servers import (
    GRACEFUL_STOP_SECONDS,
    AppServer,
    AppServerError,
    Deployment,
    free_port,
    request,
    stop_process,
    temporary_deployment,
    wait_until_healthy,
)
from foreignaffairs.ops.visitors import api_key_headers, new_api_key, open_session, session_headers, viewer_account

# A Redis database of the drill's own, so that its sessions' cache entries and counters touch no one else's.
REDIS_URL = "redis://127.0.0.1:6379/12"
DRILL_USERNAME = "drill"
POSTGRES_RESTART = ("pg_ctlcluster", "15", "main", "restart")


class DrillError(AppServerError):
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


def get(base: str, probe: Probe) -> Outcome:
    """One GET on a connection of its own, as the many independent browsers and systems send theirs."""
    started = time.monotonic()
    try:
        answer = request(base, probe.path, probe.headers)
    except (OSError, http.client.HTTPException) as error:
        return Outcome(started, time.monotonic(), probe.path, None, error=type(error).__name__)
    upstreams = answer.headers.get("X-Upstream", "")
    return Outcome(started, time.monotonic(), probe.path, answer.status, upstreams=upstreams)


def restart(server: AppServer) -> Disturbance:
    """As a deploy restarts an app server: a graceful stop (requests under way are finished, no new one taken),
    then a fresh start on the same port."""
    began = time.monotonic()
    server.stop()
    server.start()
    return Disturbance(f"{server.name} restarted", began, time.monotonic())


# nginx leaves a server out for this long after its last failed request, even once it is back: a server restarted
# sooner after the previous one's return finds nginx counting neither as up, and nginx answers 502 itself ("no live
# upstreams"). A deploy waits this long (plus a margin) after /healthz says 200 before the next restart (README).
FAIL_TIMEOUT_SECONDS = 2
TAKEN_BACK_SECONDS = FAIL_TIMEOUT_SECONDS + 1

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

    def __init__(self, deployment: Deployment, servers: list[AppServer]):
        self.folder = deployment.folder
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.servers = servers
        self.process: subprocess.Popen | None = None

    def configuration(self) -> str:
        # After one failure a server is left out for FAIL_TIMEOUT, so that each request does not try it first
        # meanwhile.
        servers = "\n".join(
            f"        server 127.0.0.1:{server.port} max_fails=1 fail_timeout={FAIL_TIMEOUT_SECONDS}s;"
            for server in self.servers
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
        wait_until_healthy(self.base, self.process, log)

    def stop(self) -> None:
        stop_process(self.process, signal.SIGQUIT, GRACEFUL_STOP_SECONDS)  # nginx's graceful stop


class Stream:
    """Clients sending the probes in turn, together at about `rate` requests per second, until stopped."""

    def __init__(self, base: str, probes: list[Probe], clients: int, rate: float):
        self.base = base
        self.probes = probes
        self.interval = clients / rate
        self.outcomes: list[Outcome] = []
        self.running = threading.Event()
        self.threads = [threading.Thread(target=self.client, args=(number,), daemon=True) for number in range(clients)]

    def client(self, number: int) -> None:
        turn = number
        due = time.monotonic() + self.interval * number / len(self.threads)
        while self.running.is_set():
            self.outcomes.append(get(self.base, self.probes[turn % len(self.probes)]))
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
    # No password: the session is made here, so the drill's account is of no use to anyone who finds its name.
    viewer = viewer_account(DRILL_USERNAME)
    token, key = new_api_key(viewer, "drill")
    session = open_session(viewer)
    # This process holds no connection while the drill runs: PostgreSQL's restart would leave it dead.
    connections.close_all()
    try:
        yield [
            Probe("/healthz", {}),
            Probe("/dashboard/", session_headers(session.session_key)),
            Probe("/api/v1/partners/", api_key_headers(key)),
        ]
    finally:
        session.delete()
        token.delete()
        connections.close_all()


def app_server_failover(seconds: float, clients: int, rate: float) -> DrillResult:
    with temporary_deployment("drill-", REDIS_URL) as place, probes_as_a_viewer() as probes, ExitStack() as running:
        servers = [AppServer(f"app server {number}", place) for number in (1, 2)]
        for server in servers:
            running.callback(server.stop)
            server.start()
        proxy = Proxy(place, servers)
        running.callback(proxy.stop)
        proxy.start()
        disturbances: list[Disturbance] = []
        with Stream(proxy.base, probes, clients, rate) as stream:
            for number, server in enumerate(servers, start=1):
                scheduled = stream.started + seconds * number / 3
                until(max([scheduled] + [done.back + TAKEN_BACK_SECONDS for done in disturbances]))
                disturbances.append(restart(server))
            until(max(stream.started + seconds, disturbances[-1].back + 1))
        title = "2 app servers behind nginx, each restarted in turn"
        return DrillResult(title, stream.seconds, stream.outcomes, disturbances)


def postgres_restart(seconds: float, clients: int, rate: float, restart_command: tuple[str, ...]) -> list[DrillResult]:
    """The same restart twice: with the connection health check (as settings.py has it) and without (as before)."""
    with temporary_deployment("drill-", REDIS_URL) as place, probes_as_a_viewer() as probes:
        return [
            _postgres_restart_round(place, probes, seconds, clients, rate, restart_command, health_checks)
            for health_checks in (True, False)
        ]


def _postgres_restart_round(
    place: Deployment,
    probes: list[Probe],
    seconds: float,
    clients: int,
    rate: float,
    restart_command: tuple[str, ...],
    health_checks: bool,
) -> DrillResult:
    # Two processes of four threads: eight connections kept, as on a production server between requests.
    server = AppServer("app server", place, workers=2, DB_CONN_HEALTH_CHECKS="1" if health_checks else "0")
    try:
        server.start()
        with Stream(server.base, probes, clients, rate) as stream:
            until(stream.started + seconds * 0.4)
            began = time.monotonic()
            restarted = subprocess.run(restart_command, capture_output=True, text=True, check=False)  # noqa: S603
            disturbance = Disturbance(shlex.join(restart_command), began, time.monotonic())
            if restarted.returncode != 0:
                raise DrillError(f"{' '.join(restart_command)} failed:\n{restarted.stdout}{restarted.stderr}")
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
