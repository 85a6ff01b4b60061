"""CDP_MODE=public is safe to publish: read-only store, nothing that writes, only published data, suppression."""

from __future__ import annotations

import io
import json

import dash
import pandas as pd
import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import SQLAlchemyError

from tests.support.fixtures.security import MARKER, METRIC, add_internal_release


def test_public_is_the_default_mode(monkeypatch):
    import config

    monkeypatch.delenv("CDP_MODE", raising=False)
    config.get_settings.cache_clear()
    try:
        assert config.get_settings().mode == "public"
    finally:
        config.get_settings.cache_clear()


def test_a_write_through_the_public_engine_fails(store, store_url, app_store):
    """SQLite opens the file read-only; PostgreSQL makes every transaction read-only."""
    from data_access.db import get_engine
    from data_access.models import Release

    app_store(url=store_url, mode="public")
    engine = get_engine()
    with pytest.raises(SQLAlchemyError, match="(?i)read-?only"), engine.begin() as conn:
        conn.execute(insert(Release).values(source="x", publisher="x", extracted_date=pd.Timestamp("2024-01-01").date(),
                                            file_hash="f" * 64))
    with pytest.raises(SQLAlchemyError, match="(?i)read-?only"), engine.begin() as conn:
        conn.execute(text("CREATE TABLE intruder (id integer)"))
    with engine.connect() as conn:  # reading still works
        assert conn.execute(text("SELECT count(*) FROM metric")).scalar() > 0


def test_no_upload_page_no_upload_callback_and_no_sign_in_route(client):
    from app import app, server

    assert "/upload" not in {page.get("path") for page in dash.page_registry.values()}
    dependencies = client.get("/_dash-dependencies").get_data(as_text=True)
    assert "upload" not in dependencies
    assert not [key for key in app.callback_map if "upload" in key]
    endpoints = {rule.endpoint for rule in server.url_map.iter_rules()}
    assert not endpoints & {"signin", "signout"}
    assert client.post("/signin", data={"name": "a", "password": "b"}).status_code == 405
    assert client.post("/upload").status_code == 405
    # Every POST route left is Dash's own callback endpoint (which only reads in public mode).
    posts = {rule.rule for rule in server.url_map.iter_rules() if "POST" in rule.methods}
    assert posts == {"/_dash-update-component"}


def _download(client, metric: str, **params) -> pd.DataFrame:
    response = client.get("/download/observations.csv", query_string={"metric": metric, **params})
    assert response.status_code == 200, response.get_data(as_text=True)
    return pd.read_csv(io.BytesIO(response.data))


def test_internal_release_is_absent_in_public_and_present_in_internal(client, demo_copy_url, app_store):
    add_internal_release(demo_copy_url)
    numerator, denominator = MARKER

    app_store(url=demo_copy_url, mode="public")
    public = _download(client, METRIC)
    assert not ((public["numerator"] == numerator) | (public["denominator"] == denominator)).any()
    assert set(public["release_id"].dropna()) == {1}

    app_store(mode="internal")
    internal = _download(client, METRIC, area_type="utla")
    marked = internal[internal["numerator"] == numerator]
    assert len(marked) == 1 and marked["denominator"].iloc[0] == denominator


def _local_metrics() -> list[str]:
    from data_access.catalogue import get_catalogue

    return [m.id for m in get_catalogue().metrics.values() if m.geography != "national"]


@pytest.mark.parametrize("mode", ["public", "internal"])
def test_no_numerator_of_one_to_four_in_any_download(client, demo_copy_url, app_store, mode):
    """Every local metric, every area type: small counts are withheld (shown as suppressed, not as 0)."""
    add_internal_release(demo_copy_url)  # adds numerators 1-4 for four authorities (internal only)
    # internally that release is real data, which hides the demonstration data unless it is asked for
    app_store(url=demo_copy_url, mode=mode, show_demo=True)
    checked = 0
    for metric in _local_metrics():
        frame = _download(client, metric)
        small = frame["numerator"].between(1, 4)
        assert not small.any(), frame[small][["area_code", "area_type", "period", "numerator"]].head()
        checked += len(frame)
    assert checked > 10_000
    if mode == "internal":
        uploaded = _download(client, METRIC, area_type="utla", period="2024/25")
        small_rows = uploaded[uploaded["area_code"].isin(["E06000002", "E06000003", "E06000004", "E06000005"])]
        assert small_rows["suppressed"].all() and small_rows["numerator"].isna().all()


def test_dash_debug_and_dev_tools_are_off(client):
    from app import app, server

    assert not server.debug and not server.config["PROPAGATE_EXCEPTIONS"]
    assert not app._dev_tools.ui and not app._dev_tools.prune_errors and not app._dev_tools.hot_reload
    body = client.get("/").get_data(as_text=True)
    config = json.loads(body.split('<script id="_dash-config" type="application/json">')[1].split("</script>")[0])
    assert config["ui"] is False and config["props_check"] is False
