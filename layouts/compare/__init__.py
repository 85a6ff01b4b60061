"""The compare page (/compare): partnerships by headline measure, the heat-map table and the funnel plot, with its view functions.

``page`` registers the page with Dash and builds its layout; the other modules are its parts. Nothing here
imports another page: what pages share is in ``layouts._shared`` and ``presentation``.
"""
