"""What every agreement document download must carry, checked the same way by the download and upload tests."""


def csp_directives(response) -> dict[str, str]:
    directives = (part.strip().partition(" ") for part in response["Content-Security-Policy"].split(";"))
    return {name: value for name, _, value in directives}


def assert_served_inert(response, content_type: str, filename: str) -> None:
    """Served as `content_type`, to be saved as `filename`, never sniffed, and sandboxed if rendered all the same."""
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert csp_directives(response) == {"default-src": "'none'", "frame-ancestors": "'none'", "sandbox": ""}
