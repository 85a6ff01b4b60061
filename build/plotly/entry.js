// plotly.js for the dashboard: what plotly.js/src/core.js sets up, with only the trace types and layout
// components the app's figures use.
//
// Traces: scatter (trend lines, funnel plot, tiles, member map), bar (comparison chart) and choropleth
// (the outcome map, drawn in SVG on a geo subplot, so no WebGL is needed). Components: annotations
// (source lines, labels), shapes (reference lines, shaded periods), error bars, legend, hover (fx),
// mode bar (PNG export), colour scales and bars (choropleth), selections (geo and cartesian drag code
// call it). Left out, as the app never sets them: images, update menus, sliders, range sliders and
// selectors, layout grids and 3D annotations.
'use strict';

exports.version = require('plotly.js/src/version').version;

require('native-promise-only');
require('plotly.js/build/plotcss');

var Registry = require('plotly.js/src/registry');
var register = exports.register = Registry.register;

var plotApi = require('plotly.js/src/plot_api');
var methodNames = Object.keys(plotApi);
for(var i = 0; i < methodNames.length; i++) {
    var name = methodNames[i];
    if(name.charAt(0) !== '_') exports[name] = plotApi[name];
    register({moduleType: 'apiMethod', name: name, fn: plotApi[name]});
}

register(require('plotly.js/src/traces/scatter'));

register([
    require('plotly.js/src/components/annotations'),
    require('plotly.js/src/components/selections'),
    require('plotly.js/src/components/shapes'),
    require('plotly.js/src/components/errorbars'),
    require('plotly.js/src/components/colorscale'),
    require('plotly.js/src/components/colorbar'),
    require('plotly.js/src/components/legend'), // after shapes, as in core.js
    require('plotly.js/src/components/fx'), // after legend, as in core.js
    require('plotly.js/src/components/modebar')
]);

register([
    require('plotly.js/src/locale-en'),
    require('plotly.js/src/locale-en-us')
]);

exports.Icons = require('plotly.js/src/fonts/ploticon');

var Fx = require('plotly.js/src/components/fx');
var Plots = require('plotly.js/src/plots/plots');

exports.Plots = {
    resize: Plots.resize,
    graphJson: Plots.graphJson,
    sendDataToCloud: Plots.sendDataToCloud
};
exports.Fx = {
    hover: Fx.hover,
    unhover: Fx.unhover,
    loneHover: Fx.loneHover,
    loneUnhover: Fx.loneUnhover
};
exports.Snapshot = require('plotly.js/src/snapshot');
exports.PlotSchema = require('plotly.js/src/plot_api/plot_schema');

register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/choropleth')
]);
