// The text-size control: three sizes, remembered on this device.
(function () {
  "use strict";
  var KEY = "twinsite-text-size";
  var SIZES = ["normal", "large", "larger"];
  var root = document.documentElement;

  function apply(size) {
    SIZES.forEach(function (name) { root.classList.remove("text-size-" + name); });
    root.classList.add("text-size-" + size);
    document.querySelectorAll("[data-text-size]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.textSize === size));
    });
  }

  var stored = null;
  try { stored = window.localStorage.getItem(KEY); } catch (error) { /* private mode */ }
  apply(SIZES.indexOf(stored) >= 0 ? stored : "normal");

  document.querySelectorAll(".text-size").forEach(function (control) {
    control.hidden = false;
    control.addEventListener("click", function (event) {
      var button = event.target.closest("[data-text-size]");
      if (!button) { return; }
      apply(button.dataset.textSize);
      try { window.localStorage.setItem(KEY, button.dataset.textSize); } catch (error) { /* ignore */ }
    });
  });
})();
