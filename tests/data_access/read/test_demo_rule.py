"""Real and demonstration data never mix: a visible real release hides every demonstration value.

On both stores: demonstration data alone is shown and labelled; once one real release is loaded (one
metric, one area, one period) every read returns only real values, other metrics are empty and no
demonstration label remains; ``CDP_SHOW_DEMO=1`` brings the demonstration values back beside the
real one, labelled again.
"""

from __future__ import annotations

from datetime import date

import pytest

import config
from data_access import db
from data_access.demo import load_demo
from data_access.ingest import load_bytes
from tests.data_access.demo.small_demo import METRIC, OTHER, small_demo  # noqa: F401

REAL_CSV = (b"metric,area_code,period,value,numerator,denominator,lower_ci,upper_ci,note\n"
            b"successful_completions_adults,E06000001,2021/22,21.5,215,1000,,,\n")


def _settings_changed() -> None:
    from data_access.read import _local

    config.get_settings.cache_clear()
    db.reset_engines()
    _local.clear()


@pytest.fixture
def demo_store(read_store, small_demo):  # noqa: F811
    """The read layer's store holding a demonstration release of two metrics."""
    demo_id = load_demo(read_store)["release_id"]
    _settings_changed()
    return read_store, demo_id


def _add_real(engine) -> int:
    result = load_bytes(REAL_CSV, engine, source="real.csv", publisher="OHID")
    _settings_changed()
    return result.release_id


def _banner_text() -> str:
    from layouts._components.banners import current_banners

    return " ".join(str(banner) for banner in current_banners())


def _download_flags(metric_id: str) -> set[bool]:
    from data_access.read.downloads import observations_download

    return set(observations_download(metric_id)["demonstration_data"])


def test_demonstration_data_alone_is_shown_and_labelled(demo_store):
    from data_access import read
    from data_access.read.observations import current_observations

    for metric_id in (METRIC, OTHER):
        frame = current_observations(metric_id)
        assert len(frame) == 10 and frame["is_demo"].all()
        assert read.metric_periods(metric_id)
    release = read.current_release()
    assert release["any_demo"] and release["all_demo"]
    assert "Demonstration data — not real figures." in _banner_text()
    assert _download_flags(METRIC) == {True}


def test_a_real_release_hides_every_demonstration_value(demo_store):
    from data_access import read
    from data_access.read import changes, pinned
    from data_access.read.observations import current_observations

    engine, demo_id = demo_store
    before = read.release_key()
    real_id = _add_real(engine)
    assert read.release_key() != before

    frame = current_observations(METRIC)
    assert list(zip(frame["area_code"], frame["period"], frame["value"], strict=True)) == [("E06000001", "2021/22", 21.5)]
    assert not frame["is_demo"].any()
    assert current_observations(OTHER).empty
    assert read.metric_periods(METRIC) == ["2021/22"] and read.metric_periods(OTHER) == []
    assert read.metric_table(OTHER).empty
    assert read.area_values(OTHER, area_type="utla")["value"].isna().all()

    assert list(read.releases()["id"]) == [real_id]
    release = read.current_release()
    assert release["id"] == real_id and not release["any_demo"]
    assert "emonstration" not in _banner_text()
    assert _download_flags(METRIC) == {False}
    assert pinned.release_record(demo_id) is None and pinned.release_record(real_id)["any_demo"] is False
    assert current_observations(METRIC, release_id=demo_id).empty
    new = changes.new_periods(date(2000, 1, 1))
    assert list(zip(new["metric_id"], new["period"], strict=True)) == [(METRIC, "2021/22")]
    assert set(changes.revised_values(date(2000, 1, 1), ["E06000001"])["metric_id"]) <= {METRIC}


def test_asked_for_explicitly_demonstration_values_show_beside_real_ones_and_say_so(demo_store, monkeypatch):
    from data_access import read
    from data_access.read import pinned
    from data_access.read.observations import current_observations

    engine, demo_id = demo_store
    real_id = _add_real(engine)
    hidden_key = read.release_key()
    monkeypatch.setenv("CDP_SHOW_DEMO", "1")
    _settings_changed()
    assert read.release_key() != hidden_key

    frame = current_observations(METRIC).set_index(["area_code", "period", "breakdown"])
    assert frame.loc[("E06000001", "2021/22", "all"), "value"] == 21.5  # the real release wins its cell
    assert not frame.loc[("E06000001", "2021/22", "all"), "is_demo"]
    assert frame["is_demo"].sum() == len(frame) - 1
    assert not current_observations(OTHER).empty and current_observations(OTHER)["is_demo"].all()

    assert set(read.releases()["id"]) == {demo_id, real_id}
    release = read.current_release()
    assert release["any_demo"] and not release["all_demo"]
    assert "Demonstration data shown beside real figures." in _banner_text()
    assert _download_flags(OTHER) == {True} and _download_flags(METRIC) == {True}
    assert pinned.release_record(real_id)["any_demo"] is True


def test_a_real_release_this_instance_cannot_show_leaves_the_demonstration_data(demo_store, monkeypatch):
    """A public instance does not see an internal real release, so it keeps showing (and labelling) demo data."""
    from data_access import read
    from data_access.read.observations import current_observations

    engine, demo_id = demo_store
    load_bytes(REAL_CSV, engine, source="real.csv", visibility="internal")
    monkeypatch.setenv("CDP_MODE", "public")
    _settings_changed()
    assert list(read.releases()["id"]) == [demo_id]
    assert current_observations(METRIC)["is_demo"].all() and not current_observations(OTHER).empty
    assert "Demonstration data — not real figures." in _banner_text()
