"""The read-only API's shared parts, and the endpoints that span every app.

Kit, imported by the apps' `api` packages: `auth` (bearer keys, view permissions), `errors` (400s that name the
parameter), `fields` (partial dates, relations as id and label), `pagination`, `schema` (OpenAPI).
Composition, importing the apps: `export` (the whole record as one streamed JSON document), `views` (the export
endpoint, the docs page) and `urls` (every app's endpoints under /api/v1/). Only foreignaffairs.urls imports those.
"""
