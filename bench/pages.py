"""List the app's pages as a browser would open them: ``python -m bench.pages`` prints JSON.

Run in the benchmarked instance's environment. Paths come from Dash's page registry, so a page
added later is measured without touching the benchmark; templated paths are filled with a real
partnership (the one with most members) and a real metric. The 404 page is left out.
"""

from __future__ import annotations

import json
import re
import sys

SKIP = {"/404"}


def discover() -> dict:
    """``{"pages": [path, …], "partnership_code": str | None}`` for the current store."""
    import dash

    import app  # noqa: F401  (registers the pages)
    from data_access.catalogue import get_catalogue
    from data_access.read import partnerships

    parts = partnerships()
    code = str(parts.sort_values(["n_members", "code"]).iloc[-1]["code"]) if not parts.empty else None
    local = [spec.id for spec in get_catalogue().metrics.values() if spec.is_local]
    fill = {"code": code, "metric_id": local[0] if local else None}
    pages: list[str] = []
    for page in dash.page_registry.values():
        template = page.get("path_template")
        path = template or page["path"]
        if template:
            names = re.findall(r"<([^>]+)>", template)
            if any(fill.get(name) is None for name in names):
                continue
            path = re.sub(r"<([^>]+)>", lambda m: str(fill[m.group(1)]), template)
        if path not in SKIP and path not in pages:
            pages.append(path)
    return {"pages": pages, "partnership_code": code}


if __name__ == "__main__":
    json.dump(discover(), sys.stdout)
