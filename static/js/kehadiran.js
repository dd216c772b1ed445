// Attendance entry page: keyboard-only entry (Enter adds the row and returns to the name
// field), person suggestions (arrow keys), form reset after a saved row.
(function () {
  "use strict";
  var form = document.getElementById("form-baris");
  if (!form) { return; }
  var nama = document.getElementById("id_baris-0-nama");
  var orang = document.getElementById("id_baris-0-orang");
  var jk = document.getElementById("id_baris-0-jenis_kelamin");
  var saran = document.getElementById("saran");

  function field(name) { return document.getElementById("id_baris-0-" + name); }
  function clearSaran() { saran.innerHTML = ""; }
  function items() { return Array.prototype.slice.call(saran.querySelectorAll(".saran-item:not(.disabled)")); }

  function pick(btn) {
    orang.value = btn.getAttribute("data-orang");
    nama.value = btn.getAttribute("data-nama");
    jk.value = btn.getAttribute("data-jk");
    field("rt").value = btn.getAttribute("data-rt") || "";
    field("rw").value = btn.getAttribute("data-rw") || "";
    field("miskin").checked = !!btn.getAttribute("data-miskin");
    field("disabilitas").checked = !!btn.getAttribute("data-disabilitas");
    clearSaran();
    field("unsur").focus();
  }

  // Typing a name forgets a person picked before.
  nama.addEventListener("input", function () { orang.value = ""; });

  nama.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      var list = items();
      if (list.length) { event.preventDefault(); list[0].focus(); }
    } else if (event.key === "Escape") {
      clearSaran();
    }
  });

  saran.addEventListener("click", function (event) {
    var btn = event.target.closest(".saran-item");
    if (btn && !btn.classList.contains("disabled")) { pick(btn); }
  });
  saran.addEventListener("keydown", function (event) {
    var list = items();
    var i = list.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && i < list.length - 1) { event.preventDefault(); list[i + 1].focus(); }
    else if (event.key === "ArrowUp") { event.preventDefault(); if (i > 0) { list[i - 1].focus(); } else { nama.focus(); } }
    else if (event.key === "Escape") { clearSaran(); nama.focus(); }
    else if (event.key === "Enter" && i >= 0) { event.preventDefault(); pick(list[i]); }
  });

  // L/P by keyboard anywhere in the row: Alt+L / Alt+P.
  form.addEventListener("keydown", function (event) {
    if (event.altKey && (event.key === "l" || event.key === "L" || event.key === "p" || event.key === "P")) {
      event.preventDefault();
      jk.value = event.key.toUpperCase();
      return;
    }
    if (event.key !== "Enter" || event.target.closest("#saran")) { return; }
    if (event.target.tagName === "BUTTON") { return; }
    event.preventDefault();
    clearSaran();
    if (typeof form.requestSubmit === "function") { form.requestSubmit(); } else { form.submit(); }
  });

  // A late search answer must not reopen suggestions once the row was saved.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.target === saran && nama.value.trim().length < 2) { event.detail.shouldSwap = false; }
  });

  document.body.addEventListener("kehadiranTersimpan", function () {
    form.reset();
    orang.value = "";
    clearSaran();
    nama.focus();
  });
  document.body.addEventListener("kehadiranDitolak", function () {
    clearSaran();
    nama.focus();
  });
})();
