"""The admin kit: what every app's ModelAdmin and inline is built from.

`base` (TrackedAdmin, inlines: history, who/when stamps, the stale-edit field, diacritic-free search), `filters`
(list filters for partial dates, years and values in use), `paginator` (no COUNT(*) of a large table),
`deleted_records` (the list of deleted records and their restore), `history_display` (history diffs in words),
`site` (our AdminSite: the staff-user picker and the login page for accounts without admin access) and
`api_tokens` (the API key pages).

The apps' admin modules import from here; nothing here imports an app. This package registers nothing when
imported: the admin site's class lives in it, and importing it must not touch the site being built. The API key
pages are registered by ForeignAffairsConfig.ready().
"""
