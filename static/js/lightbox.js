// Gallery lightbox. Without JavaScript each thumbnail is a plain link to the display-size
// photo. With it, the link opens a <dialog>: arrows move between photos, Esc closes, and the
// focus goes back to the thumbnail that opened it. Labels come from data-label-* attributes
// so they are translated with the page; no inline script or style is needed (strict CSP).
(function () {
  "use strict";

  function button(className, label, text) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = className;
    b.setAttribute("aria-label", label);
    b.textContent = text;
    return b;
  }

  function setup(gallery) {
    var links = Array.prototype.slice.call(gallery.querySelectorAll("a[data-lightbox-item]"));
    if (!links.length || typeof HTMLDialogElement !== "function") return;
    var labels = gallery.dataset;
    var dialog = document.createElement("dialog");
    dialog.className = "lightbox";
    dialog.setAttribute("aria-label", labels.labelDialog || "");
    var figure = document.createElement("figure");
    var image = document.createElement("img");
    var caption = document.createElement("figcaption");
    var counter = document.createElement("p");
    counter.className = "lightbox-count";
    counter.setAttribute("aria-live", "polite");
    figure.appendChild(image);
    figure.appendChild(caption);
    var close = button("lightbox-close", labels.labelClose || "Close", "×");
    var previous = button("lightbox-prev", labels.labelPrevious || "Previous", "‹");
    var next = button("lightbox-next", labels.labelNext || "Next", "›");
    dialog.appendChild(close);
    dialog.appendChild(previous);
    dialog.appendChild(figure);
    dialog.appendChild(next);
    dialog.appendChild(counter);
    document.body.appendChild(dialog);

    var current = 0;
    var opener = null;

    function show(index) {
      current = (index + links.length) % links.length;
      var link = links[current];
      var thumb = link.querySelector("img");
      var figcaption = link.closest("figure") && link.closest("figure").querySelector("figcaption");
      image.src = link.href;
      image.alt = thumb ? thumb.alt : "";
      // The caption's text and its badges ("sample") are copied as separate boxes: copying the
      // figcaption's textContent ran the badge's words into the end of the caption.
      caption.replaceChildren();
      if (figcaption) {
        var text = figcaption.querySelector(".gallery-caption");
        if (text) {
          var line = document.createElement("span");
          line.className = "lightbox-caption-text";
          line.textContent = text.textContent.trim();
          caption.appendChild(line);
        }
        figcaption.querySelectorAll(".badge").forEach(function (badge) {
          caption.appendChild(badge.cloneNode(true));
        });
      }
      caption.hidden = !caption.childNodes.length;
      counter.textContent = (labels.labelCount || "{current} / {total}")
        .replace("{current}", String(current + 1)).replace("{total}", String(links.length));
      previous.hidden = next.hidden = links.length < 2;
    }

    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        opener = link;
        show(index);
        dialog.showModal();
        close.focus();
      });
    });
    close.addEventListener("click", function () { dialog.close(); });
    previous.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft") { show(current - 1); event.preventDefault(); }
      if (event.key === "ArrowRight") { show(current + 1); event.preventDefault(); }
    });
    // A click on the backdrop (the dialog box itself, outside its children) closes it.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close();
    });
    // Esc closes natively; every way of closing returns the focus to the thumbnail.
    dialog.addEventListener("close", function () {
      image.removeAttribute("src");
      if (opener) opener.focus();
    });
  }

  function start() {
    document.querySelectorAll("[data-lightbox]").forEach(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
