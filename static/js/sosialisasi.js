// Sosialisasi pages: confirm before deleting or reopening; a commitment's date of completion
// is shown only when it is marked done. No inline scripts (CSP).
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
  var selesai = document.getElementById("id_selesai");
  var tanggal = document.getElementById("div_id_tanggal_selesai");
  if (selesai && tanggal) {
    var sync = function () { tanggal.hidden = !selesai.checked; };
    selesai.addEventListener("change", sync);
    sync();
  }
})();
