"""The six outcome pages (/outcome/<slug>): map, trend, comparison, tables and definitions, with their view functions.

``page`` registers the page with Dash and builds its layout; the other modules are its parts. Nothing here
imports another page: what pages share is in ``layouts._shared`` and ``presentation``.
"""
