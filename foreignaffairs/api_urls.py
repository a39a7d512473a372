"""The read-only API under /api/. Filled in by the API (issue 7)."""

urlpatterns: list = []
