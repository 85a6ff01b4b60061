"""The upload page's ids, layout and preview blocks (internal instances only; see ``layouts/upload/page.py``).

Pure builders: the callbacks in ``callbacks/upload.py`` validate the file and hand the results here.
The file itself never travels through a callback: ``assets/upload.js`` posts it to ``/upload/file``
(``web/routes_upload.py``) as a stream and puts the answer (a token, or why it was refused) in
``ids.UPLOAD_RECEIVED``, whose change starts the check.
"""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from data_access.uploads import LIMIT_BYTES as UPLOAD_LIMIT_BYTES
from data_access.uploads import LIMIT_TEXT as UPLOAD_LIMIT_TEXT
from presentation import ids
from presentation.blocks import data_table
from presentation.blocks.static import html_block

#: Where the page's script posts the chosen file (``web.routes_upload.UPLOAD_FILE_PATH``).
UPLOAD_ACTION = "/upload/file"
#: Problems shown on the page; every problem is in the "Download every problem" CSV.
PROBLEMS_SHOWN = 1000
SAMPLE_ROWS = 10



def upload_layout(csrf_token: str = "") -> html.Div:
    """Choose a file → preview (every problem, or a sample of the rows) → confirm → result and log.

    ``csrf_token`` goes with the file as its ``X-CSRFToken`` header (``assets/upload.js``).
    """
    return html.Div([
        html.H1("Upload local data"),
        html.P(["Load a CSV file of local figures as an ", html.Strong("internal"), " release: it is shown on this "
                "internal instance only, never on the public one. The file is checked exactly as ",
                html.Code("flask --app app data load"), " checks it, and nothing is loaded until you confirm."]),
        html.P(["Accepted layouts: the long layout (metric, area_code, period, value, numerator, denominator, "
                "lower_ci, upper_ci, note) or a Fingertips data download. Files up to ", UPLOAD_LIMIT_TEXT, "."]),
        html.Div(id=ids.UPLOAD_FILE, className="upload-drop", **{"data-limit": str(UPLOAD_LIMIT_BYTES),
                                                              "data-action": UPLOAD_ACTION,
                                                              "data-csrf": csrf_token}, children=[
            dbc.Label("Drag a CSV file here, or choose one", html_for=ids.UPLOAD_INPUT),
            # Dash has no file input component (dcc.Upload sends the file through a callback), so the plain
            # element comes as markup; assets/upload.js takes its "change" event.
            html_block(f'<input id="{ids.UPLOAD_INPUT}" type="file" accept=".csv,text/csv" class="form-control">',
                       class_name="upload-input"),
        ]),
        dcc.Store(id=ids.UPLOAD_RECEIVED),
        dbc.Label("Description (optional, kept with the release)", html_for=ids.UPLOAD_DESCRIPTION, className="mt-3"),
        dbc.Input(id=ids.UPLOAD_DESCRIPTION, type="text", maxLength=500, placeholder="e.g. Q2 local treatment figures"),
        dcc.Loading(html.Div(id=ids.UPLOAD_PREVIEW, className="mt-3", **{"aria-live": "polite"})),
        dcc.Store(id=ids.UPLOAD_CHECKED),
        dcc.Download(id=ids.UPLOAD_PROBLEMS_DOWNLOAD),
        html.Button("Load this file as an internal release", id=ids.UPLOAD_CONFIRM, disabled=True, type="button",
                    className="btn btn-primary mt-2"),
        dcc.Loading(html.Div(id=ids.UPLOAD_RESULT, className="mt-3", role="status")),
        html.H2("Recent uploads", className="mt-4"),
        html.Div(id=ids.UPLOAD_HISTORY),
        html.P(html.A("Sign out", href="/signout"), className="mt-4"),
    ])


def message(text: str, tone: str = "danger") -> html.Div:
    return html.Div(text, className=f"alert alert-{tone}", role="alert" if tone == "danger" else None)


def preview_block(*, file_name: str, size: int, layout: str, rows_read: int, problems: Sequence,
                  skipped: dict[str, int], sample: pd.DataFrame) -> html.Div:
    """What the check found: the summary line, then every problem (line, column, message) or a sample."""
    head = html.P(f"{file_name}: {size:,} bytes, {layout or 'unrecognised'} layout, {rows_read:,} data rows read.")
    skipped_note = [html.P("Not loaded (counted): " + "; ".join(f"{n:,} {why}" for why, n in skipped.items()))] \
        if skipped else []
    if problems:
        shown = pd.DataFrame([(p.row or "file", p.column or "—", p.message) for p in problems[:PROBLEMS_SHOWN]],
                             columns=["line", "column", "problem"])
        more = len(problems) - len(shown)
        return html.Div([
            head, *skipped_note,
            message(f"{len(problems):,} problem(s) found: nothing can be loaded until they are fixed."),
            data_table(shown, [("line", "Line"), ("column", "Column"), ("problem", "Problem")],
                       f"Problems in {file_name}, by line and column"),
            html.P(f"…and {more:,} more." if more else ""),
            html.Button("Download every problem (CSV)", id=ids.UPLOAD_PROBLEMS_BUTTON, type="button",
                        className="btn btn-outline-secondary"),
        ])
    columns = [("line", "Line"), ("metric_id", "Metric"), ("area_code", "Area"), ("period_label", "Period"),
               ("breakdown", "Breakdown"), ("value", "Value", True), ("numerator", "Numerator", True),
               ("denominator", "Denominator", True)]
    return html.Div([
        head, *skipped_note,
        message(f"No problems: {len(sample):,} row(s) ready to load. Check the first rows below, then confirm.",
                tone="success"),
        data_table(sample.head(SAMPLE_ROWS), columns, f"First rows of {file_name} as they will be loaded"),
    ])


def history_table(frame: pd.DataFrame) -> html.Div:
    if frame.empty:
        return html.P("No uploads yet.")
    shown = frame.assign(at=frame["at"].map(lambda t: f"{t:%Y-%m-%d %H:%M} UTC"),
                         file_hash=frame["file_hash"].str[:12], release_id=frame["release_id"].map(
                             lambda r: "—" if pd.isna(r) else f"#{int(r)}"))
    return data_table(shown, [("at", "When"), ("user_name", "Who"), ("file_name", "File"),
                              ("rows", "Rows", True), ("release_id", "Release"), ("outcome", "Outcome"),
                              ("file_hash", "SHA-256 (start)")], "Recent uploads, newest first", row_header=False)
