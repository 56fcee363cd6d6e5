// The filing form's "Add a row" buttons are submits: without JavaScript the page comes back with
// one more row of that section, saving nothing. With it, the button copies the formset's empty
// row in place, counts it in the management form and moves the focus into it.
(function () {
  "use strict";
  document.querySelectorAll("[data-add-row]").forEach(function (button) {
    var prefix = button.getAttribute("data-add-row");
    var template = document.querySelector('template[data-empty-row="' + prefix + '"]');
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    if (!template || !total) {
      return;
    }
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var index = parseInt(total.value, 10) || 0;
      var holder = document.createElement("div");
      holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
      var row = holder.firstElementChild;
      template.parentNode.insertBefore(row, template);
      total.value = String(index + 1);
      var empty = template.parentNode.querySelector(".fold-empty");
      if (empty) {
        empty.hidden = true;
      }
      var first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) {
        first.focus();
      }
    });
  });
})();
