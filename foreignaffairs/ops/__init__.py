"""Running the system in production: server configuration, health check, load tools.

What the README's Production section runs around the application rather than inside a request's way: the
gunicorn configuration `make serve` starts (`gunicorn`), the load balancer's probe (`health`), and the tools
that measure the system under load (`load`, `make load`) and through failures (`drills`, `make drill`), which
start app servers as `make serve` does (`app_servers`) and act as a viewer or an API client (`visitors`).
Composition: it may import any app; only the URLs, the Makefile and the server itself use it, and nothing in the
apps imports it.
"""
