"""The downloads page (/download): every metric's CSV, the partnership footprint and the URL scheme.

``page`` registers the page with Dash and builds its layout. Nothing here imports another page: what
pages share is in ``layouts._shared`` and ``presentation``.
"""
