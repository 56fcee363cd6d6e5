// Turns every <textarea data-rich-editor> of an admin form into the ProseMirror editor
// (static/vendor/editor/editor.js). Without JavaScript the plain textarea stays and works;
// the server sanitizes whatever arrives either way.
(function () {
  "use strict";
  function start() {
    if (!window.PortalEditor) return;
    document.querySelectorAll("textarea[data-rich-editor]").forEach(function (textarea) {
      window.PortalEditor.mount(textarea);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
