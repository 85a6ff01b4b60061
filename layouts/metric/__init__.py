"""The metric pages (/metric and /metric/<id>): definitions, methods and sources from the catalogue.

``page`` registers the page with Dash and builds its layout; the other modules are its parts. Nothing here
imports another page: what pages share is in ``layouts._shared`` and ``presentation``.
"""
