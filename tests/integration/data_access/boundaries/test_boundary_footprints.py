"""``data footprints``: a whole file is checked, every problem has a row and column, nothing half-loads."""

from __future__ import annotations

import csv

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from data_access.boundaries.build import build_boundaries
from data_access.boundaries.cli import footprints_command
from data_access.boundaries.facts import areas_from_csv
from data_access.boundaries.footprints import FootprintError, load_footprint_file
from data_access.db import session_scope
from data_access.geography import DEFAULT_FOOTPRINT_FILE
from data_access.models import FootprintVersion, Membership

MERGE_TEES = {code: {"partnership_code": "tees-valley", "partnership_name": "Tees Valley"}
              for code in ("E06000001", "E06000002", "E06000003", "E06000004", "E06000005")}


def _versions(engine):
    with session_scope(engine) as session:
        return [(v.id, v.is_current, len(v.memberships))
                for v in session.scalars(select(FootprintVersion).order_by(FootprintVersion.id))]


def _default_rows():
    with DEFAULT_FOOTPRINT_FILE.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_a_valid_file_becomes_the_current_version_and_the_old_one_is_kept(geo_store, footprint_csv):
    path = footprint_csv(change=MERGE_TEES, columns=("partnership_code", "partnership_name", "member_code"))
    result = load_footprint_file(path, engine=geo_store)

    default = _default_rows()
    assert result.created and result.is_current and result.members == len(default)
    # cleveland (+ Darlington) renamed tees-valley; County Durham stays in its partnership
    assert result.partnerships == len({row["partnership_code"] for row in default}) == 120
    assert _versions(geo_store) == [(1, False, len(default)), (result.version_id, True, len(default))]
    with session_scope(geo_store) as session:
        rows = session.execute(select(Membership.partnership_code, Membership.status, Membership.source)
                               .where(Membership.footprint_version_id == result.version_id,
                                      Membership.member_code == "E06000005")).one()
    assert rows == ("tees-valley", "sourced", "footprint.csv")  # status defaults to sourced


def test_loading_the_same_file_twice_changes_nothing(geo_store, footprint_csv):
    path = footprint_csv(change=MERGE_TEES)
    first = load_footprint_file(path, engine=geo_store)
    before = _versions(geo_store)
    second = load_footprint_file(path, engine=geo_store)
    assert not second.created and second.version_id == first.version_id and second.is_current
    assert _versions(geo_store) == before


def test_every_problem_is_listed_with_row_and_column_and_nothing_is_written(geo_store, footprint_csv):
    rows = _default_rows()
    by_code = {row["member_code"]: row for row in rows}
    by_code["E06000004"]["partnership_name"] = "Cleveland CDP"        # name differs from cleveland's first row
    by_code["E06000002"]["member_code"] = "E06000099"                  # unknown code (and Middlesbrough missing)
    by_code["E06000003"]["member_code"] = "E06000047"                  # duplicate of County Durham's row
    by_code["E06000010"]["status"] = "confirmed"                       # status not allowed
    by_code["E06000011"]["partnership_code"] = "east riding/yorks"     # not URL-safe
    by_code["E06000012"]["member_code"] = "E12000001"                  # a region
    by_code["E06000013"]["partnership_name"] = ""                      # empty name
    rows.append({"partnership_code": "ghost", "partnership_name": "Ghost", "member_code": "", "status": "", "source": ""})
    rows = [r for r in rows if r["member_code"] != "E10000023"]        # North Yorkshire CC left out
    path = footprint_csv(rows)
    line = {row["member_code"] if row["member_code"] else "ghost": number
            for number, row in enumerate(csv.DictReader(path.open(encoding="utf-8")), start=2)}

    with pytest.raises(FootprintError) as error:
        load_footprint_file(path, engine=geo_store)
    found = {(p.row, p.column) for p in error.value.problems}
    text = "\n".join(map(str, error.value.problems))

    assert (line["E06000004"], "partnership_name") in found
    assert f"'Cleveland CDP' differs from 'Cleveland' given for cleveland in row {line['E06000001']}" in text
    assert (line["E06000099"], "member_code") in found and "E06000099 is not a code in the areas table" in text
    assert any(p.row == line["E06000047"] and p.column == "member_code"  # the later of the two rows
               and "E06000047 (County Durham) is already in cleveland (row" in p.message for p in error.value.problems)
    assert (line["E06000010"], "status") in found
    assert (line["E06000011"], "partnership_code") in found
    assert (line["E12000001"], "member_code") in found and "is a region" in text
    assert (line["E06000013"], "partnership_name") in found
    assert (line["ghost"], "member_code") in found and "partnership ghost has no valid member" in text
    for missing in ("E06000002 (Middlesbrough)", "E06000003 (Redcar and Cleveland)", "E06000012 (North East Lincolnshire)"):
        assert f"column member_code: {missing} is in no partnership but is in force today" in text
    # Cumbria (abolished 2023-03-31) is listed, so every authority of that day must be too.
    assert "E10000023 (North Yorkshire) is in no partnership but was in force on 2023-03-31" in text
    rows_in_order = [p.row for p in error.value.problems if p.row is not None]
    assert rows_in_order == sorted(rows_in_order) and error.value.problems[-1].row is None
    assert _versions(geo_store) == [(1, True, len(_default_rows()))]


