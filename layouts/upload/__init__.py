"""The upload page (/upload, internal instances only): check a local file and load it as an internal release.

``page`` registers the page with Dash and builds its layout; the other modules are its parts. Nothing here
imports another page: what pages share is in ``layouts._shared`` and ``presentation``.
"""
