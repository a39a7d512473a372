"""The OpenAPI schema, and the documentation page working in a real browser under our CSP (no CDN, no inline)."""

import shutil

import pytest


def test_it_serves_an_openapi_3_schema_of_every_endpoint(client, db):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    for kind in ("partners", "agreements", "reviews", "delegations", "countries", "fields", "units", "people"):
        assert f"/api/v1/{kind}/" in paths and f"/api/v1/{kind}/{{id}}/" in paths
    assert "/api/v1/export/" in paths
    assert schema["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "Khóa API do quản trị viên cấp trong trang quản trị.",
    }


def test_it_serves_the_docs_page_from_our_own_static_files(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "<script>" not in html and "<style>" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.browser
def test_it_renders_the_docs_page_under_the_csp(live_server):
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        console = []
        page.on("console", lambda message: console.append(message.text))
        page.goto(f"{live_server.url}/api/docs/")
        page.wait_for_selector(".swagger-ui .info .title", timeout=15000)
        title = page.inner_text(".swagger-ui .info .title")
        page.wait_for_selector("text=/api/v1/partners/", timeout=15000)
        browser.close()
    assert "Sở Ngoại vụ" in title
    assert not [text for text in console if "Content Security Policy" in text]
