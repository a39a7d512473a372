"""Who may do what, and the record of who came in.

`roles` (the four groups as permission sets, kept in sync after every migrate; the staff-user picker's rules),
`access` (the dashboard's one access decision), `backends` (permissions in one query), `sessions` (the sliding
idle timeout), `client_address` (where a request came from, through the trusted proxy), `login_log` (a log line
per login, logout or failure), `lockout` (django-axes per user name and address, with a doubling lockout),
`throttle` (rate-limit counters in the shared cache) and `password_reset` (Django's reset view, throttled).

A kit: the apps and the other rooms import it; it imports no app.
"""
