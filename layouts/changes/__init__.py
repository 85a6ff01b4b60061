"""The "what changed" page (/partnership/<code>/changes): new periods, revisions, changed judgements and upcoming releases.

``page`` registers the page with Dash and builds its layout; the other modules are its parts. Nothing here
imports another page: what pages share is in ``layouts._shared`` and ``presentation``.
"""
