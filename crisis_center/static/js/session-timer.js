// Idle sign-out, made visible and forgiving (DESIGN.md rule 10, issue "no lost work"):
// a countdown in the top bar, a warning in the last two minutes, and activity on the
// page (typing, clicking) tells the server the person is still there.
(function () {
  "use strict";
  var timer = document.getElementById("session-timer");
  if (!timer) return;
  var full = parseInt(timer.dataset.seconds, 10);
  var left = full;
  var out = timer.querySelector("[data-remaining]");
  var warning = document.getElementById("session-warning");
  var token = document.querySelector('meta[name="csrf-token"]');
  var url = document.querySelector('meta[name="keepalive-url"]');
  var lastPing = Date.now();

  function show() {
    var minutes = Math.floor(left / 60), seconds = left % 60;
    out.textContent = left > 0 ? minutes + ":" + (seconds < 10 ? "0" : "") + seconds : "now";
    var soon = left > 0 && left <= 120;
    timer.classList.toggle("text-warning", soon);
    if (warning) warning.classList.toggle("d-none", !soon);
  }

  function activity() {
    // At most one ping a minute, except in the warning window, and only while the
    // session is still alive.
    if (!token || !url || left <= 0) return;
    if (left > 120 && Date.now() - lastPing < 60000) return;
    lastPing = Date.now();
    fetch(url.content, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token.content },
    }).then(function (response) {
      if (response.status === 204) { left = full; show(); }
    });
  }

  ["keydown", "input", "click", "touchstart"].forEach(function (name) {
    document.addEventListener(name, activity, { passive: true });
  });
  show();
  var tick = setInterval(function () {
    left = Math.max(0, left - 1);
    show();
    if (left === 0) clearInterval(tick);
  }, 1000);
})();
