/*
 * Outcome and compare pages: pass a period picker change to the charts only when someone chose it. A move away
 * from a value the picker does not offer is a correction the charts have already drawn (see
 * callbacks/picker_gate.py, whose chosen_period states the same rule for tests).
 */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  cdp: Object.assign({}, (window.dash_clientside || {}).cdp, {
    choosePeriod: function (value, options, seen) {
      var known = (options || []).some(function (option) { return option.value === seen; });
      return [value, known && value !== seen ? value : window.dash_clientside.no_update];
    }
  })
});
