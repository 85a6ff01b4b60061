// Stands in for d3-geo-projection (65 KB), whose extra projections the map never uses: plotly.js looks
// a projection up in d3-geo first (mercator, the map's, is there) and only then in this module.
'use strict';

module.exports = {};
