/*
 * The app's layout request names the page being opened (?page=<path and query>), so the server can
 * put that page into the layout itself (layouts/_shared/first_view.py) instead of sending it by
 * a callback once the layout has rendered: the page's charts are then asked for one round trip and
 * one render sooner. Only the first layout request is touched; every other request passes as is.
 */
(function () {
  "use strict";
  var plainFetch = window.fetch;
  if (!plainFetch) { return; }
  window.fetch = function (resource, options) {
    if (typeof resource === "string" && /(^|\/)_dash-layout$/.test(resource)) {
      window.fetch = plainFetch;
      resource += "?page=" + encodeURIComponent(window.location.pathname + window.location.search);
    }
    return plainFetch.apply(this, arguments.length > 1 ? [resource, options] : [resource]);
  };
})();
