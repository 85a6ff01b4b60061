"""Presentation mode (/present/<code>): one headline measure per screen, with its view function.

``page`` registers the page with Dash and builds its layout; the other modules are its parts. Nothing here
imports another page: what pages share is in ``layouts._shared`` and ``presentation``.
"""
