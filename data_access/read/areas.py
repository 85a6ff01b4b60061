"""Areas and partnerships of the current footprint version, as small DataFrames."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import select

from data_access.db import get_engine
from data_access.geography import ENGLAND
from data_access.models import Area, FootprintVersion, Membership

__all__ = ["ENGLAND", "areas_frame", "memberships_frame", "partnerships_table", "valid_on"]


def areas_frame() -> pd.DataFrame:
    """Every area: code, name, type, parent_code, valid_from, valid_to, lon, lat, population dicts."""
    columns = [Area.code, Area.name, Area.type, Area.parent_code, Area.valid_from, Area.valid_to, Area.lon, Area.lat,
               Area.population]
    with get_engine().connect() as conn:
        rows = conn.execute(select(*columns).order_by(Area.code)).all()
    return pd.DataFrame(rows, columns=[c.key for c in columns])


def memberships_frame() -> pd.DataFrame:
    """Current footprint: partnership_code, partnership_name, member_code, status, source, footprint_version."""
    columns = [Membership.partnership_code, Membership.partnership_name, Membership.member_code, Membership.status,
               Membership.source, Membership.footprint_version_id]
    with get_engine().connect() as conn:
        rows = conn.execute(select(*columns).join(FootprintVersion).where(FootprintVersion.is_current)
                            .order_by(Membership.partnership_name, Membership.member_code)).all()
    frame = pd.DataFrame(rows, columns=[c.key for c in columns])
    return frame.rename(columns={"footprint_version_id": "footprint_version"})


def valid_on(frame: pd.DataFrame, day: date) -> pd.Series:
    """Mask of areas valid on ``day`` (an area counts for a period if valid on the period's end)."""
    ends = frame["valid_to"].where(frame["valid_to"].notna(), date.max)
    return (frame["valid_from"] <= day) & (ends >= day)


def partnerships_table(areas: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """One row per partnership: code, name, status, n_members (current), region_code, region_name,
    member_codes and member_names (';'-joined, current members)."""
    current = areas[valid_on(areas, date.today())].set_index("code")
    regions = areas[areas["type"] == "region"].set_index("code")["name"]
    rows = []
    for code, group in members.groupby("partnership_code", sort=False):
        now = group[group["member_code"].isin(current.index)]
        region_codes = current.loc[now["member_code"], "parent_code"]
        region = region_codes.mode().iat[0] if len(region_codes) else None
        rows.append({"code": code, "name": group["partnership_name"].iat[0],
                     "status": "sourced" if (group["status"] == "sourced").all() else "assumed",
                     "n_members": len(now), "region_code": region, "region_name": regions.get(region),
                     "member_codes": ";".join(now["member_code"]),
                     "member_names": ";".join(current.loc[now["member_code"], "name"])})
    return pd.DataFrame(rows).sort_values("name", ignore_index=True)
