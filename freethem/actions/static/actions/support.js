// A drive's page keeps its progress current while it is open: every 30 seconds, while the tab
// is visible, it asks the drive's progress.json (this site, no cookies) and puts the figures,
// already written in the page's language, in place. Without it the page shows the figures of
// when it was loaded: nothing else depends on it.
(function () {
  "use strict";
  var box = document.querySelector("[data-progress-url]");
  if (!box || !window.fetch) return;
  var url = box.getAttribute("data-progress-url");
  var FILLED = /^\d{1,3}(\.\d{1,2})?$/;

  function put(data) {
    ["raised", "gifts", "percent"].forEach(function (key) {
      var element = box.querySelector('[data-live="' + key + '"]');
      if (element && typeof data[key] === "string") element.textContent = data[key];
    });
    var fill = box.querySelector(".progress-bar .fill");
    if (fill && FILLED.test(data.filled)) fill.setAttribute("width", data.filled + "%");
    var bar = box.querySelector('[role="progressbar"]');
    if (bar && typeof data.valuetext === "string") {
      bar.setAttribute("aria-valuenow", String(Math.min(Math.round(Number(data.filled)), 100)));
      bar.setAttribute("aria-valuetext", data.valuetext);
    }
  }

  function refresh() {
    if (document.hidden) return;
    fetch(url, { credentials: "omit", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) put(data); })
      .catch(function () { /* offline for a moment: the next turn tries again */ });
  }

  window.setInterval(refresh, 30000);
  document.addEventListener("visibilitychange", refresh);
})();
