"""The partnership pages (/partnership and /partnership/<code>): the list and a profile, with its view functions.

``page`` registers the page with Dash and builds its layout; the other modules are its parts. Nothing here
imports another page: what pages share is in ``layouts._shared`` and ``presentation``.
"""
