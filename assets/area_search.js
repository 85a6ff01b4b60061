/*
 * The area search (layouts/_shared/area_search.py): a text box with a <datalist> of area names, and a
 * hidden select that holds the chosen area's code for the page's callbacks.
 *
 * cdp.syncAreaSearch (callbacks/area_search.py) keeps them in step. A name picked or typed that is
 * exactly an option's label chooses its code (a typed one only when no longer name starts with it);
 * Enter chooses the first option whose label contains the words; leaving the box with words that name nothing puts back the chosen area's name. When a callback
 * sets the code (the link's area, a click on the map), the box shows its name; new options become the
 * suggestions. The rule is restated in callbacks/area_search.py (resolve) for tests.
 *
 * Several options may share a code (the compare page's member authorities stand for their partnership):
 * the box then shows the code's first option, its own name.
 *
 * Focusing the box selects its words, so typing replaces the shown area and filters at once. Enter in the
 * box chooses; it never submits a form the box sits in (the compare page's selections are a <form>).
 */
(function () {
  "use strict";

  function norm(text) { return String(text || "").replace(/\s+/g, " ").trim().toLowerCase(); }

  function labelOf(options, value) {
    var found = (options || []).find(function (option) { return option.value === value; });
    return found ? String(found.label) : null;
  }

  function resolve(text, options, submitted, keystroke) {
    var words = norm(text);
    if (!words) { return null; }
    options = options || [];
    var exact = options.find(function (option) { return norm(option.label) === words; });
    // A letter typed that completes one name while a longer one starts with it ("Cheshire" on the way to
    // "Cheshire East") waits for Enter, a pick from the list or leaving the box.
    if (exact && keystroke && !submitted && options.some(function (option) {
      var label = norm(option.label);
      return label !== words && label.indexOf(words) === 0;
    })) { return null; }
    if (exact || !submitted) { return exact || null; }
    return options.find(function (option) { return norm(option.label).indexOf(words) !== -1; }) || null;
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    cdp: Object.assign({}, (window.dash_clientside || {}).cdp, {
      syncAreaSearch: function (text, nSubmit, nBlur, value, options) {
        var dc = window.dash_clientside, skip = dc.no_update, ctx = dc.callback_context || {};
        var fired = (ctx.triggered || []).map(function (t) { return t.prop_id; });
        var boxId = ((ctx.inputs_list || [])[0] || {}).id;
        var by = function (suffix) {
          return fired.some(function (id) { return id.slice(-suffix.length) === suffix; });
        };
        var suggestions = skip;
        if (by(".options") || !fired.length || fired[0] === ".") {
          suggestions = (options || []).map(function (option) {
            return {namespace: "dash_html_components", type: "Option", props: {value: String(option.label)}};
          });
        }
        var typed = fired.length > 0 && fired.every(function (id) { return id.indexOf(boxId + ".") === 0; });
        if (typed) {
          var box = document.getElementById(boxId);
          var keystroke = !by(".n_submit") && !by(".n_blur") && !!box && box.getAttribute("data-last-input") === "insertText";
          var match = resolve(text, options, by(".n_submit"), keystroke);
          if (match) {
            // The box names the chosen code by its first option: an authority picked on the compare page
            // ("Bolton (Greater Manchester partnership)") shows the partnership it highlights.
            var name = labelOf(options, match.value);
            var shown = norm(text) === norm(name) ? skip : name;
            return [shown, match.value === value ? skip : match.value, suggestions];
          }
          var current = labelOf(options, value);
          return [by(".n_blur") && current !== null && text !== current ? current : skip, skip, suggestions];
        }
        var label = labelOf(options, value);
        return [label !== null && label !== text ? label : skip, skip, suggestions];
      }
    })
  });

  // How the box last changed: a letter typed ("insertText") or a whole name (a pick from the list, a paste).
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (box && box.tagName === "INPUT" && box.closest(".area-search")) {
      box.setAttribute("data-last-input", event.inputType || "insertReplacementText");
    }
  }, true);

  // Enter in a form's only text box would submit the form (a reload): in the area search it only chooses.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form && form.querySelector && form.querySelector(".area-search")) { event.preventDefault(); }
  }, true);

  // Select the box's words on focus (and keep them selected through the click that focused it).
  var justFocused = null;
  document.addEventListener("focusin", function (event) {
    var box = event.target;
    // Dash's Input puts its className on a wrapper around the <input>.
    if (box && box.tagName === "INPUT" && box.closest(".area-search")) {
      box.select();
      // A click places the caret after focus: select again once it has.
      window.setTimeout(function () { if (document.activeElement === box) { box.select(); } }, 0);
      justFocused = box;
      window.setTimeout(function () { justFocused = null; }, 300);
    }
  });
  document.addEventListener("mouseup", function (event) {
    if (justFocused && event.target === justFocused) { event.preventDefault(); justFocused = null; }
  });
})();
