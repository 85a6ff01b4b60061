"""Who and where: the partnerships, authorities and regions pickers list, and finding an area by code or name.

All are cut from the remembered geography (``tables.shared_geography``), so a page that lists
partnerships and then resolves one reads the store once per release; answers are copies the
caller may change.
"""

from __future__ import annotations

import pandas as pd

from data_access.read.memory import ANSWERS, private, remembered
from data_access.read.releases import release_key
from data_access.read.tables import shared_geography


def partnerships() -> pd.DataFrame:
    """code, name, status, n_members, region_code, region_name, member_codes, member_names."""
    return private(shared_geography()["partnerships"])


def authorities(*, include_abolished: bool = False) -> pd.DataFrame:
    """Upper-tier authorities: code, name, region_code, region_name, partnership_code, partnership_name,
    valid_from, valid_to."""
    key = ("authorities", bool(include_abolished), release_key())
    return private(remembered(ANSWERS, key, lambda: _authorities(include_abolished)))


def _authorities(include_abolished: bool) -> pd.DataFrame:
    geo = shared_geography()
    areas, members = geo["areas"], geo["members"]
    regions_ = areas[areas["type"] == "region"].set_index("code")["name"]
    utla = areas[areas["type"] == "utla"]
    if not include_abolished:
        utla = utla[utla["valid_to"].isna()]
    link = members.set_index("member_code")
    return pd.DataFrame({
        "code": utla["code"], "name": utla["name"], "region_code": utla["parent_code"],
        "region_name": utla["parent_code"].map(regions_),
        "partnership_code": utla["code"].map(link["partnership_code"]),
        "partnership_name": utla["code"].map(link["partnership_name"]),
        "valid_from": utla["valid_from"], "valid_to": utla["valid_to"],
    }).sort_values("name", ignore_index=True)


def regions() -> pd.DataFrame:
    """code, name of the nine regions."""
    areas = shared_geography()["areas"]
    return areas.loc[areas["type"] == "region", ["code", "name"]].sort_values("name", ignore_index=True)


def partnership_members(code: str) -> pd.DataFrame:
    """Member authorities of a partnership (current and abolished): code, name, valid_from, valid_to, status,
    source. Empty when the partnership is unknown."""
    geo = shared_geography()
    members = geo["members"][geo["members"]["partnership_code"] == code]
    names = geo["areas"].set_index("code")
    return pd.DataFrame({
        "code": members["member_code"].to_numpy(), "name": names.loc[members["member_code"], "name"].to_numpy(),
        "valid_from": names.loc[members["member_code"], "valid_from"].to_numpy(),
        "valid_to": names.loc[members["member_code"], "valid_to"].to_numpy(),
        "status": members["status"].to_numpy(), "source": members["source"].to_numpy(),
    })


def resolve_area(text: str | None) -> dict | None:
    """Find a partnership, authority, region or England by code or exact name (case-insensitive).

    An authority resolves to itself with its partnership code, so a picker can select the partnership.
    """
    if not text:
        return None
    needle = str(text).strip().lower()
    hit = remembered(ANSWERS, ("resolve_area", needle, release_key()), lambda: _resolve_area(needle))
    return dict(hit) if hit is not None else None


def _resolve_area(needle: str) -> dict | None:
    parts = partnerships()
    hit = parts[(parts["code"].str.lower() == needle) | (parts["name"].str.lower() == needle)]
    if not hit.empty:
        row = hit.iloc[0]
        return {"code": row["code"], "name": row["name"], "type": "partnership", "partnership_code": row["code"]}
    auth = authorities(include_abolished=True)
    hit = auth[(auth["code"].str.lower() == needle) | (auth["name"].str.lower() == needle)]
    if not hit.empty:
        row = hit.iloc[0]
        return {"code": row["code"], "name": row["name"], "type": "utla", "partnership_code": row["partnership_code"]}
    areas = shared_geography()["areas"]
    hit = areas[areas["type"].isin(["region", "country"]) & ((areas["code"].str.lower() == needle)
                                                            | (areas["name"].str.lower() == needle))]
    if not hit.empty:
        row = hit.iloc[0]
        return {"code": row["code"], "name": row["name"], "type": row["type"], "partnership_code": None}
    return None