def test_abolished_authorities_are_optional_but_all_or_none(geo_store, footprint_csv):
    abolished = {code for code, area in areas_from_csv().items() if area.valid_to is not None}
    current_only = [r for r in _default_rows() if r["member_code"] not in abolished]
    assert load_footprint_file(footprint_csv(current_only, name="current.csv"), engine=geo_store).created

    only_cumbria = [r for r in _default_rows() if r["member_code"] not in abolished - {"E10000006"}]
    with pytest.raises(FootprintError) as error:
        load_footprint_file(footprint_csv(only_cumbria, name="cumbria.csv"), engine=geo_store)
    covers = "was in force on 2023-03-31, which the file covers (it lists authorities that ended that day)"
    assert [str(p) for p in error.value.problems] == [
        f"column member_code: E10000023 (North Yorkshire) is in no partnership but {covers}",
        f"column member_code: E10000027 (Somerset) is in no partnership but {covers}",
    ]


def test_header_problems_are_row_1(geo_store, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("partnership,member_code\ncleveland,E06000001\n", encoding="utf-8")
    with pytest.raises(FootprintError) as error:
        load_footprint_file(path, engine=geo_store)
    assert {(p.row, p.column) for p in error.value.problems} == {(1, "partnership_code"), (1, "partnership_name")}


def test_cli_exits_non_zero_listing_problems_then_loads_and_redraws(geo_store, footprint_csv, squares_file):
    runner = CliRunner()
    bad = footprint_csv([{"partnership_code": "x", "partnership_name": "X", "member_code": "E06000001"}], name="bad.csv")
    result = runner.invoke(footprints_command, [str(bad)])
    assert result.exit_code == 1
    assert "not loaded (152 problems)" in result.output and "E06000002 (Middlesbrough)" in result.output
    assert _versions(geo_store) == [(1, True, len(_default_rows()))]

    build_boundaries(squares_file("geojson"), engine=geo_store, allow_missing=True)
    good = footprint_csv(change=MERGE_TEES, name="good.csv")
    result = runner.invoke(footprints_command, [str(good), "--label", "Authoritative list"])
    assert result.exit_code == 0, result.output
    assert "Footprint version 2 loaded and made current" in result.output
    assert "Partnership map layer redrawn" in result.output
    again = runner.invoke(footprints_command, [str(good)])
    assert again.exit_code == 0 and "already footprint version 2 (the current version); nothing changed" in again.output
    with session_scope(geo_store) as session:
        assert session.scalar(select(func.count()).select_from(FootprintVersion)) == 2
        assert session.scalar(select(FootprintVersion.label).where(FootprintVersion.is_current)) == "Authoritative list"


def test_init_redraws_the_partnership_layer_when_a_new_default_arrives(geo_store, geo_cache, capsys):
    from sqlalchemy import update

    from data_access.boundaries.layers import read_manifest
    from data_access.boundaries.tiles import build_tile_layers
    from data_access.cli import _redraw_stale_partnership_layer
    from data_access.setup import init_store

    build_tile_layers(engine=geo_store)
    with session_scope(geo_store) as session:
        session.execute(update(FootprintVersion).values(file_hash="an-earlier-default"))
    version = init_store(geo_store)["footprint_version"]
    assert version == 2 and [v[:2] for v in _versions(geo_store)] == [(1, False), (2, True)]
    _redraw_stale_partnership_layer(geo_store, version)
    assert "Partnership map layer redrawn" in capsys.readouterr().out
    assert read_manifest(geo_cache)["layers"]["partnership"]["footprint_version"] == 2
    _redraw_stale_partnership_layer(geo_store, version)
    assert capsys.readouterr().out == "", "an up-to-date layer is left alone"
