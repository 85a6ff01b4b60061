/*
 * The outcome map is a geo choropleth with its basemap hidden (presentation/figures/choropleth.py): the
 * areas come from the app's own GeoJSON. plotly.js still asks for its world basemap from cdn.plot.ly
 * before it draws any geo chart, which the strict CSP blocks and an offline browser cannot reach, and the
 * map then never draws. An empty basemap, registered where plotly.js looks first, answers that request.
 */
(function () {
  "use strict";
  var assets = window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};
  assets.topojson = assets.topojson || {};
  ["world_110m", "world_50m"].forEach(function (name) {
    if (!assets.topojson[name]) { assets.topojson[name] = {type: "Topology", objects: {}, arcs: []}; }
  });
})();
