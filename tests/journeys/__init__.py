"""Staff journeys in a real browser: what a desk officer, a head of division and a reviewer do on their first day.

Each journey starts at one address (the login page, /dashboard/ or /admin/) and from there only clicks, types and
picks what a person sees; the 403/404 journey also types addresses, as a person pasting a link would. Fixtures and
the small helpers every journey shares live in conftest.py.
"""
