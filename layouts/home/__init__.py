"""The overview page (/): six outcome cards and headline tiles for England or a partnership.

``page`` registers the page with Dash and builds its layout; the other modules are its parts. Nothing here
imports another page: what pages share is in ``layouts._shared`` and ``presentation``.
"""
