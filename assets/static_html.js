/*
 * Read-only blocks (tables, profiles) arrive as one escaped HTML string in the data-static-html
 * attribute of an empty div (presentation/blocks/static.py), not as hundreds of Dash
 * components: the browser's HTML parser puts a 150-row table in place in a millisecond or two,
 * where the Dash renderer (or dcc.Markdown's parser) took tens to hundreds. React owns the div and
 * its attribute, never its children, so this fills the div whenever the attribute is set or the div
 * is added to the page. The markup is written and escaped on the server; no script is in it.
 */
(function () {
  "use strict";
  var ATTRIBUTE = "data-static-html";

  function fill(element) {
    var markup = element.getAttribute(ATTRIBUTE);
    if (markup !== null && element.__staticHtml !== markup) {
      element.innerHTML = markup;
      element.__staticHtml = markup;
    }
  }

  function fillWithin(node) {
    if (node.nodeType !== 1) { return; }
    if (node.hasAttribute(ATTRIBUTE)) { fill(node); }
    if (node.firstElementChild) { node.querySelectorAll("[" + ATTRIBUTE + "]").forEach(fill); }
  }

  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      if (mutation.type === "attributes") { fill(mutation.target); } else { mutation.addedNodes.forEach(fillWithin); }
    });
  }).observe(document.documentElement, {subtree: true, childList: true, attributes: true,
                                         attributeFilter: [ATTRIBUTE]});
})();
