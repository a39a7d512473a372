"""Agreement documents are served only through the download view, to users allowed to view the agreement;
there is no public media URL. A download is an attachment of the type its stored extension stands for (a file
kept from before under any other extension is bytes to save), never sniffed, and sandboxed should a browser
render it anyway."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse

from agreements.models import Agreement, AgreementDocument
from tests.agreements.downloads import assert_served_inert
from tests.conftest import body

PDF_BYTES = b"%PDF-1.4\n% H\xe1\xba\xbf test document\n%%EOF\n"


@pytest.fixture
def document(demo, tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path}},
    }
    agreement = Agreement.objects.order_by("pk").first()
    document = AgreementDocument(agreement=agreement, kind=AgreementDocument._meta.get_field("kind").choices[0][0])
    document.file.save("ban-ky.pdf", ContentFile(PDF_BYTES), save=True)
    return document


def download_url(document) -> str:
    return reverse("document-download", args=[document.pk])


def test_it_sends_anonymous_visitors_to_log_in(client, document):
    response = client.get(download_url(document))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={download_url(document)}"


def test_it_refuses_a_user_without_the_view_permission(client, document):
    client.force_login(get_user_model().objects.create_user("outsider"))
    assert client.get(download_url(document)).status_code == 403


def test_it_serves_the_exact_bytes_as_an_attachment_to_a_viewer(logged_in, document):
    response = logged_in.get(download_url(document))
    assert_served_inert(response, "application/pdf", "ban-ky.pdf")
    assert body(response) == PDF_BYTES


@pytest.mark.parametrize(
    ("stored_name", "content_type"),
    [
        ("trang.html", "application/octet-stream"),
        ("hinh.svg", "application/octet-stream"),
        ("ban-ky", "application/octet-stream"),
        ("scan.JPEG", "image/jpeg"),
        ("ban-dich.Docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ],
)
def test_a_document_stored_before_names_followed_content_still_downloads_inert(
    logged_in, document, stored_name, content_type
):
    # As uploads were kept before: under the name the uploader typed, whatever the content.
    content = b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>\n%%EOF\n"
    name = document.file.storage.save(f"agreements/{document.agreement_id}/{stored_name}", ContentFile(content))
    legacy = AgreementDocument.objects.create(agreement=document.agreement, kind="other", file=name)
    response = logged_in.get(download_url(legacy))
    assert_served_inert(response, content_type, stored_name)
    assert body(response) == content


def test_it_answers_404_for_a_document_that_does_not_exist(logged_in, document):
    assert logged_in.get(reverse("document-download", args=[document.pk + 1000])).status_code == 404


def test_it_answers_404_when_the_file_is_missing_from_storage(logged_in, document):
    document.file.storage.delete(document.file.name)
    assert logged_in.get(download_url(document)).status_code == 404


def test_there_is_no_public_media_url(logged_in, document):
    assert logged_in.get(f"/media/{document.file.name}").status_code == 404
    assert logged_in.get(f"/{document.file.name}").status_code == 404
