/*
 * On pages with charts the HTML names plotly.js as a deferred script (layouts/_shared/chart_script.py),
 * which runs after this one. Until it has run, window.Plotly is the promise of it: dcc.Graph, mounting
 * before then, waits on window.Plotly when it is set (Promise.resolve adopts a promise) instead of
 * loading plotly.js a second time. If the script fails to load it is asked for once more.
 */
(function () {
  "use strict";
  var script = document.getElementById("plotly-early");
  if (!script || window.Plotly) { return; }
  window.Plotly = new Promise(function (resolve) {
    function ready() { resolve(window.Plotly); }
    script.addEventListener("load", ready);
    script.addEventListener("error", function () {
      var again = document.createElement("script");
      again.src = script.src;
      again.addEventListener("load", ready);
      again.addEventListener("error", ready);
      document.head.appendChild(again);
    });
  });
})();
