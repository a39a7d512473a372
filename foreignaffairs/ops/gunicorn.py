"""gunicorn's configuration for `make serve` (README: Production): `gunicorn -c python:foreignaffairs.ops.gunicorn`.

Threaded workers (gthread). A sync worker serves one request at a time and is killed when one request outlasts
`timeout`: a slow client downloading the export, or a long `updated_after` delta, was cut off mid-document, and
three of them took all three workers while the pages waited. A gthread worker's main thread keeps reporting to
gunicorn while its threads serve, so `timeout` only catches a process that hangs, and a slow client holds one
thread, not a process. Threads share a process's one interpreter lock, so they add no speed to Python's own work
(rendering a page); they keep the process busy while other threads wait on PostgreSQL, Redis or a client.

Read from the environment: WORKERS (processes, default 3), THREADS (per process, default 4), FORWARDED_ALLOW_IPS
(the proxy's addresses, default nginx on this machine). Options given on gunicorn's command line override these.
"""

import os

wsgi_app = "foreignaffairs.wsgi:application"
bind = "127.0.0.1:8000"  # `make serve` binds to $(PORT); nginx is the only client (README: Production)

worker_class = "gthread"
# One process per core and one more, as gunicorn advises: on this 2-core machine two processes keep both cores on
# Python while the third waits on the database.
workers = int(os.environ.get("WORKERS", "3"))
# Three exports at once, or three slow clients, still leave a thread in every process for the pages. Every thread
# keeps its own PostgreSQL connection: 3 x 4 = 12, far below PostgreSQL's 100.
threads = int(os.environ.get("THREADS", "4"))

# Not a request's limit under gthread (see above) but how long a process may stop answering gunicorn before it is
# killed and replaced: a process stuck that long is stuck for good.
timeout = 30
# On restart (systemctl reload, a deploy), requests under way get this long to finish before their process is
# stopped; a page takes well under a second, a snapshot download is nginx's when X-Accel-Redirect is on.
graceful_timeout = 30
# nginx speaks HTTP/1.0 to its upstream and closes each connection, so keep-alive matters only to a load
# balancer that keeps connections open; a few seconds is gunicorn's own advice behind one.
keepalive = 5

# X-Forwarded-Proto is believed only from these addresses: anyone else could claim HTTPS. The proxy's, explicitly.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# One line per request on standard output (journald keeps it under systemd), with the time it took in ms (%(M)s).
accesslog = "-"
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'

# gunicorn's control socket lives at one path per user ($HOME/.gunicorn/gunicorn.ctl): two app servers on one
# machine (README: Several servers) would fight over it, and nothing here uses gunicornc.
control_socket_disable = True
