// A form kept across the idle sign-out (crisis_center/kept_forms.py): the server added
// what its author had typed to this page only after the page's own view let them open
// it. Put those values back into the page's form: set as properties, never as HTML.
(function () {
  "use strict";
  var data = document.getElementById("kept-form-data");
  if (!data) return;
  var kept = {};
  JSON.parse(data.textContent).forEach(function (pair) {
    (kept[pair[0]] = kept[pair[0]] || []).push(pair[1]);
  });

  function postsHere(form) {
    var action = new URL(form.getAttribute("action") || "", window.location.href);
    return (form.getAttribute("method") || "").toLowerCase() === "post" &&
      action.pathname === window.location.pathname;
  }

  var form = Array.prototype.filter.call(document.querySelectorAll("main form"), postsHere)[0];
  if (!form) return;
  var used = {};
  Array.prototype.forEach.call(form.elements, function (field) {
    var name = field.name, values = kept[field.name] || [];
    if (!name || field.disabled || name === "csrfmiddlewaretoken") return;
    if (["file", "submit", "button", "reset"].indexOf(field.type) !== -1) return;
    if (field.type === "checkbox" || field.type === "radio") {
      // Not sent means not ticked.
      field.checked = values.indexOf(field.value) !== -1;
    } else if (field.tagName === "SELECT") {
      if (!field.multiple && !(name in kept)) return;
      Array.prototype.forEach.call(field.options, function (option) {
        option.selected = values.indexOf(option.value) !== -1;
      });
    } else if (name in kept) {
      var index = used[name] || 0;
      used[name] = index + 1;
      if (index < values.length) field.value = values[index];
    }
  });
})();
