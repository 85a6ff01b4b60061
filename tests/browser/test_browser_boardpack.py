"""The board pack fetched by a real browser from the route (following the redirect to the pinned release),
then read with pdftotext."""

from __future__ import annotations

import base64

import pytest

from data_access.catalogue import get_catalogue
from tests.support.pdf_text import pdf_text

pytestmark = pytest.mark.browser

FETCH = """
const done = arguments[arguments.length - 1];
fetch(arguments[0]).then(r => r.blob().then(blob => new Promise(resolve => {
  const reader = new FileReader();
  reader.onload = () => resolve({url: r.url, status: r.status, type: r.headers.get("content-type"),
                                 data: reader.result});
  reader.readAsDataURL(blob);
}))).then(done).catch(error => done({error: String(error)}));
"""


def test_pack_downloads_from_the_route(browser, live_server):
    browser.get(live_server + "/partnership/cleveland")
    browser.set_script_timeout(240)
    answer = browser.execute_async_script(FETCH, "/partnership/cleveland/pack.pdf")
    assert "error" not in answer, answer
    assert answer["status"] == 200 and answer["type"] == "application/pdf"
    assert answer["url"].endswith("/partnership/cleveland/pack.pdf?release=1")
    pdf = base64.b64decode(answer["data"].split(",", 1)[1])
    assert pdf.startswith(b"%PDF")
    words = pdf_text(pdf)
    assert "Cleveland" in words and "data release 1" in words and "Baseline" in words
    for outcome in get_catalogue().outcomes:
        assert outcome.name in words
    assert "Contains data from the Office for National Statistics licensed under the Open Government Licence v3.0" \
        in words
