/*
 * Charts that carry a narrow form (layout.meta.narrow_form, built by presentation/figures/compare.py) take it
 * when drawn narrower than its "below" width, and their wide form back when they widen again.
 *
 * A figure is built once on the server for every screen, but a column of names and a column of values in
 * pixel margins leave a phone's chart almost no room for its bars. The narrow form (shorter names, the
 * value alone in a narrower column) is data in the figure; this script only chooses between the two
 * forms after each draw, so resizing, a new figure from a callback and printing all end in the right one.
 */
(function () {
  "use strict";

  var HOOKED = "_cdpNarrowHooked";

  function formOf(gd) {
    var meta = gd.layout && gd.layout.meta;
    return meta && meta.narrow_form;
  }

  function adapt(gd) {
    var form = formOf(gd);
    if (!form || !window.Plotly || typeof window.Plotly.update !== "function" || !gd.offsetWidth) { return; }
    var narrow = gd.offsetWidth < form.below;
    var state = gd._cdpNarrowForm;
    if (state && state.layout === gd.layout && state.narrow === narrow) { return; }
    if (!state || state.layout !== gd.layout) {
      if (!narrow) { gd._cdpNarrowForm = {layout: gd.layout, narrow: false}; return; }  /* drawn wide already */
    }
    var chosen = narrow ? form.narrow : form.wide;
    gd._cdpNarrowForm = {layout: gd.layout, narrow: narrow};
    window.Plotly.update(gd, {text: [chosen.text]}, chosen.layout, [form.trace]);
  }

  function hook(gd) {
    if (gd[HOOKED] || typeof gd.on !== "function") { return; }
    gd[HOOKED] = true;
    gd.on("plotly_afterplot", function () { adapt(gd); });
    adapt(gd);
  }

  function scan() {
    document.querySelectorAll(".js-plotly-plot").forEach(hook);
  }

  new MutationObserver(scan).observe(document.documentElement, {childList: true, subtree: true});
  scan();
})();
