// Build assets/plotly-cdp.min.js from the pinned plotly.js (package-lock.json) and record its sha256.
//
//   cd build/plotly && npm ci --ignore-scripts && npm run build
//
// The settings follow plotly.js's own esbuild-config.js (an IIFE that sets window.Plotly, `global`
// as `window`), minified as its dist bundles are. entry.js says what the bundle holds. The one
// stylesheet plotly.js's registry imports (maplibre-gl's, for the WebGL map traces left out) is
// dropped, and d3-geo-projection is replaced by geo-projections.js.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const outfile = join(root, 'assets', 'plotly-cdp.min.js');
const plotlyVersion = JSON.parse(readFileSync(join(here, 'node_modules', 'plotly.js', 'package.json'))).version;

await esbuild.build({
    entryPoints: [join(here, 'entry.js')],
    outfile,
    bundle: true,
    format: 'iife',
    globalName: 'Plotly',
    minify: true,
    legalComments: 'none',
    target: 'es2016',
    alias: { stream: 'stream-browserify', 'd3-geo-projection': join(here, 'geo-projections.js') },
    define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
    loader: { '.css': 'empty' },
    banner: {
        js: `/*! plotly.js v${plotlyVersion} (scatter, bar, choropleth) | Copyright 2012-2026, Plotly, Inc. | MIT license */`,
    },
    // As in the plotly.min.js Python's plotly ships: the global is set even where `var` at the top
    // level does not make one.
    footer: { js: 'window.Plotly = Plotly;' },
    logLevel: 'warning',
});

const digest = createHash('sha256').update(readFileSync(outfile)).digest('hex');
writeFileSync(join(here, 'plotly-cdp.min.js.sha256'), `${digest}  ${relative(root, outfile)}\n`);
console.log(`${relative(root, outfile)}: ${readFileSync(outfile).length} bytes, sha256 ${digest}`);
