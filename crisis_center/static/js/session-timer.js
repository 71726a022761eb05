// Idle sign-out, made visible and forgiving (DESIGN.md rule 10, issue "no lost work"):
// a countdown in the top bar, a warning in the last two minutes, and activity on the
// page (typing, clicking) tells the server the person is still there. At zero the page
// signs out and leaves for the sign-in page, so a client's file does not stay on a
// shared screen; a form being typed is first sent to be kept for the person who typed
// it (crisis_center/kept_forms.py), and comes back to them after they sign in again.
(function () {
  "use strict";
  var timer = document.getElementById("session-timer");
  if (!timer) return;
  function meta(name) {
    var tag = document.querySelector('meta[name="' + name + '"]');
    return tag ? tag.content : null;
  }
  var token = meta("csrf-token"), keepaliveUrl = meta("keepalive-url");
  var idleUrl = meta("idle-url"), loginUrl = meta("login-url");
  var full = parseInt(timer.dataset.seconds, 10) * 1000;
  // Zero comes a little before the server's own expiry, so that it is this page that
  // signs out, with the session still able to say whose form it keeps.
  var margin = Math.min(5000, full / 10);
  // Tabs of one signed-in user share a deadline: activity in one keeps the others open.
  var shared = "session-deadline-" + timer.dataset.user;
  var out = timer.querySelector("[data-remaining]");
  var warning = document.getElementById("session-warning");
  var deadline = 0, lastPing = Date.now(), typedIn = null, leaving = false, ticker = null;

  function restart() {
    deadline = Date.now() + full - margin;
    try { window.localStorage.setItem(shared, String(deadline)); } catch (e) { /* this tab alone */ }
  }

  function remaining() {
    var other = 0;
    try { other = parseInt(window.localStorage.getItem(shared), 10) || 0; } catch (e) { /* none */ }
    // From the clock, not by counting ticks: a hidden tab or a sleeping laptop skips them.
    return Math.max(0, Math.ceil((Math.max(deadline, other) - Date.now()) / 1000));
  }

  function show(left) {
    var minutes = Math.floor(left / 60), seconds = left % 60;
    out.textContent = left > 0 ? minutes + ":" + (seconds < 10 ? "0" : "") + seconds : "now";
    var soon = left > 0 && left <= 120;
    timer.classList.toggle("text-warning", soon);
    if (warning) warning.classList.toggle("d-none", !soon);
  }

  function postsHere(form) {
    var action = new URL(form.getAttribute("action") || "", window.location.href);
    return (form.getAttribute("method") || "").toLowerCase() === "post" &&
      action.pathname === window.location.pathname;
  }

  function leave() {
    if (leaving) return;
    leaving = true;
    clearInterval(ticker);
    var path = window.location.pathname, next = path + window.location.search;
    var body = new URLSearchParams(), query = "";
    if (typedIn && postsHere(typedIn)) {
      new FormData(typedIn).forEach(function (value, name) {
        if (typeof value === "string" && name !== "csrfmiddlewaretoken") body.append(name, value);
      });
      query = "?path=" + encodeURIComponent(path);
    }
    // Off the screen now, whatever the network does next.
    document.title = "Signed out";
    var main = document.getElementById("main");
    if (main) main.replaceChildren();
    var go = function () {
      window.location.replace(loginUrl + "?next=" + encodeURIComponent(next));
    };
    window.setTimeout(go, 3000);
    fetch(idleUrl + query, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token },
      body: body,
    }).then(go, go);
  }

  function tick() {
    var left = remaining();
    show(left);
    if (left === 0) leave();
  }

  function activity() {
    // At most one ping a minute, except in the warning window.
    var left = remaining();
    if (!token || !keepaliveUrl || left <= 0 || leaving) return;
    if (left > 120 && Date.now() - lastPing < 60000) return;
    lastPing = Date.now();
    fetch(keepaliveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token },
    }).then(function (response) {
      if (response.status === 204) {
        restart();
        tick();
      } else if (response.redirected) {
        leave(); // the session had ended already
      }
    });
  }

  function typed(event) {
    var form = event.target.form;
    if (form && postsHere(form)) typedIn = form;
  }

  ["input", "change"].forEach(function (name) {
    document.addEventListener(name, typed, { passive: true });
  });
  ["keydown", "input", "click", "touchstart"].forEach(function (name) {
    document.addEventListener(name, activity, { passive: true });
  });
  document.addEventListener("visibilitychange", tick);
  window.addEventListener("storage", function (event) {
    if (event.key === shared) tick();
  });
  restart();
  show(remaining());
  ticker = setInterval(tick, 1000);
})();
