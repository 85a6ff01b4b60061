"""Rendering the pack from gathered data: deterministic bytes, the chart fallback, and the shared summary rules."""

from __future__ import annotations

import pandas as pd
import pytest


@pytest.fixture(scope="module")
def gathered(web_env):
    import app  # noqa: F401  (live caches: the tables are built once)
    from data_access.read.pinned import newest_release_id
    from presentation.boardpack.gather import gather_pack

    return gather_pack("cleveland", newest_release_id())


def test_the_footprint_lines_cite_each_source_page():
    """Given a sourced partnership, then the pack's footprint lines give its members and every cited page."""
    from presentation.boardpack import compose
    from presentation.boardpack.gather import PackData

    source = ("From Harm to Hope: First Annual Report 2022-23 (HM Government, July 2023); Cleveland Combating Drugs "
              "Partnership (cleveland.pcc.police.uk) — https://www.cleveland.pcc.police.uk/news/strategy/")
    members = pd.DataFrame({"name": ["Hartlepool", "Middlesbrough"], "code": ["E06000001", "E06000002"],
                            "valid_to": [None, None], "status": ["sourced", "sourced"], "source": [source, source]})
    pack = PackData("cleveland", "Cleveland", "North East", "sourced", members, None, {}, ())
    assert compose.member_lines(pack) == ["Members: Hartlepool (E06000001); Middlesbrough (E06000002).",
                                          f"Sourced grouping. Source: {source}."]
