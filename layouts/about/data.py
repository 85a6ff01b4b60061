"""The About page's data sections, built from the read layer's frames: footprint version and data releases.

Pure functions; ``layouts.about.views.about_data_view`` reads the frames and passes them in.
The counts sentence is computed from the footprint in force, so it stays true when an
authoritative list replaces the default one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
from dash import html

from presentation.blocks import Column, data_table
from presentation.formatting import citations, format_count, is_missing
from presentation.html import esc, html_table, tag

REAL_PARTNERSHIPS = ("about 106 (104 partnership areas were reported in early 2023 and 106 by July 2023; "
                     "From Harm to Hope First Annual Report 2022-23)")


def _date(value: Any) -> str:
    if is_missing(value):
        return "–"
    return pd.Timestamp(value).strftime("%-d %B %Y")


def source_link(text: str) -> str:
    """A source as HTML: each citation's title linked to its URL (see ``citations``), "–" for none."""
    parts = [tag("a", esc(shown), href=url) if url else esc(shown) for shown, url in citations(text)]
    return "; ".join(parts) if parts else "–"


def footprint_counts(parts: pd.DataFrame) -> str:
    """ "50 partnerships are sourced: 13 groupings … 70 authorities are shown as their own partnership by assumption …"."""
    sourced = parts[parts["status"] == "sourced"]
    assumed = parts[parts["status"] != "sourced"]
    multi = int((sourced["n_members"] > 1).sum())
    single = len(sourced) - multi
    alone = int((assumed["n_members"] == 1).sum())
    grouped = assumed[assumed["n_members"] != 1]
    text = (f"{len(sourced)} partnership{'s are' if len(sourced) != 1 else ' is'} sourced: {multi} grouping"
            f"{'s' if multi != 1 else ''} of several authorities and {single} single-authority partnership"
            f"{'s' if single != 1 else ''}, covering {int(sourced['n_members'].sum())} authorities. "
            f"{alone} authorit{'ies are' if alone != 1 else 'y is'} shown as their own partnership by assumption")
    if len(grouped):
        names = ", ".join(grouped["name"])
        text += f", and {len(grouped)} assumed grouping{'s' if len(grouped) != 1 else ''} ({names})"
    return (text + f" — {len(parts)} partnerships in all. The real number of partnerships is {REAL_PARTNERSHIPS}, "
            "so assumed rows will be wrong for some areas until an authoritative list is loaded.")


def footprint_section(current: Mapping[str, Any] | None, parts: pd.DataFrame, sources: pd.DataFrame) -> list[Any]:
    """Current version (label, loaded date), the counts sentence and a table of every partnership."""
    if current is None or parts.empty:
        return [html.P("No partnership footprint is loaded.")]
    table = parts.merge(sources[["partnership_code", "source"]], left_on="code", right_on="partnership_code",
                        how="left")
    # Sourced partnerships first: they are the few rows a reader needs to check.
    table = table.assign(_order=table["status"] != "sourced").sort_values(["_order", "name"], kind="stable")
    head = [tag("th", esc(text), scope="col", class_="num" if text == "Authorities" else None)
            for text in ("Partnership", "Region", "Authorities", "Member authorities", "Status", "Source")]
    rows = [tag("tr", [
        tag("th", tag("a", esc(r["name"]), href=f"/partnership/{r['code']}"), scope="row"),
        tag("td", esc(r.get("region_name") or "–")),
        tag("td", esc(format_count(r["n_members"])), class_="num"),
        tag("td", esc(str(r.get("member_names") or "").replace(";", ", "))),
        tag("td", "Sourced" if r["status"] == "sourced" else "Assumed"),
        tag("td", source_link(r.get("source"))),
    ], data_status=r["status"]) for r in table.to_dict("records")]
    return [
        html.P(["Footprint in force: ", html.Strong(str(current.get("label"))), f" (version {current.get('id')}, "
                f"loaded {_date(current.get('loaded_at'))}, from {current.get('source')})."]),
        html.P(footprint_counts(parts)),
        html.P("No authoritative national list of partnerships and their member authorities has been published. "
               "The default footprint groups the partnerships a source confirms and treats every other authority "
               "as its own partnership; loading an authoritative list replaces it as a new version, keeping the old."),
        html.Div(html_table(f"Partnerships in the footprint in force ({len(table)})", head, rows),
                 className="table-scroll", tabIndex=0, role="region",
                 **{"aria-label": "Partnerships in the footprint: table"}),
    ]


def releases_section(releases: pd.DataFrame) -> list[Any]:
    """The data releases visible here, newest first."""
    if releases.empty:
        return [html.P("No data has been loaded yet.")]
    frame = releases.assign(
        suppressed=False,
        extracted=releases["extracted_date"].map(_date),
        published=releases["published_date"].map(_date),
        demo=releases["is_demo"].map(lambda v: "Yes — demonstration, not real" if bool(v) else "No"),
    )
    columns = [Column("id", "Release", True), Column("source", "Source"), Column("publisher", "Publisher"),
               Column("published", "Published"), Column("extracted", "Extracted"),
               Column("demo", "Demonstration data"), Column("visibility", "Visibility"),
               Column("row_count", "Rows", True, format_count)]
    return [html.Div(data_table(frame, columns, "Data releases, newest first"), className="table-scroll",
                     tabIndex=0, role="region", **{"aria-label": "Data releases: table"})]
