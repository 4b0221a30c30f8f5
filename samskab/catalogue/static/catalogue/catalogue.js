// The catalogue's filters after the back or forward button. htmx restores its snapshot of
// the page, which keeps the results and which sections were open, but a snapshot is HTML:
// it does not know which boxes the visitor ticked or what they typed since the page was
// loaded. So the form is set again from the address, which holds every filter.
(function () {
  "use strict";

  var YES = ["1", "on", "true", "yes", "ja"];

  function syncFormWithAddress() {
    var form = document.querySelector("form.catalogue-filters");
    if (!form) {
      return;
    }
    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name) {
        return;
      }
      var values = params.getAll(element.name);
      if (element.type === "radio" && element.name === "sort") {
        var order = values[0] || (params.get("near") ? "nearest" : "soonest");
        element.checked = element.value === order;
      } else if (element.type === "checkbox") {
        element.checked =
          values.indexOf(element.value) !== -1 ||
          (element.value === "1" && values.some(function (value) {
            return YES.indexOf(value.toLowerCase()) !== -1;
          }));
      } else if (element.type !== "submit" && element.type !== "button") {
        element.value = values.length ? values[values.length - 1] : "";
      }
    });
  }

  document.addEventListener("htmx:historyRestore", syncFormWithAddress);
})();
