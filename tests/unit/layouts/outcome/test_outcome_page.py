"""Outcome pages: six registered pages in catalogue order, and a layout built from the query string alone."""

from __future__ import annotations

import pytest

from tests.support.paths import PROJECT_ROOT


@pytest.fixture(scope="module")
def page(web_env):
    """The page module as Dash loaded it (pages register while the app is built)."""
    import app  # noqa: F401
    from layouts.outcome import page as outcome

    return outcome


def test_page_modules_do_no_database_work():
    """Layouts read only the catalogue and the query: no read layer, engine or SQL in the page modules."""

    folder = PROJECT_ROOT / "layouts" / "outcome"
    for name in ("page.py", "parts.py", "tables.py"):
        source = (folder / name).read_text(encoding="utf-8")
        for forbidden in ("data_access.read", "data_access.db", "sqlalchemy", "get_engine"):
            assert forbidden not in source, (name, forbidden)
