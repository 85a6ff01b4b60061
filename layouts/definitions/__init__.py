"""The metric definitions page (/definitions): every metric of the catalogue in plain words, by outcome.

``page`` registers the page with Dash and builds its layout. Nothing here imports another page: what
pages share is in ``layouts._shared`` and ``presentation``.
"""
