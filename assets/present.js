/*
 * Presentation mode (/present/<code>): keyboard paging and the clientside paging function.
 * No inline script anywhere (a strict CSP): Dash loads this file from assets/.
 *
 * Keys: ← and Page Up click "Previous", → and Page Down click "Next" — the same real buttons a
 * keyboard user can reach with Tab. Home and End go to the first and last slide: they write
 * {to: "first" | "last"} to the deck's jump store (Dash's public dash_clientside.set_props), which
 * runs the same paging function.
 */
(function () {
  "use strict";

  var KEYS = {
    ArrowRight: "present-next-button",
    PageDown: "present-next-button",
    ArrowLeft: "present-previous-button",
    PageUp: "present-previous-button"
  };
  var JUMPS = { Home: "first", End: "last" };
  var JUMP_STORE = "present-jump-store";
  var TYPING = { INPUT: true, TEXTAREA: true, SELECT: true };
  var jumps = 0;

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var buttonId = KEYS[event.key];
    var jump = JUMPS[event.key];
    if (!buttonId && !jump) { return; }
    var button = document.getElementById(buttonId || "present-next-button");
    if (!button) { return; }  /* not the presentation page */
    var target = event.target;
    if (target && (TYPING[target.tagName] || target.isContentEditable)) { return; }
    var clientside = window.dash_clientside;
    if (jump && !(clientside && clientside.set_props)) { return; }  /* Home / End scroll as usual */
    event.preventDefault();
    if (jump) {
      jumps += 1;  /* a new value each time, so pressing Home twice still counts */
      clientside.set_props(JUMP_STORE, { data: { to: jump, n: jumps } });
      return;
    }
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
      page: function (previousClicks, nextClicks, count, jump, state, charts) {
        var context = window.dash_clientside.callback_context;
        var total = context.outputs_list[0].length;
        var noUpdate = window.dash_clientside.no_update;
        if (!total) { return [[], [], "", noUpdate, "true", "true"]; }
        var slide = clamp(parseInt((state || {}).slide, 10) || 1, 1, total);
        var trigger = context.triggered.length ? context.triggered[0].prop_id : "";
        var forward = trigger.indexOf("present-next-button.") === 0;
        var back = trigger.indexOf("present-previous-button.") === 0;
        var jumped = trigger.indexOf(JUMP_STORE + ".") === 0 && jump && (jump.to === "first" || jump.to === "last");
        if (forward) { slide = clamp(slide + 1, 1, total); }
        if (back) { slide = clamp(slide - 1, 1, total); }
        if (jumped) { slide = jump.to === "first" ? 1 : total; }
        var paged = forward || back || jumped;
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
