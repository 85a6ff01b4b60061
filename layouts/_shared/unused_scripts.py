"""Pages leave out the scripts Dash names in every page that this app never runs.

Dash names a fixed list of scripts in each page's HTML, whether the app needs them or not:

- ``dash_table``'s bundle (33 KB, 8 KB compressed): the app draws its tables as HTML
  (``presentation/blocks/tables.py``) and has no ``DataTable``; ``tests/unit/layouts/_shared/
  test_unused_scripts.py`` fails if one appears.
- ``@babel/polyfill`` 7 (97 KB, 29 KB compressed): core-js 2, for browsers without ES2015 (Internet
  Explorer 11, which React 18, and so Dash, no longer supports), and the regenerator runtime. The one part of it
  the component libraries still call, the global ``regeneratorRuntime`` their lazy loading uses, is
  also set by dash-bootstrap-components' bundle, which every page loads before the renderer;
  ``tests/unit/layouts/_shared/test_unused_scripts.py`` checks that it still does.

Removing a ``<script>`` from the HTML Dash hands to a ``dash.hooks.index`` hook is public API: the
renderer loads only what the page names.
"""

from __future__ import annotations

import re

#: Scripts (by a part of their address) the app's pages do not need.
UNUSED = ("/_dash-component-suites/dash/dash_table/", "/_dash-component-suites/dash/deps/polyfill@")
_SCRIPT = re.compile(r'[ \t]*<script src="([^"]*)"></script>\n?')


def without_unused_scripts(index_html: str) -> str:
    """The page's HTML without the scripts in ``UNUSED``. A ``dash.hooks.index`` hook."""
    return _SCRIPT.sub(lambda tag: "" if any(part in tag.group(1) for part in UNUSED) else tag.group(0), index_html)
