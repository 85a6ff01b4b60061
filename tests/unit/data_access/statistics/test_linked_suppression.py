"""Secondary suppression across overlapping levels, attacked with a linear solver on worst cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data_access.statistics import apply_suppression
from tests.support.disclosure_solver import recoverable_cells
from tests.unit.data_access.statistics.test_statistics_suppression import hidden, links, published, random_hierarchy


def attack(frame: pd.DataFrame, groups: pd.DataFrame, **options) -> tuple[pd.DataFrame, list]:
    """Suppress ``frame`` and return it with the cells the solver can work out from what it shows."""
    out = apply_suppression(frame, threshold=5, groups=groups, **options)
    parents = set(groups["parent_code"])
    rows = out.assign(area_type=np.where(out["area_code"].isin(parents), "total", "utla"), count=out["numerator"])
    return out, recoverable_cells(rows, groups)


def table(children: dict[str, float], parents: dict[str, list[str]], kinds: dict[str, str]) -> tuple:
    totals = {p: sum(children[c] for c in cs) for p, cs in parents.items()}
    groups = pd.concat([links({p: cs}, kinds.get(p, "partnership")) for p, cs in parents.items()])
    return published({**children, **totals}), groups


def test_overlapping_partnership_and_region_cannot_isolate_a_count():
    # The reported case: region minus its shown authorities leaves W + B + T; the partnership minus its
    # shown members leaves B + T; so W = 2. Group-by-group checks each saw two hidden cells and stopped.
    children = {"W": 2, "B": 3, "T": 4, "M": 40, "S": 60, "L": 80}
    frame, groups = table(children, {"GM": ["B", "T", "M"], "NW": ["W", "B", "T", "M", "S", "L"],
                                     "WP": ["W"], "SP": ["S"], "LP": ["L"]},
                          {"NW": "region"})
    out, found = attack(frame, groups)
    assert found == []
    assert {"W", "B", "T", "WP"} <= hidden(out)


def test_partnership_of_two_with_one_member_suppressed():
    frame, groups = table({"A": 3, "B": 12, "C": 30}, {"P": ["A", "B"], "Q": ["C"], "R": ["A", "B", "C"]},
                          {"R": "region"})
    out, found = attack(frame, groups)
    assert found == []
    assert hidden(out) == {"A", "B"}  # the partner is the smallest complement; P and R stay shown


def test_region_whose_only_unsuppressed_complement_is_one_authority():
    # Partnerships of one authority each: hiding A's partnership is forced (it is A), and the region needs
    # a second hidden authority, whose own one-authority partnership must go with it.
    frame, groups = table({"A": 2, "B": 20}, {"PA": ["A"], "PB": ["B"], "R": ["A", "B"]}, {"R": "region"})
    out, found = attack(frame, groups)
    assert found == []
    assert hidden(out) == {"A", "PA", "B", "PB"}
    assert out.set_index("area_code").loc["PB", "note"] == "Suppressed because it would reveal a suppressed area it contains"


def test_count_equal_to_its_partnership_total():
    # B and C are shown zeros, so the partnership total is A's count: the total is hidden, not a zero.
    frame, groups = table({"A": 4, "B": 0, "C": 0, "D": 50, "E": 70},
                          {"P": ["A", "B", "C"], "Q": ["D", "E"], "R": ["A", "B", "C", "D", "E"]}, {"R": "region"})
    out, found = attack(frame, groups)
    assert found == []
    assert {"A", "P"} <= hidden(out)
    assert not out.set_index("area_code").loc[["B", "C"], "suppressed"].any()


def test_partnership_straddling_two_regions():
    parents = {"P": ["A", "B"], "Q": ["C", "D"], "R1": ["A", "C"], "R2": ["B", "D"], "ENG": ["A", "B", "C", "D"]}
    frame, groups = table({"A": 1, "B": 30, "C": 25, "D": 40}, parents,
                          {"R1": "region", "R2": "region", "ENG": "country"})
    out, found = attack(frame, groups)
    assert found == []
    assert "A" in hidden(out)


def test_complement_of_a_proportion_is_protected():
    # 97 of 100 reveals the other 3; 0 of 3 tells each person's outcome; 0 of 40 and 40 of 40 are shown.
    frame = published({"A": 97, "B": 0, "C": 0, "D": 40, "E": 12})
    frame["denominator"] = [100.0, 3.0, 40.0, 40.0, 200.0]
    out, found = attack(frame, links({}), complement=True)
    notes = out.set_index("area_code")["note"]
    assert hidden(out) == {"A", "B"}
    assert notes["A"] == "Suppressed: fewer than 5 people in the group are outside this count"
    assert notes["B"] == "Suppressed: fewer than 5 people in the group"
    assert hidden(apply_suppression(frame, threshold=5, groups=links({}))) == set()


def test_complement_suppression_reaches_totals():
    frame, groups = table({"A": 50, "B": 48}, {"P": ["A", "B"]}, {})
    frame["denominator"] = [50.0, 50.0, 100.0]  # P: 98 of 100, so 2 people outside the count
    out, found = attack(frame, groups, complement=True)
    assert found == []
    assert {"P", "A"} <= hidden(out) or {"P", "B"} <= hidden(out)


def test_source_suppressed_total_with_every_member_shown():
    frame, groups = table({"A": 40, "B": 30, "C": 25}, {"P1": ["A"], "P2": ["B", "C"]}, {})
    frame["suppressed"] = frame["area_code"].eq("P2")
    out, found = attack(frame, groups)
    assert found == []
    assert hidden(out) == {"P2", "C"}


@pytest.mark.parametrize("seed", range(12))
def test_random_overlapping_hierarchies_leave_nothing_recoverable(seed):
    frame, groups = random_hierarchy(seed)
    out, found = attack(frame, groups)
    assert found == []
    assert (out.loc[out["suppressed"], ["value", "numerator", "lower_ci", "upper_ci"]].isna()).all().all()


def test_choices_are_deterministic_whatever_the_row_order():
    frame, groups = random_hierarchy(3)
    first = apply_suppression(frame, threshold=5, groups=groups)
    shuffled = apply_suppression(frame.sample(frac=1, random_state=1), threshold=5, groups=groups.iloc[::-1])
    key = ["area_code", "period"]
    pd.testing.assert_series_equal(first.set_index(key)["suppressed"].sort_index(),
                                   shuffled.set_index(key)["suppressed"].sort_index())
