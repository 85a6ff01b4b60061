"""HTTP measurements: map recolour latency and bytes (patched and naive), first-load bytes, boundary layers.

All numbers are taken over loopback HTTP against gunicorn, the way a browser talks to the app:
callback bodies are built from ``/_dash-dependencies`` and the page's own layout, responses are
read whole, and bytes are counted as they cross the wire (with the ``Accept-Encoding`` Chromium
sends on http://) and decoded.
"""

from __future__ import annotations

import json
import re
import statistics
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import requests

from bench.dash_client import DashClient, Sample, id_key, response_outputs, timed_request

MAP_OUTPUT = "outcome-map.figure"
PERIOD_OUTPUT = "outcome-period-select.options"
METRIC = "outcome-metric-select.value"
PERIOD = "outcome-period-select.value"
COLOUR = "outcome-colour-by-select.value"
LEVEL = "outcome-area-type-select.value"
GEOMETRY = "outcome-map-geometry-store.data"
COLOURS = ("value", "change", "comparison")
PATCH_MARK = "__dash_patch_update"


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0–100) with linear interpolation between closest ranks."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summarise(samples: list[Sample]) -> dict[str, Any]:
    """Median, p95 and mean of latency; median wire and decoded bytes; error count."""
    ms = [s.ms for s in samples]
    return {
        "n": len(samples),
        "p50_ms": round(percentile(ms, 50), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "mean_ms": round(statistics.fmean(ms), 2) if ms else None,
        "max_ms": round(max(ms), 2) if ms else None,
        "wire_bytes": int(statistics.median([s.wire_bytes for s in samples])) if samples else None,
        "raw_bytes": int(statistics.median([s.raw_bytes for s in samples])) if samples else None,
        "errors": sum(1 for s in samples if s.status >= 400),
    }


@dataclass
class Interaction:
    """One recolour: what changed and the values of every input after the change."""

    kind: str  # "metric" | "period" | "colour"
    metric: str
    period: str
    colour: str
    slug: str
    changed: tuple[str, ...]


@dataclass
class MapScenario:
    """Everything needed to replay outcome-map recolours: values, bodies, the full first answer."""

    client: DashClient
    dep: dict
    base_values: dict[str, Any]
    page_stores: dict[str, dict]
    geometry_key: str | None = None
    periods: dict[str, list[str]] = field(default_factory=dict)
    interactions: list[Interaction] = field(default_factory=list)
    first_call: dict[str, Any] = field(default_factory=dict)
    layer_urls: dict[str, str] = field(default_factory=dict)
    first_slug: str | None = None

    def values_for(self, step: Interaction) -> dict[str, Any]:
        values = dict(self.base_values)
        values.update({METRIC: step.metric, PERIOD: step.period, COLOUR: step.colour,
                       "outcome-page-store.data": self.page_stores[step.slug]})
        if self.geometry_key is not None:
            values[GEOMETRY] = self.geometry_key
        return values

    def body(self, step: Interaction) -> dict:
        return self.client.body(self.dep, self.values_for(step), step.changed)


def _geometry_from(sample: Sample) -> tuple[str | None, str | None]:
    outputs = response_outputs(sample)
    key = outputs.get("outcome-map-geometry-store", {}).get("data")
    figure = outputs.get("outcome-map", {}).get("figure", {})
    url = None
    if isinstance(figure, dict) and figure.get("data"):
        geojson = figure["data"][0].get("geojson")
        url = geojson if isinstance(geojson, str) else None
    return key, url


def build_map_scenario(base_url: str, outcome_paths: list[str], *, max_metrics: int) -> MapScenario:
    """Open each outcome page's layout, find its local measures and their periods, and make the first map call."""
    client = DashClient(base_url)
    dep = client.callback(output_has=MAP_OUTPUT)
    period_dep = client.callback(output_has=PERIOD_OUTPUT)
    page_stores: dict[str, dict] = {}
    defaults: list[tuple[str, str]] = []
    candidates: list[tuple[str, str]] = []
    base_values: dict[str, Any] = {}
    for path in outcome_paths:
        slug = path.rstrip("/").rsplit("/", 1)[-1]
        _, components = client.page(path)
        for item in [*dep["inputs"], *dep["state"]]:
            key = f"{id_key(item['id'])}.{item['property']}"
            if key not in base_values and id_key(item["id"]) in components:
                base_values[key] = components[id_key(item["id"])].get(item["property"])
        page_stores[slug] = components["outcome-page-store"]["data"]
        default = components.get("outcome-metric-select", {}).get("value")
        if default:
            defaults.append((slug, default))
        options = components.get("outcome-metric-select", {}).get("options", [])
        # Group headings in the picker are disabled options: a reader cannot choose them.
        candidates += [(slug, option["value"]) for option in options
                       if isinstance(option, dict) and not option.get("disabled")
                       and option["value"] not in {metric for _, metric in candidates}]
    scenario = MapScenario(client=client, dep=dep, base_values=base_values, page_stores=page_stores)

    # Each page's own default measure first: the first local one is the map a visitor sees on arrival.
    ordered = list(dict.fromkeys(defaults + candidates))
    local: list[tuple[str, str]] = []
    for slug, metric in ordered:
        if any(metric == chosen for _, chosen in local):
            continue
        if len(local) >= max_metrics:
            break
        answer = response_outputs(client.post(client.body(period_dep, {
            METRIC: metric, PERIOD: "", "outcome-page-store.data": page_stores[slug]})))
        options = answer.get("outcome-period-select", {}).get("options") or []
        periods = [o["value"] if isinstance(o, dict) else o for o in options]
        if not periods:
            continue
        # National-only measures hide the map: the map callback answers 204 (no update) for them.
        probe = client.post(scenario.client.body(dep, {**base_values, METRIC: metric, PERIOD: periods[-1],
                                                       "outcome-page-store.data": page_stores[slug]}))
        if probe.status == 200 and MAP_OUTPUT.split(".")[0] in response_outputs(probe):
            scenario.periods[metric] = periods
            local.append((slug, metric))
    if not local:
        raise RuntimeError("no outcome measure with a map was found")

    slug, metric = local[0]
    scenario.first_slug = slug
    first = Interaction("first", metric, scenario.periods[metric][-1], base_values.get(COLOUR) or "comparison",
                        slug, ())
    sample = client.post(scenario.body(first))
    scenario.geometry_key, url = _geometry_from(sample)
    scenario.first_call = {"ms": round(sample.ms, 2), "wire_bytes": sample.wire_bytes, "raw_bytes": sample.raw_bytes,
                           "status": sample.status, "geometry": scenario.geometry_key}
    if url:
        scenario.layer_urls["partnership"] = url
    utla = client.post(client.body(dep, {**scenario.values_for(first), LEVEL: "utla", GEOMETRY: None}))
    _, utla_url = _geometry_from(utla)
    if utla_url:
        scenario.layer_urls["utla"] = utla_url
    scenario.interactions = _recolours(local, scenario.periods, first)
    return scenario


def _recolours(local: list[tuple[str, str]], periods: dict[str, list[str]], first: Interaction) -> list[Interaction]:
    """A cycle of recolours a reader makes: change measure, step back a period or two, change colouring."""
    steps: list[Interaction] = []
    colour_index = COLOURS.index(first.colour) if first.colour in COLOURS else 0
    for slug, metric in local[1:] + local[:1]:
        recent = periods[metric][-3:][::-1]
        steps.append(Interaction("metric", metric, recent[0], COLOURS[colour_index], slug, (METRIC, PERIOD)))
        for period in recent[1:]:
            steps.append(Interaction("period", metric, period, COLOURS[colour_index], slug, (PERIOD,)))
        colour_index = (colour_index + 1) % len(COLOURS)
        steps.append(Interaction("colour", metric, recent[-1], COLOURS[colour_index], slug, (COLOUR,)))
    return steps


def replay(scenario: MapScenario, n: int, *, warm: bool = True) -> tuple[list[Sample], dict[str, int]]:
    """Send ``n`` recolours in order (after one unmeasured pass over the cycle when ``warm``)."""
    steps = scenario.interactions
    if warm:
        for step in steps:
            scenario.client.post(scenario.body(step))
    samples: list[Sample] = []
    kinds = {"patch": 0, "full": 0, "other": 0}
    for i in range(n):
        sample = scenario.client.post(scenario.body(steps[i % len(steps)]))
        samples.append(sample)
        figure = response_outputs(sample).get("outcome-map", {}).get("figure")
        kinds["patch" if isinstance(figure, dict) and PATCH_MARK in figure else "full" if figure else "other"] += 1
    return samples, kinds


def replay_naive(base_url: str, scenario: MapScenario, n: int) -> list[Sample]:
    """The same recolours against the naive app (whole figure with GeoJSON each time)."""
    client = DashClient(base_url)
    dep = client.callback(output_has=MAP_OUTPUT)
    steps = scenario.interactions
    bodies = [client.body(dep, {METRIC: s.metric, PERIOD: s.period, COLOUR: s.colour}, s.changed) for s in steps]
    for body in bodies[:2]:  # the geometry is read once per worker process; then every answer costs the same
        client.post(body)
    return [client.post(bodies[i % len(bodies)]) for i in range(n)]


def callback_bodies(scenario: MapScenario) -> list[str]:
    """The recolour request bodies as JSON text, for the load generator."""
    return [json.dumps(scenario.body(step)) for step in scenario.interactions]


_ASSET = re.compile(r"""<(?:script[^>]*\bsrc|link[^>]*\bhref)=["']([^"']+)["']""")


def _fetch(session: requests.Session, url: str, *, data: bytes | None = None) -> dict[str, Any]:
    """Bytes of one resource with ``Accept-Encoding: gzip`` (as sent) and without (the decoded body)."""
    method = "POST" if data is not None else "GET"
    zipped = timed_request(session, method, url, data=data, encoding="gzip")
    return {"raw": zipped.raw_bytes, "gzip": zipped.wire_bytes, "status": zipped.status, "body": zipped.body}


def first_load_bytes(base_url: str, pages: list[str]) -> dict[str, Any]:
    """Per page: HTML, /_dash-layout (which holds the page), /_dash-dependencies and JS/CSS in the HTML.

    ``raw`` is what is sent without compression, ``gzip`` with ``Accept-Encoding: gzip``. Dash loads
    some component code (e.g. plotly.js) on demand, so the browser section reports what Chromium
    actually transferred as well.
    """
    session = requests.Session()
    shared = {"dependencies": _fetch(session, base_url + "/_dash-dependencies")}
    asset_cache: dict[str, dict[str, int]] = {}
    result: dict[str, Any] = {}
    for path in pages:
        html_bytes = _fetch(session, base_url + path)
        html = html_bytes["body"].decode(errors="replace")
        assets = {}
        for ref in dict.fromkeys(_ASSET.findall(html)):
            if ref.startswith(("http://", "https://", "//", "data:")):
                continue
            if ref not in asset_cache:
                asset_cache[ref] = _fetch(session, base_url + ref)
            assets[ref] = asset_cache[ref]
        # The browser names the page in its layout request (assets/page_request.js), and the layout holds it.
        layout = _fetch(session, base_url + "/_dash-layout?" + urlencode({"page": path}))
        parts = {"html": html_bytes, "layout": layout, **shared,
                 "assets": {"raw": sum(a["raw"] for a in assets.values()),
                            "gzip": sum(a["gzip"] for a in assets.values()), "files": len(assets)}}
        result[path] = {**{k: {"raw": v["raw"], "gzip": v["gzip"]} for k, v in parts.items() if k != "assets"},
                        "assets": parts["assets"],
                        "total_raw": sum(v["raw"] for v in parts.values()),
                        "total_gzip": sum(v["gzip"] for v in parts.values())}
    return result


def boundary_bytes(base_url: str, layer_urls: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Raw and gzip bytes of each served boundary layer, and its cache headers."""
    session = requests.Session()
    out = {}
    for layer, url in layer_urls.items():
        zipped = timed_request(session, "GET", base_url + url, encoding="gzip")
        plain = session.get(base_url + url, headers={"Accept-Encoding": "identity"}, timeout=30)
        out[layer] = {"url": url, "raw": len(plain.content), "gzip": zipped.wire_bytes,
                      "cache_control": plain.headers.get("Cache-Control"),
                      "content_encoding_when_asked_gzip": zipped.status == 200 and zipped.raw_bytes != zipped.wire_bytes}
    return out
