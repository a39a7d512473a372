"""The admin's import pages as a person goes through them: the model's list, its "Nhập từ Excel" link, the upload
form as rendered with a file attached, "Xem trước", then "Xác nhận nhập"; and what the preview page says."""

import lxml.html
from django.core.files.uploadedfile import SimpleUploadedFile

from partners.models import Partner
from tests.conftest import admin_url
from tests.forms import page_form_data


def document(response):
    return lxml.html.document_fromstring(response.content, parser=lxml.html.HTMLParser(encoding="utf-8"))


def words(response, element_id: str) -> str:
    """What a person reads in the element, its cells apart."""
    return " ".join(" ".join(document(response).xpath(f"//*[@id='{element_id}']")[0].itertext()).split())


def texts(response, selector_id: str) -> list[str]:
    return [" ".join(li.text_content().split()) for li in document(response).xpath(f"//*[@id='{selector_id}']//li")]


def open_import_page(client, model):
    """The model's list, then its "Nhập từ Excel" link, as a person clicks it."""
    listing = client.get(admin_url(model, "changelist"))
    [href] = document(listing).xpath("//a[normalize-space()='Nhập từ Excel']/@href")
    return client.get(href)


def upload(client, page, name: str, data: bytes):
    form = page_form_data(page, press="_preview", form_id="import-upload")
    form["file"] = SimpleUploadedFile(name, data)  # what the browser attaches to the file input
    return client.post(page.request["PATH_INFO"], form)


def confirm(client, preview):
    return client.post(
        preview.request["PATH_INFO"], page_form_data(preview, press="_confirm", form_id="import-confirm")
    )


def import_through_admin(client, data: bytes, name: str = "doi-tac.xlsx", model=Partner):
    preview = upload(client, open_import_page(client, model), name, data)
    assert preview.status_code == 200
    return confirm(client, preview)
