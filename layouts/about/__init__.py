"""The About page (/about): what the dashboard is, its sources and attribution, methods, footprint and releases.

``page`` registers the page with Dash and builds its layout; the other modules are its parts. Nothing here
imports another page: what pages share is in ``layouts._shared`` and ``presentation``.
"""
