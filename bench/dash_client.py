"""Speak Dash's callback protocol the way the browser's dash-renderer does.

A callback request is ``POST /_dash-update-component`` with the JSON body the renderer builds:
``output`` (the callback's output string from ``/_dash-dependencies``), ``outputs`` (its parsed
``{id, property}`` list), ``inputs`` and ``state`` (each ``{id, property, value}`` in the
callback's declared order), ``changedPropIds`` (``"<id>.<prop>"`` of what changed; empty on the
first call) and ``parsedChangedPropsIds``. The values are taken from the page's own layout, as
served by the Dash pages callback, so the benchmark sends exactly what a browser on that page
would send.
"""

from __future__ import annotations

import gzip
import json
import time
import zlib
from dataclasses import dataclass
from typing import Any

import requests

UPDATE_PATH = "/_dash-update-component"
#: What Chromium advertises on plain http:// (brotli and zstd are offered on HTTPS only).
BROWSER_ENCODING = "gzip, deflate"


def id_key(component_id: Any) -> str:
    """The renderer's string form of a component id (dict ids: sorted, compact JSON)."""
    if isinstance(component_id, dict):
        return json.dumps(component_id, sort_keys=True, separators=(",", ":"))
    return str(component_id)


def parse_outputs(output: str) -> list[dict[str, Any]]:
    """``"..a.children...b.value.."`` (or ``"a.children"``) → ``[{"id": "a", "property": "children"}, …]``."""
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    parsed = []
    for part in parts:
        component, prop = part.rsplit(".", 1)
        parsed.append({"id": json.loads(component) if component.startswith("{") else component, "property": prop})
    return parsed


def is_multi(output: str) -> bool:
    return output.startswith("..")


@dataclass
class Sample:
    """One timed callback round trip."""

    ms: float
    status: int
    wire_bytes: int
    raw_bytes: int
    body: bytes


def decode(data: bytes, encoding: str | None) -> bytes:
    if encoding == "gzip":
        return gzip.decompress(data)
    if encoding == "deflate":
        try:
            return zlib.decompress(data)
        except zlib.error:
            return zlib.decompress(data, -zlib.MAX_WBITS)
    return data


def timed_request(session: requests.Session, method: str, url: str, *, data: bytes | None = None,
                  encoding: str | None = BROWSER_ENCODING, headers: dict | None = None) -> Sample:
    """One request, timed from send to the last body byte; body bytes as on the wire and decoded."""
    all_headers = {"Accept-Encoding": encoding or "identity", **(headers or {})}
    if data is not None:
        all_headers["Content-Type"] = "application/json"
    started = time.perf_counter()
    response = session.request(method, url, data=data, headers=all_headers, stream=True, timeout=120)
    wire = response.raw.read(decode_content=False)
    elapsed = (time.perf_counter() - started) * 1000
    response.close()
    raw = decode(wire, response.headers.get("Content-Encoding"))
    return Sample(ms=elapsed, status=response.status_code, wire_bytes=len(wire), raw_bytes=len(raw), body=raw)


class DashClient:
    """Callback requests against one running Dash app."""

    def __init__(self, base_url: str, session: requests.Session | None = None) -> None:
        self.base_url = base_url
        self.session = session or requests.Session()
        self._deps: list[dict] | None = None

    @property
    def dependencies(self) -> list[dict]:
        if self._deps is None:
            self._deps = self.session.get(self.base_url + "/_dash-dependencies", timeout=60).json()
        return self._deps

    def callback(self, *, output_has: str) -> dict:
        """The callback whose output string contains ``output_has`` (e.g. ``"outcome-map.figure"``)."""
        for dep in self.dependencies:
            if output_has in dep["output"]:
                return dep
        raise LookupError(f"no callback with an output like {output_has!r} in /_dash-dependencies")

    def body(self, dep: dict, values: dict[str, Any], changed: list[str] | tuple[str, ...] = ()) -> dict:
        """The renderer's request body for ``dep`` with values keyed ``"<id>.<prop>"``."""
        def filled(items: list[dict]) -> list[dict]:
            return [{"id": item["id"], "property": item["property"],
                     "value": values.get(f"{id_key(item['id'])}.{item['property']}")} for item in items]

        outputs = parse_outputs(dep["output"])
        body: dict[str, Any] = {
            "output": dep["output"],
            "outputs": outputs if is_multi(dep["output"]) else outputs[0],
            "inputs": filled(dep["inputs"]),
            "changedPropIds": list(changed),
            "parsedChangedPropsIds": list(changed),
        }
        if dep["state"]:
            body["state"] = filled(dep["state"])
        return body

    def post(self, body: dict, *, encoding: str | None = BROWSER_ENCODING) -> Sample:
        return timed_request(self.session, "POST", self.base_url + UPDATE_PATH, data=json.dumps(body).encode(),
                             encoding=encoding)

    def page(self, pathname: str, search: str = "") -> tuple[Sample, dict[str, dict]]:
        """The Dash pages callback for ``pathname``: its round trip, and every component's props by id."""
        dep = self.callback(output_has="_pages_content.children")
        values = {"_pages_location.pathname": pathname, "_pages_location.search": search}
        sample = self.post(self.body(dep, values))
        if sample.status != 200:
            raise RuntimeError(f"page {pathname}: the pages callback answered {sample.status}")
        components: dict[str, dict] = {}
        collect_props(json.loads(sample.body), components)
        return sample, components


def collect_props(node: Any, found: dict[str, dict]) -> None:
    """Walk a serialised layout and record each component's props under its id key."""
    if isinstance(node, dict):
        if "props" in node and "type" in node and isinstance(node["props"], dict):
            if node["props"].get("id") is not None:
                found[id_key(node["props"]["id"])] = node["props"]
            for value in node["props"].values():
                collect_props(value, found)
        else:
            for value in node.values():
                collect_props(value, found)
    elif isinstance(node, list):
        for value in node:
            collect_props(value, found)


def response_outputs(sample: Sample) -> dict:
    """The ``response`` object of a callback answer (``{}`` for 204 / no update)."""
    if sample.status != 200 or not sample.body:
        return {}
    return json.loads(sample.body).get("response", {})
