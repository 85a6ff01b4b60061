/* Keep each page's selections in the query string (history.replaceState: no reload, no re-render). */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  cdp: Object.assign({}, (window.dash_clientside || {}).cdp, {
    writeQueryString: function (state) {
      if (!state) { return window.dash_clientside.no_update; }
      var params = new URLSearchParams();
      Object.keys(state).forEach(function (key) {
        var value = state[key];
        if (value !== null && value !== undefined && value !== "") { params.set(key, value); }
      });
      var search = params.toString();
      var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(window.history.state, "", url);
      }
      return Date.now();
    }
  })
});
