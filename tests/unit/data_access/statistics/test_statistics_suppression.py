"""Disclosure control: primary and secondary suppression, and attempts to undo it by subtraction."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data_access.statistics import apply_suppression


def published(counts: dict[str, float], period: str = "2022/23") -> pd.DataFrame:
    """Rows as a caller would pass them: a count-like value with its own limits."""
    frame = pd.DataFrame({"area_code": list(counts), "period": period, "numerator": list(counts.values())})
    frame["denominator"] = 1000.0
    frame["value"] = frame["numerator"] / 10
    frame["lower_ci"] = frame["value"] - 1
    frame["upper_ci"] = frame["value"] + 1
    frame["lower_998"] = frame["value"] - 2
    frame["upper_998"] = frame["value"] + 2
    return frame


def links(parents: dict[str, list[str]], parent_type: str = "partnership") -> pd.DataFrame:
    return pd.DataFrame(
        [(p, c, parent_type) for p, children in parents.items() for c in children],
        columns=["parent_code", "child_code", "parent_type"],
    )


def with_totals(children: dict[str, float], parents: dict[str, list[str]]) -> dict[str, float]:
    return {**children, **{p: sum(children[c] for c in cs) for p, cs in parents.items()}}


def hidden(out: pd.DataFrame) -> set[str]:
    return set(out.loc[out["suppressed"], "area_code"])


def test_primary_suppression_blanks_small_counts_but_not_zero():
    frame = published({"A": 3, "B": 0, "C": 5, "D": 4, "E": 250})
    before = frame.copy()
    out = apply_suppression(frame, threshold=5, groups=links({}))
    pd.testing.assert_frame_equal(frame, before)  # input not mutated
    assert hidden(out) == {"A", "D"}
    a = out.set_index("area_code").loc["A"]
    assert a["note"] == "Suppressed: fewer than 5"
    for col in ("value", "numerator", "lower_ci", "upper_ci", "lower_998", "upper_998"):
        assert np.isnan(a[col]), col
    assert a["denominator"] == 1000
    b = out.set_index("area_code").loc["B"]
    assert b["numerator"] == 0 and b["value"] == 0 and b["note"] == "" and not b["suppressed"]


def test_threshold_zero_disables_suppression():
    out = apply_suppression(published({"A": 1, "B": 2}), threshold=0, groups=links({"P": ["A", "B"]}))
    assert not out["suppressed"].any()
    assert out["numerator"].tolist() == [1, 2]


def test_secondary_suppresses_the_smallest_sibling():
    parents = {"P": ["A", "B", "C"]}
    out = apply_suppression(
        published(with_totals({"A": 3, "B": 10, "C": 20}, parents)), threshold=5, groups=links(parents)
    )
    assert hidden(out) == {"A", "B"}
    note = out.set_index("area_code").loc["B", "note"]
    assert note == "Suppressed to protect a suppressed value in the same partnership"
    assert not out.set_index("area_code").loc["P", "suppressed"]


def test_cascade_across_partnerships_and_regions():
    partnerships = {"P1": ["A", "B"], "P2": ["C", "D"]}
    regions = {"R": ["A", "C", "E"]}
    children = {"A": 2, "B": 6, "C": 9, "D": 100, "E": 50}
    frame = published(with_totals(children, {**partnerships, **regions}))
    groups = pd.concat([links(partnerships), links(regions, "region")])
    out = apply_suppression(frame, threshold=5, groups=groups)
    # A (primary) -> B (only sibling in P1); then R - C would give A + E = R - C and A + B = P1, but the
    # region still isolates A: E is hidden, not C (C would be given away by P2 - D and need D too).
    assert hidden(out) == {"A", "B", "E"}
    assert out.set_index("area_code").loc["E", "note"].endswith("same region")


def test_parent_of_one_child_is_suppressed_with_it():
    # Partnerships of one authority each; B is small, so A (smallest sibling in region R) goes too,
    # and then P (which equals A) must go as well.
    partnerships = {"P": ["A"], "Q": ["B"], "S": ["C"]}
    regions = {"R": ["A", "B", "C"]}
    groups = pd.concat([links(partnerships), links(regions, "region")])
    frame = published(with_totals({"A": 20, "B": 3, "C": 50}, {**partnerships, **regions}))
    out = apply_suppression(frame, threshold=5, groups=groups)
    assert hidden(out) == {"B", "Q", "A", "P"}
    notes = out.set_index("area_code")["note"]
    assert notes["Q"] == "Suppressed: fewer than 5"
    assert notes["A"] == "Suppressed to protect a suppressed value in the same region"
    assert notes["P"] == "Suppressed because it would reveal a suppressed area it contains"


def test_source_suppressed_rows_stay_hidden_and_are_protected():
    partnerships = {"P": ["A"], "Q": ["B", "C"]}
    frame = published(with_totals({"A": 20, "B": 30, "C": 50}, partnerships))
    frame["suppressed"] = frame["area_code"].eq("A")
    out = apply_suppression(frame, threshold=5, groups=links(partnerships))
    assert hidden(out) == {"A", "P"}
    assert out.set_index("area_code").loc["A", "note"] == "Suppressed at source"


def test_suppressed_parent_is_not_recoverable_by_adding_its_children():
    # P2 is suppressed at source while its authorities are all shown: adding them would reveal it.
    groups = links({"P1": ["A"], "P2": ["B", "C"]})
    frame = published({"A": 40, "B": 30, "C": 25, "P1": 40, "P2": 55})
    frame["suppressed"] = frame["area_code"].eq("P2")
    out = apply_suppression(frame, threshold=5, groups=groups)
    assert hidden(out) == {"P2", "C"}
    assert out.set_index("area_code").loc["C", "note"].startswith("Suppressed so that a suppressed total")


def random_hierarchy(seed: int):
    rng = np.random.default_rng(seed)
    authorities = [f"E{i:02d}" for i in range(40)]
    sizes = rng.choice([1, 1, 2, 3, 4], size=40)
    partnerships, i, k = {}, 0, 0
    while i < len(authorities):
        partnerships[f"P{k:02d}"] = authorities[i : i + int(sizes[k])]
        i += int(sizes[k])
        k += 1
    regions = {f"R{r}": authorities[r::4] for r in range(4)}
    england = {"ENG": authorities}
    groups = pd.concat([links(partnerships), links(regions, "region"), links(england, "country")])
    frames = []
    for period in ("2021/22", "2022/23", "2023/24"):
        counts = dict(
            zip(authorities, rng.choice([0, 1, 2, 3, 4, 6, 9, 15, 40, 120], size=40).astype(float), strict=True)
        )
        frames.append(published(with_totals(counts, {**partnerships, **regions, **england}), period))
    return pd.concat(frames, ignore_index=True), groups


@pytest.mark.parametrize("seed", range(12))
def test_no_hidden_count_can_be_recovered_by_subtraction(seed):
    frame, groups = random_hierarchy(seed)
    out = apply_suppression(frame, threshold=5, groups=groups)

    def lookup(data: pd.DataFrame, column: str) -> dict:
        return data.set_index(["area_code", "period"])[column].to_dict()

    truth, is_hidden, published_num = lookup(frame, "numerator"), lookup(out, "suppressed"), lookup(out, "numerator")
    assert out.loc[out["suppressed"], ["value", "numerator", "lower_ci", "upper_ci"]].isna().all().all()
    assert not ((frame["numerator"] > 0) & (frame["numerator"] < 5) & ~out["suppressed"]).any()
    attacks = 0
    for period in frame["period"].unique():
        for parent, children in groups.groupby("parent_code")["child_code"]:
            hidden_kids = [c for c in children if is_hidden[(c, period)]]
            if is_hidden[(parent, period)]:
                # Otherwise the parent would be the sum of its shown children.
                assert hidden_kids, f"{parent} {period}: suppressed total equals the sum of shown children"
                continue
            if not hidden_kids:
                continue
            # The attack: published total minus every published child.
            residual = published_num[(parent, period)] - sum(
                published_num[(c, period)] for c in children if not is_hidden[(c, period)]
            )
            assert residual == sum(truth[(c, period)] for c in hidden_kids)  # the arithmetic is consistent
            for child in hidden_kids:
                attacks += 1
                assert residual != truth[(child, period)], f"{parent} {period}: {child} recovered by subtraction"
            assert len(hidden_kids) != 1
    assert attacks > 50  # the data did contain suppressed children to attack


def test_duplicate_rows_are_rejected():
    frame = pd.concat([published({"A": 3}), published({"A": 3})])
    with pytest.raises(ValueError, match="one row per"):
        apply_suppression(frame, threshold=5, groups=links({}))
