// Counts down to the idle sign-out so staff on a shared computer can see it coming.
// Every page load restarts the server's timer, so the count restarts with it.
(function () {
  "use strict";
  var timer = document.getElementById("session-timer");
  if (!timer) return;
  var left = parseInt(timer.dataset.seconds, 10);
  var out = timer.querySelector("[data-remaining]");
  function show() {
    var minutes = Math.floor(left / 60), seconds = left % 60;
    out.textContent = left > 0 ? minutes + ":" + (seconds < 10 ? "0" : "") + seconds : "now";
    timer.classList.toggle("text-warning", left <= 120);
  }
  show();
  var tick = setInterval(function () {
    left = Math.max(0, left - 1);
    show();
    if (left === 0) clearInterval(tick);
  }, 1000);
})();
