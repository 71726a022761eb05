// A create form's one-time token (crisis_center/form_tokens.py) goes into its input
// here, not in the page: a value a script set is one the browser puts back after Back,
// with what was typed, so saving that form again is recognised and makes no second
// record. A value already there was put back that way: keep it.
document.querySelectorAll("input[data-form-token]").forEach((input) => {
  if (!input.value) {
    input.value = input.dataset.formToken;
  }
});
