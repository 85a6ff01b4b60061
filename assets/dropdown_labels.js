/*
 * Dash 4's dcc.Dropdown names its button only by the chosen value (its aria-labelledby points at the
 * value text), so the visible <label for=…> is left out of the accessible name: a screen reader says
 * "England (all partnerships), pop-up button" without "Area", and a voice-control user cannot say
 * "click Area" (WCAG 2.5.3 Label in Name, 4.1.2 Name, Role, Value). The component takes no ARIA
 * props, so this puts the label first in the button's aria-labelledby. Dash renders pages after
 * load and on every navigation, so the DOM is watched (checked at most once per frame).
 */
(function () {
  "use strict";

  function nameByLabel() {
    document.querySelectorAll("button.dash-dropdown[id]").forEach(function (button) {
      var label = document.querySelector('label[for="' + CSS.escape(button.id) + '"]');
      if (!label) { return; }
      if (!label.id) { label.id = button.id + "-label"; }
      var names = (button.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
      if (names[0] === label.id) { return; }
      names = [label.id].concat(names.filter(function (name) { return name !== label.id; }));
      button.setAttribute("aria-labelledby", names.join(" "));
    });
  }

  var pending = false;
  function schedule() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; nameByLabel(); });
  }

  new MutationObserver(schedule).observe(document.documentElement, {childList: true, subtree: true});
  schedule();
})();
