/*
 * Printing (with assets/print.css): what CSS alone cannot do.
 *
 * - Charts are drawn by Plotly at their on-screen pixel width, which is wider than an A4 page, so
 *   they would be cut at the right edge. Just before printing each chart is redrawn at the A4
 *   content width (synchronously, for SVG charts; maps are left alone and scaled by print.css);
 *   afterwards it is given back its own size.
 * - Charts taller than a page are marked so print.css lets them (and their card) break across pages.
 * - The page's address (with the current selections, which are kept in the query string) and the
 *   print date are written on the main element, where print.css prints them at the end.
 */
(function () {
  "use strict";

  var A4_CONTENT_WIDTH = 680;  /* CSS px: A4 portrait less print.css's 12 mm side margins, with room to spare */
  var A4_CONTENT_HEIGHT = 900;  /* CSS px: a chart taller than this cannot be kept on one page */
  var resized = [];

  function charts() {
    return Array.prototype.slice.call(document.querySelectorAll(".js-plotly-plot"));
  }

  window.addEventListener("beforeprint", function () {
    var main = document.getElementById("main");
    if (main) {
      main.setAttribute("data-print-url", window.location.href);
      main.setAttribute("data-print-date", new Date().toLocaleDateString("en-GB", {
        day: "numeric", month: "long", year: "numeric"
      }));
    }
    charts().forEach(function (chart) {
      /* A chart longer than a page (e.g. every partnership ranked) must be allowed to break, or the
         "keep whole" rules would push it past blank pages; print.css reads this class. */
      chart.classList.toggle("print-tall", chart.clientHeight > A4_CONTENT_HEIGHT);
    });
    /* Until plotly.js has run, window.Plotly may be the promise of it (assets/plotly_early.js). */
    if (!window.Plotly || typeof window.Plotly.relayout !== "function") { return; }
    charts().forEach(function (chart) {
      if (!chart.layout || chart.offsetParent === null || chart.clientWidth <= A4_CONTENT_WIDTH) { return; }
      /* Map tiles redraw asynchronously (WebGL): resizing one now would print it blank. */
      if (chart.querySelector(".maplibregl-map, .mapboxgl-map")) { return; }
      resized.push({ chart: chart, width: chart.layout.width, autosize: chart.layout.autosize });
      window.Plotly.relayout(chart, { width: A4_CONTENT_WIDTH, autosize: false });
    });
  });

  window.addEventListener("afterprint", function () {
    resized.splice(0).forEach(function (entry) {
      window.Plotly.relayout(entry.chart, {
        width: entry.width === undefined ? null : entry.width,
        autosize: entry.autosize === undefined ? true : entry.autosize
      });
    });
  });
})();
