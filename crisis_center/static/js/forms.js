// Nothing staff type is lost, doubled or silently changed (DESIGN.md, rule 1). The
// server judges every value (crisis_center/forms.py); this script tells it what only
// the browser knows, and keeps the keyboard from saving a form half filled.
(function () {
  "use strict";

  // 1. A date, time or number input holding something the browser cannot read
  // (02/30/2026, a date half typed, "1e") posts "", the same as one left empty. Name
  // such fields in bad_input so the server answers "enter a real date" instead of
  // saving no date. Without this script the forms keep the browser's own checks,
  // which refuse to submit; with it the server's messages show on the fields.
  document.querySelectorAll('form[method="post" i]').forEach(function (form) {
    form.noValidate = true;
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    form.querySelectorAll('input[name="bad_input"][data-added]').forEach(function (old) {
      old.remove();
    });
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || !field.validity || !field.validity.badInput) return;
      var flag = document.createElement("input");
      flag.type = "hidden";
      flag.name = "bad_input";
      flag.value = field.name;
      flag.setAttribute("data-added", "");
      form.appendChild(flag);
    });
  }, true);

  // 2. A field with a limit (data-maxlength, never maxlength: that cuts a paste short
  // without a word) counts down as people type, shown once half of it is used (screen
  // readers hear it with the field); over the limit it says by how much, and the
  // server refuses it with everything typed kept.
  function length(field) {
    var value = field.value;
    // A textarea posts each line break as two characters; a one-line field is saved
    // without the spaces around it.
    if (field.tagName === "TEXTAREA") value = value.replace(/\r?\n/g, "\r\n");
    else value = value.trim();
    return Array.from(value).length;  // characters, as the server counts them
  }

  document.querySelectorAll("[data-maxlength]").forEach(function (field) {
    var limit = parseInt(field.getAttribute("data-maxlength"), 10);
    var note = document.createElement("div");
    note.className = "form-text char-count";
    note.id = (field.id || field.name) + "_count";
    field.insertAdjacentElement("afterend", note);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + note.id);
    function show() {
      var left = limit - length(field);
      note.textContent = left >= 0
        ? left + " of " + limit + " characters left"
        : -left + (left === -1 ? " character" : " characters") + " too many: shorten it to save";
      note.classList.toggle("text-danger", left < 0);
      note.hidden = left > limit / 2;
    }
    field.addEventListener("input", show);
    show();
  });

  // 3. On a record form (data-record-form) Enter in a one-line field does not save:
  // mid-call, a contact with only a language would be saved. The Save button does, or
  // Ctrl+Enter (Cmd+Enter) anywhere in the form.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.isComposing) return;
    var form = event.target.form;
    if (!form || !form.hasAttribute("data-record-form")) return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      form.requestSubmit(form.querySelector('[type="submit"]'));
      return;
    }
    var field = event.target;
    if (field.tagName === "INPUT" && !/^(submit|button|reset|image)$/.test(field.type)) {
      event.preventDefault();
    }
  });
  document.querySelectorAll("form[data-record-form] [type=submit]").forEach(function (button) {
    button.setAttribute("aria-keyshortcuts", "Control+Enter");
  });
})();

// The keyboard path through a form page (issue: a hotline call logged in a few keys).
(function () {
  "use strict";

  function shown(field) {
    if (field.disabled || field.hidden || field.type === "hidden") return false;
    if (field.closest("details:not([open])")) return false;
    return field.getClientRects().length > 0;
  }

  // 4. A form that came back with errors starts on their summary (includes/
  // error_summary.html), each item a link to its field; a page that opens a form to
  // make a new record (data-focus-first) starts in that form's first field, not at
  // the top of the menu.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  } else {
    var form = document.querySelector("form[data-focus-first]");
    var first = form && Array.prototype.filter.call(form.elements, function (field) {
      return /^(INPUT|SELECT|TEXTAREA)$/.test(field.tagName) &&
        !/^(submit|button|reset|image)$/.test(field.type) && shown(field);
    })[0];
    if (first) first.focus();
  }

  // A summary link opens a folded part the field is in, and shows the field's label or
  // its group's legend with it, not only the box.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) return;
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    var fold = field.closest("details");
    if (fold) fold.open = true;
    var group = field.closest("fieldset");
    var label = (group && group.querySelector("legend")) || field.labels && field.labels[0];
    (label || field).scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
  });

  // 5. A list of checkboxes on a record form is one Tab stop, as a group of radio
  // buttons is: the arrow keys move between its boxes (Home and End to the first and
  // last), Space ticks or unticks one, Tab goes on to the next field. A center's list
  // of needs can grow; the way through the form does not. Screen readers still reach
  // every box by their own keys; the hint under the group's name says how.
  var hint = document.querySelector('meta[name="checkbox-arrows-hint"]');
  document.querySelectorAll("form[data-record-form] fieldset").forEach(function (group, n) {
    var boxes = Array.prototype.filter.call(
      group.querySelectorAll('input[type="checkbox"]'),
      function (box) { return box.closest("fieldset") === group; }
    );
    if (boxes.length < 2) return;
    function stop(box) {
      boxes.forEach(function (other) { other.tabIndex = other === box ? 0 : -1; });
    }
    stop(boxes.filter(function (box) { return box.checked; })[0] || boxes[0]);
    group.addEventListener("focusin", function (event) {
      if (boxes.indexOf(event.target) !== -1) stop(event.target);
    });
    group.addEventListener("keydown", function (event) {
      var at = boxes.indexOf(event.target);
      if (at === -1 || event.altKey || event.ctrlKey || event.metaKey) return;
      var to = {
        ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1,
        Home: 0, End: boxes.length - 1,
      }[event.key];
      if (to === undefined) return;
      event.preventDefault();
      var box = boxes[Math.max(0, Math.min(boxes.length - 1, to))];
      stop(box);
      box.focus();
    });
    var legend = group.querySelector("legend");
    if (hint && legend) {
      var note = document.createElement("p");  // not a div: those are set in columns
      note.className = "form-text mt-0 mb-1";
      note.id = "checkbox-arrows-" + n;
      note.textContent = hint.content;
      legend.insertAdjacentElement("afterend", note);
      var described = group.getAttribute("aria-describedby");
      group.setAttribute("aria-describedby", (described ? described + " " : "") + note.id);
    }
  });
})();
