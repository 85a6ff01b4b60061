"""The board pack names the partnership's similar partnerships after its members, when it has a group."""

from __future__ import annotations

import pandas as pd

from presentation.boardpack import compose
from presentation.boardpack.gather import PackData

MEMBERS = pd.DataFrame({"name": ["Hartlepool"], "code": ["E06000001"], "valid_to": [None], "status": ["sourced"],
                        "source": ["A source"]})


def test_similar_partnerships_follow_the_members():
    pack = PackData("cleveland", "Cleveland", "North East", "sourced", MEMBERS, None, {}, (),
                    similar=("Sheffield", "Calderdale"))
    lines = compose.member_lines(pack)
    assert lines[-1].startswith("Similar partnerships (") and lines[-1].endswith(": Sheffield, Calderdale.")
    assert "About page" in lines[-1]


def test_no_line_without_a_group():
    pack = PackData("cleveland", "Cleveland", "North East", "sourced", MEMBERS, None, {}, ())
    assert not any(line.startswith("Similar") for line in compose.member_lines(pack))
