"""Every id a callback names exists in the shell or in some page's layout.

The app sets ``suppress_callback_exceptions`` so that the browser is not sent every page's layout
to check ids against on each load; this test makes the same check once, on the server's own
way Dash would: against the shell plus each page's layout called with no arguments.
"""

from __future__ import annotations

import json
from typing import Any

from tests.support.layout_tree import walk


def _dependency_ids(callback: dict) -> list[Any]:
    """The ids a callback names; wildcard ids (ALL, MATCH) are left out, as they may match nothing yet."""
    output = callback["output"]
    outputs = output.strip(".").split("...") if output.startswith("..") else [output]
    ids = [o.rsplit(".", 1)[0] for o in outputs] + [d["id"] for d in (*callback["inputs"], *callback["state"])]
    ids = [json.loads(i) if isinstance(i, str) and i.startswith("{") else i for i in ids]
    return [i for i in ids if isinstance(i, str) or all(isinstance(v, str) for v in i.values())]


def _matches(wanted: Any, present: Any) -> bool:
    if isinstance(wanted, str):
        return wanted == present
    return isinstance(present, dict) and present == wanted


def test_every_callback_id_is_in_a_layout(client):
    import dash

    from app import app

    client.get("/")  # Dash registers the pages' own callbacks on the first request
    layouts = [page["layout"]() if callable(page["layout"]) else page["layout"] for page in dash.page_registry.values()]
    layouts.append(app.layout() if callable(app.layout) else app.layout)
    layout_ids = [c.id for c in walk(layouts) if getattr(c, "id", None) is not None]
    missing = {str(wanted) for callback in app._callback_list for wanted in _dependency_ids(callback)
               if not any(_matches(wanted, present) for present in layout_ids)}
    assert missing == set()
    assert len(app._callback_list) > 20


def test_the_page_html_does_not_carry_every_layout(client):
    page = client.get("/outcome/deaths-and-harm")
    assert page.status_code == 200
    assert b"validation_layout" not in page.data
    assert len(page.data) < 40_000
