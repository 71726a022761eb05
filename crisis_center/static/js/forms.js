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
