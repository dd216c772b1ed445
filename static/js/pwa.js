// Registers the portal's service worker (/sw.js): the portal installs on a phone's home screen
// and attendance entry pages opened once keep working offline.
(function () {
  "use strict";
  if ("serviceWorker" in navigator && window.isSecureContext) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () { return null; });
    });
  }
})();
