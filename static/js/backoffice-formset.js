// The filing form works without JavaScript (saving adds empty rows); with it, "Add a row"
// copies the formset's empty row in place and counts it in the management form.
(function () {
  "use strict";
  document.querySelectorAll("[data-add-row]").forEach(function (button) {
    var prefix = button.getAttribute("data-add-row");
    var template = document.querySelector('template[data-empty-row="' + prefix + '"]');
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    if (!template || !total) {
      return;
    }
    button.hidden = false;
    var note = button.closest("fieldset").querySelector(".add-row-note");
    if (note) {
      note.hidden = true;
    }
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var row = holder.firstElementChild;
      template.parentNode.insertBefore(row, template);
      total.value = String(index + 1);
      var first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) {
        first.focus();
      }
    });
  });
})();
