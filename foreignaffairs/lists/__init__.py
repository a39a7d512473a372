"""What every list shares, on the dashboard, in its CSV/JSON export and in the API.

`filters` (the FilterSet pieces: folded search, partial-date bounds, day counts, countries, stable order) and
`listing` (one Column list for the page's table, the CSV and the JSON; the page, its sort links and exports).

A kit: the apps' filtersets and views import it; it imports no app.
"""
