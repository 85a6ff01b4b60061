"""Pages with charts name plotly.js in their HTML; pages without charts do not load it."""

from __future__ import annotations

CHART_PAGES = ["/outcome/drug-use", "/outcome/recovery", "/compare", "/partnership/greater-manchester",
               "/present/greater-manchester"]
PLAIN_PAGES = ["/", "/about", "/partnership", "/accessibility", "/no-such-page"]








