// The opportunity list's filters after the back button. htmx puts back the page as it was
// when the person left that address, but a form's chosen values are not part of the saved
// page, and by then the form already held the next choice: the results would be those of
// the address while the form showed other filters. The address holds the filters of the
// results shown, so the form is set from it. Without JavaScript the browser reloads the
// address and the server fills the form in.
(function () {
  "use strict";

  function setFormFromAddress() {
    var form = document.querySelector("form.volunteering-filters");
    if (!form) {
      return;
    }
    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(form.elements, function (control) {
      if (!control.name || control.type === "submit" || control.type === "button") {
        return;
      }
      var values = params.getAll(control.name);
      if (control.type === "checkbox" || control.type === "radio") {
        // An empty radio value ("Both") stands for the filter being absent.
        control.checked =
          values.indexOf(control.value) !== -1 || (control.value === "" && values.length === 0);
      } else {
        control.value = values.length ? values[0] : "";
      }
    });
  }

  document.addEventListener("htmx:historyRestore", setFormFromAddress);
})();
