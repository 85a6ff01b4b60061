"""Pages with charts name plotly.js in their HTML; pages without charts do not load it."""

from __future__ import annotations

import pytest

from layouts._shared.chart_script import PLOTLY_PATH, draws_charts
from presentation import ids

CHART_PAGES = ["/outcome/drug-use", "/outcome/recovery", "/compare", "/partnership/greater-manchester",
               "/present/greater-manchester"]
PLAIN_PAGES = ["/", "/about", "/partnership", "/accessibility", "/no-such-page"]


@pytest.mark.usefixtures("web_env")
class TestDrawsCharts:
    @pytest.mark.parametrize("path", CHART_PAGES)
    def test_chart_pages(self, path):
        import app  # noqa: F401  (registers the pages)

        assert draws_charts(path)

    @pytest.mark.parametrize("path", PLAIN_PAGES)
    def test_other_pages(self, path):
        import app  # noqa: F401

        assert not draws_charts(path)


@pytest.mark.parametrize("path", CHART_PAGES)
def test_chart_page_html_names_plotly_once_deferred_in_the_head(client, path):
    html = client.get(path).get_data(as_text=True)
    head = html[:html.index("</head>")]
    assert f'<script id="{ids.PLOTLY_EARLY_SCRIPT}" defer src="/{PLOTLY_PATH}"></script>' in head
    assert html.count(PLOTLY_PATH) == 1


@pytest.mark.parametrize("path", PLAIN_PAGES)
def test_other_page_html_does_not_load_plotly(client, path):
    assert PLOTLY_PATH not in client.get(path).get_data(as_text=True)


def test_the_named_address_serves_plotly(client):
    response = client.get(f"/{PLOTLY_PATH}")
    assert response.status_code == 200 and b"window.Plotly = Plotly" in response.data
