"""Wiring only: build the Dash app, its cache and CLI, and expose ``server`` for gunicorn."""

from __future__ import annotations

import dash

import callbacks  # noqa: F401  (registers every callback)
from config import INSTANCE, get_settings
from data_access.cache import init_cache
from data_access.cli import data as data_cli
from layouts._shared.chart_script import with_chart_script
from layouts._shared.first_view import with_preloads
from layouts._shared.shell import INDEX_STRING, shell
from layouts._shared.unused_scripts import without_unused_scripts
from web.answer_memory import register_answer_memory
from web.auth import register_auth
from web.dash_private import set_up_server
from web.routes import register_routes
from web.routes_boardpack import register_boardpack_routes
from web.routes_boundaries import register_boundary_routes
from web.routes_upload import register_upload_routes
from web.security import callback_error, register_security
from web.static_compression import register_static_compression
from web.users_cli import users as users_cli

settings = get_settings()
app = dash.Dash(
    __name__,
    pages_folder="layouts",
    # Bootstrap's stylesheet is served from assets/ (no CDN: the app works offline and under a strict CSP).
    serve_locally=True,
    # The app's plotly.js bundle is named only by pages with charts (layouts/_shared/chart_script.py).
    assets_ignore=r"^plotly-cdp\.min\.js$",
    title="Combating Drugs Outcomes Dashboard",
    update_title=None,
    compress=True,
    health_endpoint="health",
    meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    index_string=INDEX_STRING,  # declares the page language
    # Otherwise Dash puts every page's layout (~240 KB of JSON) into each page's HTML for the browser
    # to check callback ids against, on every load; tests/integration/callbacks/test_callback_ids.py checks them once.
    suppress_callback_exceptions=True,
    # A callback that raises is logged and answered without a traceback (web.security.callback_error).
    on_error=callback_error,
)
server = app.server
server.config["SECRET_KEY"] = settings.secret_key
init_cache(server, settings)
server.cli.add_command(data_cli)
server.cli.add_command(users_cli)
if not settings.is_public:
    # Internal instances only: sign-in for everything, the sign-in/out routes and CSRF checks (checked first).
    register_auth(server)
    register_upload_routes(server)
register_security(app)
register_routes(server)
register_boundary_routes(server)
register_boardpack_routes(server)
# Scripts and stylesheets go out as their best brotli or gzip copy, made once (after Dash's flask-compress).
register_static_compression(app, INSTANCE / "compressed")
# In public mode a repeated layout or callback request is answered with the bytes sent before (same release).
register_answer_memory(app)
app.layout = shell
dash.hooks.index()(with_chart_script)  # pages with charts load plotly.js with the page
dash.hooks.index()(with_preloads)  # the layout and callback map are fetched while the scripts load
dash.hooks.index()(without_unused_scripts)  # no dash_table, no polyfill for browsers Dash does not support


def set_up_before_serving() -> None:
    """Dash's own set-up (scripts, stylesheets, callbacks), done before a worker takes any request.

    Dash sets itself up during its first request, and marks that done before doing it
    (plotly/dash#3971). A threaded worker's other first requests then find no scripts or callbacks
    registered: after a restart, a browser opening a page got a 404 for a component library's script
    and a blank page. Servers call this once per worker (``gunicorn.conf.py``); ``web.dash_private`` says
    why it is not public API.
    """
    with server.test_request_context("/"):
        set_up_server(app)
