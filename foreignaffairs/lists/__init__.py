"""What every list shares, on the dashboard, in its CSV/JSON export and in the API.

`filters` (the FilterSet pieces: folded search, partial-date bounds, day counts, countries, stable order) and
`listing` (one Column list for the page's table, the CSV and the JSON; the page, its sort links and exports; and
`json_default`, how every JSON export, foreignaffairs.api.export's too, writes dates, moments and decimals).

A kit: the apps' filtersets and views import it; it imports no app.
"""
