// Loaded with defer on every page. Everything works without it; it only enhances.
(function () {
  "use strict";
  function start() {
    if (window.DKFDS && typeof window.DKFDS.init === "function") {
      window.DKFDS.init();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
