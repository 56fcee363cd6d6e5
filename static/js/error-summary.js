// The error summary of a refused save (portal/core/templates/core/error_summary.html): take the
// focus so the summary is read first, and make each link focus its field, opening the folded
// section that holds it. Without JavaScript the summary is still at the top with its links.
(function () {
  "use strict";
  var summary = document.querySelector("[data-focus-on-load]");
  if (!summary) {
    return;
  }
  if (document.activeElement !== summary) {
    summary.focus();
  }
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) {
      return;
    }
    var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!field) {
      return;
    }
    event.preventDefault();
    for (var node = field.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") {
        node.open = true;
      }
    }
    var label = document.querySelector("label[for='" + field.id + "']");
    (label || field).scrollIntoView({block: "center"});
    field.focus({preventScroll: true});
    history.replaceState(null, "", link.getAttribute("href"));
  });
})();
