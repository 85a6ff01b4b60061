"""/upload — load a local data file as an internal release (internal instances only).

The page is registered only when ``CDP_MODE=internal``: a public instance has no upload page at all
(its router answers /upload with "page not found"), and no upload callback either.
"""

from __future__ import annotations

import dash
from dash import html
from flask import has_request_context
from flask_wtf.csrf import generate_csrf

from config import get_settings
from layouts.upload.parts import upload_layout

if not get_settings().is_public:
    dash.register_page(__name__, path="/upload", name="Upload local data", nav="Upload", order=90,
                       title="Upload local data – Combating Drugs Outcomes",
                       description="Check and load a local data file as an internal release.")


def layout(**_query) -> html.Div:
    # Flask-WTF's token for this session, which the upload route checks (``web.auth``); none outside a request.
    return upload_layout(generate_csrf() if has_request_context() else "")
