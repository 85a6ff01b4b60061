/*
 * Presentation mode (/present/<code>): keyboard paging and the clientside paging function.
 * No inline script anywhere (a strict CSP): Dash loads this file from assets/.
 *
 * Keys: ← and Page Up click "Previous", → and Page Down click "Next" — the same real buttons a
 * keyboard user can reach with Tab, so there is exactly one way paging happens.
 */
(function () {
  "use strict";

  var KEYS = {
    ArrowRight: "present-next-button",
    PageDown: "present-next-button",
    ArrowLeft: "present-previous-button",
    PageUp: "present-previous-button"
  };
  var TYPING = { INPUT: true, TEXTAREA: true, SELECT: true };

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var buttonId = KEYS[event.key];
    if (!buttonId) { return; }
    var button = document.getElementById(buttonId);
    if (!button) { return; }  /* not the presentation page */
    var target = event.target;
    if (target && (TYPING[target.tagName] || target.isContentEditable)) { return; }
    event.preventDefault();
    button.click();
  });

  function clamp(value, low, high) { return Math.max(low, Math.min(high, value)); }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    cdpPresent: {
      /*
       * Show one slide, say "n of N", keep ?slide=n in the address, mark the ends of the deck, and draw
       * the shown slide's chart from the deck's chart store (the server draws only the opening slide's,
       * so opening the deck costs one chart, not twelve).
       */
      page: function (previousClicks, nextClicks, count, state, charts) {
        var context = window.dash_clientside.callback_context;
        var total = context.outputs_list[0].length;
        var noUpdate = window.dash_clientside.no_update;
        if (!total) { return [[], [], "", noUpdate, "true", "true"]; }
        var slide = clamp(parseInt((state || {}).slide, 10) || 1, 1, total);
        var trigger = context.triggered.length ? context.triggered[0].prop_id : "";
        var forward = trigger.indexOf("present-next-button.") === 0;
        var back = trigger.indexOf("present-previous-button.") === 0;
        if (forward) { slide = clamp(slide + 1, 1, total); }
        if (back) { slide = clamp(slide - 1, 1, total); }
        var paged = forward || back;
        var hidden = [];
        var drawn = [];
        for (var i = 0; i < total; i += 1) {
          hidden.push(i !== slide - 1);
          drawn.push(paged && i === slide - 1 && charts && charts[i] ? charts[i] : noUpdate);
        }
        var next = Object.assign({}, state || {}, { slide: String(slide) });
        return [hidden, drawn, slide + " of " + total, next, slide <= 1 ? "true" : "false",
                slide >= total ? "true" : "false"];
      }
    }
  });
})();
