"""Read dashboard pages as a browser would: the filter form as it would be submitted, links by their text, the
result count shown. Tests that assemble query strings themselves cannot see a form that submits something else
(the country select once sent `country=KR` for "nothing chosen")."""

import re
from urllib.parse import urlencode, urljoin

import lxml.html

RESULT_COUNT = re.compile(r"^(\d+) (?:kết quả|results?)$")


def document(response) -> lxml.html.HtmlElement:
    assert response.status_code == 200, response.status_code
    return lxml.html.fromstring(response.content.decode())


def filter_form(response) -> lxml.html.FormElement:
    forms = document(response).xpath('//form[contains(@class, "filter-form")]')
    assert len(forms) == 1, "one filter form per page"
    return forms[0]


def submitted_query(form: lxml.html.FormElement, **chosen: str) -> str:
    """The query string pressing "Lọc" sends: every field as the page shows it, with `chosen` picked or typed.

    A select can only send one of its options, so picking a value it does not offer fails here as it would in a
    browser.
    """
    values = dict(form.form_values())
    for name, value in chosen.items():
        field = form.inputs[name]
        if field.tag == "select":
            assert value in field.value_options, f"{name} offers no option {value!r}"
        values[name] = value
    return urlencode(list(values.items()))


def selected_options(response) -> dict[str, str]:
    """What each select of the filter form shows as chosen (a browser shows the first option if none is)."""
    shown = {}
    for select in filter_form(response).xpath(".//select"):
        options = select.xpath(".//option")
        chosen = [option for option in options if option.get("selected") is not None]
        shown[select.get("name")] = (chosen or options)[0].get("value")
    return shown


def result_count(response) -> int:
    text = document(response).xpath('//*[@role="status" and contains(@class, "result-count")]')[0].text_content()
    text = text.strip()
    match = RESULT_COUNT.match(text)
    assert match, f"not a result count: {text!r}"
    return int(match[1])


def filter_errors(response) -> list[str]:
    return [
        error.text_content().strip()
        for error in document(response).xpath(
            '//form[contains(@class, "filter-form")]//*[contains(@class, "errorlist")]/li'
        )
    ]


def link_by_text(response, text: str, *, base: str) -> str:
    """The address of the one link whose text is `text`, resolved against the page's address `base`."""
    found = [a.get("href") for a in document(response).xpath("//a") if a.text_content().strip() == text]
    assert len(found) == 1, f"{len(found)} links read {text!r}"
    return urljoin(base, found[0])
