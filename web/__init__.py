"""The web plumbing around the Dash pages: sign-in, security headers and errors, the Flask routes
(downloads, board packs, uploads, boundary layers), the ``flask users`` commands, and the one module
that uses Dash internals.

``app.py`` wires these onto the server; nothing below the web layer (pages, callbacks, presentation,
data access) imports from here, so a page never depends on how it is served.
"""
