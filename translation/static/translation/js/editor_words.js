// The translation editor's bundle (wagtail-localize) writes a few words without
// gettext. This puts them into the admin language once React has drawn them.
// The translated words come from the script tag (translation/upstream_strings.py).
(function () {
  "use strict";
  var script = document.currentScript;
  var words = JSON.parse(script.getAttribute("data-words"));
  var heading = /^(.+) to (.+) translation$/;

  function translate(root) {
    root.querySelectorAll(".w-sr-only").forEach(function (node) {
      if (node.textContent === "More actions") {
        node.textContent = words.moreActions;
      }
    });
    root.querySelectorAll("h3").forEach(function (node) {
      var match = heading.exec(node.textContent);
      if (match) {
        node.textContent = words.heading
          .replace("%(source)s", match[1])
          .replace("%(target)s", match[2]);
      }
    });
  }

  function start() {
    var editor = document.querySelector(".js-translation-editor");
    if (!editor) {
      return; // a page or snippet editor, not the translation editor
    }
    translate(editor);
    new MutationObserver(function () {
      translate(editor);
    }).observe(editor, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
