/*
 * Printing (with assets/print.css): what CSS alone cannot do.
 *
 * - Paper has no controls, so a printout would not say what it shows. Just before printing the
 *   page's visible controls are read (measure, area, period, level, colouring: whatever the page
 *   has) and written in words on a line under the page's heading ("Measure: Adults in treatment ·
 *   Area: Greater Manchester · Period: 2024/25 · Show: Partnerships"). It is filled at print time
 *   from the controls' current values, so it always matches what is printed and needs no callback.
 * - Charts are drawn by Plotly at their on-screen pixel width, which is wider than an A4 page, so
 *   they would be cut at the right edge. Just before printing each chart is redrawn at the A4
 *   content width (synchronously, for SVG charts); afterwards it is given back its own size.
 * - A map (SVG) is redrawn shorter, at the A4 width, so it starts on the first page under the
 *   headline rather than leaving that page nearly empty (a tile map of hexagons too).
 * - Charts taller than a page are marked so print.css lets them (and their card) break across pages.
 * - The page's address (with the current selections, which are kept in the query string) and the
 *   print date are written on the main element, where print.css prints them at the end.
 */
(function () {
  "use strict";

  var A4_CONTENT_WIDTH = 680;  /* CSS px: A4 portrait less print.css's 12 mm side margins, with room to spare */
  var A4_CONTENT_HEIGHT = 900;  /* CSS px: a chart taller than this cannot be kept on one page */
  var PRINT_MAP_HEIGHT = 300;  /* CSS px: leaves room for the heading, headline and the map's key on page 1 */
  var SELECTIONS_CLASS = "print-selections";
  var resized = [];

  function charts() {
    return Array.prototype.slice.call(document.querySelectorAll(".js-plotly-plot"));
  }

  function shown(element) {
    return element.getClientRects().length > 0;
  }

  /* A control's name as its label gives it, without the hint in brackets ("Area (click the map or search)"). */
  function labelText(text) {
    return (text || "").replace(/\s*\([^)]*\)\s*/g, " ").replace(/[:\s]+$/, "").replace(/\s+/g, " ").trim();
  }

  function labelFor(control) {
    if (!control.id) { return ""; }
    var label = document.querySelector('label[for="' + window.CSS.escape(control.id) + '"]');
    return label ? label.textContent : "";
  }

  /* [name, value] for every visible control of the page that holds a value, in page order. */
  function selections(main) {
    var found = [];
    var groups = {};
    main.querySelectorAll("select, input").forEach(function (control) {
      if (!shown(control)) { return; }
      if (control.type === "radio" || control.type === "checkbox") {
        var group = control.closest("fieldset");
        var legend = group && group.querySelector("legend");
        if (!legend || !control.checked || groups[legend.textContent]) { return; }
        groups[legend.textContent] = true;
        found.push([labelText(legend.textContent), labelText(labelFor(control))]);
        return;
      }
      var value = control.tagName === "SELECT"
        ? (control.selectedIndex >= 0 ? control.options[control.selectedIndex].text : "")
        : control.value;
      var name = labelText(labelFor(control) || control.getAttribute("aria-label"));
      if (name && value && value.trim()) { found.push([name, value.trim()]); }
    });
    return found.filter(function (pair) { return pair[0] && pair[1]; });
  }

  function writeSelections(main) {
    var old = main.querySelector("." + SELECTIONS_CLASS);
    if (old) { old.parentNode.removeChild(old); }
    var found = selections(main);
    if (!found.length) { return; }
    var line = document.createElement("p");
    line.className = SELECTIONS_CLASS;
    found.forEach(function (pair, index) {
      if (index) { line.appendChild(document.createTextNode(" · ")); }
      var name = document.createElement("strong");
      name.textContent = pair[0] + ": ";
      line.appendChild(name);
      line.appendChild(document.createTextNode(pair[1]));
    });
    var heading = main.querySelector("h1");
    if (heading) {
      heading.parentNode.insertBefore(line, heading.nextSibling);
    } else {
      main.insertBefore(line, main.firstChild);
    }
  }

  /* A map is a chart of geographic traces (every chart's theme has a geo layout, so that is no sign),
     or a tile map: hexagons on hidden axes held at equal scale (presentation/figures/tiles.py). */
  function isMap(chart) {
    var yaxis = (chart.layout && chart.layout.yaxis) || {};
    return (chart.data || []).some(function (trace) { return /geo|choropleth/.test(trace.type || ""); }) ||
      (yaxis.scaleanchor === "x" && yaxis.visible === false);
  }

  window.addEventListener("beforeprint", function () {
    var main = document.getElementById("main");
    if (main) {
      main.setAttribute("data-print-url", window.location.href);
      main.setAttribute("data-print-date", new Date().toLocaleDateString("en-GB", {
        day: "numeric", month: "long", year: "numeric"
      }));
      writeSelections(main);
    }
    charts().forEach(function (chart) {
      /* A chart longer than a page (e.g. every partnership ranked) must be allowed to break, or the
         "keep whole" rules would push it past blank pages; print.css reads this class. */
      chart.classList.toggle("print-tall", chart.clientHeight > A4_CONTENT_HEIGHT);
      chart.classList.toggle("print-map", isMap(chart));
    });
    /* Until plotly.js has run, window.Plotly may be the promise of it (assets/plotly_early.js). */
    if (!window.Plotly || typeof window.Plotly.relayout !== "function") { return; }
    charts().forEach(function (chart) {
      if (!chart.layout || chart.offsetParent === null) { return; }
      /* A second "beforeprint" before "afterprint" must not record the print size as the chart's own. */
      if (resized.some(function (entry) { return entry.chart === chart; })) { return; }
      /* Map tiles redraw asynchronously (WebGL): resizing one now would print it blank. */
      if (chart.querySelector(".maplibregl-map, .mapboxgl-map")) { return; }
      var update = {};
      if (chart.clientWidth > A4_CONTENT_WIDTH) { update.width = A4_CONTENT_WIDTH; }
      if (isMap(chart) && chart.clientHeight > PRINT_MAP_HEIGHT) {
        update.width = A4_CONTENT_WIDTH;
        update.height = PRINT_MAP_HEIGHT;
      }
      if (!Object.keys(update).length) { return; }
      update.autosize = false;
      /* A responsive chart that has been resized has no layout height left (Plotly.Plots.resize deletes
         it and keeps the drawn one), so the drawn height is what it is given back. */
      var height = chart.layout.height === undefined ? (chart._fullLayout || {}).height : chart.layout.height;
      resized.push({ chart: chart, width: chart.layout.width, height: height, autosize: chart.layout.autosize });
      window.Plotly.relayout(chart, update);
    });
  });

  window.addEventListener("afterprint", function () {
    resized.splice(0).forEach(function (entry) {
      window.Plotly.relayout(entry.chart, {
        width: entry.width === undefined ? null : entry.width,
        height: entry.height === undefined ? null : entry.height,
        autosize: entry.autosize === undefined ? true : entry.autosize
      });
    });
  });
})();
