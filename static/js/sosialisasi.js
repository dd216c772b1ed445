// Sosialisasi pages: a commitment's date of completion is shown only when it is marked done.
// (Confirmation before deleting is in portal.js.) No inline scripts (CSP).
(function () {
  "use strict";
  var selesai = document.getElementById("id_selesai");
  var tanggal = document.getElementById("div_id_tanggal_selesai");
  if (selesai && tanggal) {
    var sync = function () { tanggal.hidden = !selesai.checked; };
    selesai.addEventListener("change", sync);
    sync();
  }
})();
