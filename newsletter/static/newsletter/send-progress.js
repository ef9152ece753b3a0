// "Send to readers": follow the progress while mail is on its way.
// The page includes this only while deliveries are queued, sending or waiting to be
// retried. Every few seconds it fetches the progress alone (SendProgressView) and puts
// it in place; it stops once nothing is in flight, or when the answer is not the
// progress (signed out, no permission). Without script a reload shows the same.
(function () {
  "use strict";
  var area = document.getElementById("send-progress-area");
  if (!area || !area.dataset.url) { return; }
  var seconds = Math.max(parseInt(area.dataset.pollSeconds, 10) || 5, 2);

  function reveal() {
    area.querySelectorAll("[data-send-follow]").forEach(function (note) { note.hidden = false; });
  }

  function schedule() {
    if (area.dataset.inFlight === "true") { window.setTimeout(poll, seconds * 1000); }
  }

  function poll() {
    if (document.hidden) {  // a background tab looks again once it is shown
      document.addEventListener("visibilitychange", poll, { once: true });
      return;
    }
    window.fetch(area.dataset.url, {
      credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest" },
    }).then(function (response) {
      if (!response.ok || response.redirected) { throw new Error(String(response.status)); }
      return response.text();
    }).then(function (html) {
      var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("send-progress-area");
      if (!fresh) { return; }
      // Only when something visible changed (form tokens differ on every answer), so that
      // a button is not replaced under the editor's pointer for nothing.
      if (fresh.textContent !== area.textContent) { area.innerHTML = fresh.innerHTML; }
      area.dataset.inFlight = fresh.dataset.inFlight;
      reveal();
      schedule();
    }).catch(function () { /* stop following; the Refresh link still works */ });
  }

  reveal();
  schedule();
})();
