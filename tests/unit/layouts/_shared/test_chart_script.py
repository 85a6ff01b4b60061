"""Pages with charts name plotly.js in their HTML; pages without charts do not load it."""

from __future__ import annotations
