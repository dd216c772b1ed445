// Attendance entry page, offline-first. Enter (or "Tambah") puts the typed row in a queue kept
// in IndexedDB under an id made on this device (`kunci`), clears the form at once and shows the
// row as pending; a sender posts the queue one row at a time and the server answers the saved
// row and the counters (a resend of a saved `kunci` answers the same row). Rows wait through a
// lost network, a reload and a closed browser; each belongs to the user who typed it.
(function () {
  "use strict";
  var form = document.getElementById("form-baris");
  if (!form) { return; }
  var T = JSON.parse(document.getElementById("teks-entri").textContent);
  var pengguna = form.getAttribute("data-pengguna");
  var pertemuan = form.getAttribute("data-pertemuan");
  var nama = document.getElementById("id_baris-0-nama");
  var orang = document.getElementById("id_baris-0-orang");
  var jk = document.getElementById("id_baris-0-jenis_kelamin");
  var saran = document.getElementById("saran");
  var pilihan = document.getElementById("pilihan");
  var banner = document.getElementById("antrian-banner");
  var FIELDS = ["nama", "jenis_kelamin", "unsur", "rt", "rw"];
  var rows = {};  // kunci -> queue entry of this user and meeting
  var sending = false;

  function field(name) { return document.getElementById("id_baris-0-" + name); }
  function tbody() { return document.getElementById("baris-kehadiran"); }
  function csrf() { return form.querySelector("[name=csrfmiddlewaretoken]").value; }

  // --- IndexedDB: one store "antrian", keyed by kunci (put, delete, getAll: a few lines, so
  // no vendored idb-keyval) ----------------------------------------------------------------
  var dbPromise = null;
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var open = indexedDB.open("plpbk-entri", 1);
        open.onupgradeneeded = function () { open.result.createObjectStore("antrian", { keyPath: "kunci" }); };
        open.onsuccess = function () { resolve(open.result); };
        open.onerror = function () { reject(open.error); };
      });
    }
    return dbPromise;
  }
  function store(mode, work) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var tx = d.transaction("antrian", mode);
        var req = work(tx.objectStore("antrian"));
        tx.oncomplete = function () { resolve(req && req.result); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }
  function simpanEntri(e) { return store("readwrite", function (s) { return s.put(e); }); }
  function hapusEntri(kunci) { return store("readwrite", function (s) { return s.delete(kunci); }); }
  function semuaEntri() { return store("readonly", function (s) { return s.getAll(); }); }

  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // --- errors next to the field ----------------------------------------------------------
  function clearErrors() {
    FIELDS.forEach(function (f) {
      field(f).classList.remove("is-invalid");
      var box = document.getElementById("galat-" + f);
      if (box) { box.textContent = ""; }
    });
  }
  function showError(name, message) {
    var input = field(FIELDS.indexOf(name) >= 0 ? name : "nama");
    var box = document.getElementById("galat-" + (FIELDS.indexOf(name) >= 0 ? name : "nama"));
    input.classList.add("is-invalid");
    box.textContent = message;
    input.focus();
    // visible above the on-screen keyboard: the field and its message in the middle
    input.scrollIntoView({ block: "center" });
  }
  function check(data) {
    if (data.nama.replace(/\s+/g, " ").trim().length < 2) { return ["nama", T.nama_pendek]; }
    if (!data.jenis_kelamin) { return ["jenis_kelamin", T.pilih_jk]; }
    var bad = ["rt", "rw"].filter(function (f) { return data[f] && !/^\s*\d{1,3}\s*$/.test(data[f]); });
    if (bad.length) { return [bad[0], T.angka]; }
    return null;
  }

  // --- suggestions: in the flow under the name, chosen only by a tap or Enter on one -------
  function clearSaran() { saran.innerHTML = ""; }
  function items() { return Array.prototype.slice.call(saran.querySelectorAll(".saran-item:not(.disabled)")); }
  function unpick() {
    orang.value = "";
    pilihan.classList.add("d-none");
  }
  function pick(btn) {
    orang.value = btn.getAttribute("data-orang");
    nama.value = btn.getAttribute("data-nama");
    jk.value = btn.getAttribute("data-jk");
    field("rt").value = btn.getAttribute("data-rt") || "";
    field("rw").value = btn.getAttribute("data-rw") || "";
    field("miskin").checked = !!btn.getAttribute("data-miskin");
    field("disabilitas").checked = !!btn.getAttribute("data-disabilitas");
    var rtrw = btn.getAttribute("data-rt") || btn.getAttribute("data-rw")
      ? " · RT/RW " + (btn.getAttribute("data-rt") || "-") + "/" + (btn.getAttribute("data-rw") || "-") : "";
    pilihan.querySelector(".pilihan-teks").textContent = nama.value + rtrw;
    pilihan.classList.remove("d-none");
    clearSaran();
    field("unsur").focus();
  }
  pilihan.querySelector("button").addEventListener("click", function () {
    unpick();
    nama.focus();
  });
  nama.addEventListener("input", function () { if (orang.value) { unpick(); } });
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
    else if (event.key === "Enter" && i >= 0) { event.preventDefault(); event.stopPropagation(); pick(list[i]); }
  });
  // closes on a tap elsewhere and when focus leaves both the name and the list
  document.addEventListener("pointerdown", function (event) {
    if (!event.target.closest("#saran") && event.target !== nama) { clearSaran(); }
  });
  form.addEventListener("focusout", function (event) {
    var to = event.relatedTarget;
    if ((event.target === nama || event.target.closest("#saran")) && !(to && (to === nama || to.closest("#saran")))) {
      clearSaran();
    }
  });
  // a name typed while the page's scripts were still loading (a slow phone) fired its input
  // events before htmx listened, and htmx takes that text as the field's last value: ask once
  function cariYangSudahDiketik() {
    if (window.htmx && document.activeElement === nama && nama.value.trim().length >= 2) { htmx.trigger(nama, "cari"); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", cariYangSudahDiketik);
  } else {
    cariYangSudahDiketik();
  }
  // only the answer for what is in the field now may open the list
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.target !== saran) { return; }
    var asked = "";
    try { asked = new URL(event.detail.xhr.responseURL).searchParams.get("baris-0-nama") || ""; } catch (e) { asked = ""; }
    if (nama.value.trim().length < 2 || asked !== nama.value || document.activeElement !== nama) {
      event.detail.shouldSwap = false;
    }
  });

  // --- rows on the page --------------------------------------------------------------------
  function keadaanText(e) {
    if (e.keadaan === "ditolak") { return T.ditolak + ": " + e.alasan; }
    if (e.keadaan === "mengirim") { return T.mengirim; }
    return T.menunggu;
  }
  function renderPending(e) {
    var tr = document.querySelector('tr[data-kunci="' + e.kunci + '"]');
    if (!tr) {
      tr = document.createElement("tr");
      tr.setAttribute("data-testid", "baris-kehadiran");
      tr.setAttribute("data-kunci", e.kunci);
      var empty = tbody().querySelector("tr.kosong");
      if (empty) { empty.remove(); }
      tbody().insertBefore(tr, tbody().firstChild);
    }
    tr.setAttribute("data-keadaan", e.keadaan);
    tr.className = e.keadaan === "ditolak" ? "table-danger" : "table-warning";
    tr.innerHTML = "";
    var d = e.data;
    var cells = ["…", null, d.jenis_kelamin, d.unsur, d.rt || d.rw ? (d.rt || "-") + "/" + (d.rw || "-") : ""];
    cells.forEach(function (text, i) {
      var td = document.createElement("td");
      if (i === 1) {
        var n = document.createElement("span");
        n.className = "nama";
        n.textContent = d.nama;
        var k = document.createElement("span");
        k.className = "keadaan small d-block " + (e.keadaan === "ditolak" ? "text-danger" : "text-body-secondary");
        k.setAttribute("data-testid", "keadaan");
        k.textContent = keadaanText(e);
        td.appendChild(n);
        td.appendChild(k);
      } else {
        td.textContent = text || "";
      }
      tr.appendChild(td);
    });
    var tools = document.createElement("td");
    tools.colSpan = 3;
    tools.className = "text-end";
    if (e.keadaan === "ditolak") {
      tools.appendChild(button(T.perbaiki, "btn-outline-primary", "perbaiki", function () { perbaiki(e); }));
      tools.appendChild(button(T.buang, "btn-outline-danger ms-1", "buang", function () { buang(e); }));
    }
    tr.appendChild(tools);
    return tr;
  }
  function button(text, cls, testid, onclick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "btn btn-sm " + cls;
    b.textContent = text;
    b.setAttribute("data-testid", testid);
    b.addEventListener("click", onclick);
    return b;
  }
  function renderSaved(kunci, html) {
    var tpl = document.createElement("tbody");
    tpl.innerHTML = html.trim();
    var fresh = tpl.firstElementChild;
    var old = document.querySelector('tr[data-kunci="' + kunci + '"]');
    if (old) { old.replaceWith(fresh); } else { tbody().insertBefore(fresh, tbody().firstChild); }
    if (window.htmx) { htmx.process(fresh); }
  }
  function updateTotals(jumlah) {
    Object.keys(jumlah).forEach(function (id) {
      var el = document.querySelector('[data-testid="' + id + '"]');
      if (el) { el.textContent = jumlah[id]; }
    });
  }
  function unsent() {
    return Object.keys(rows).filter(function (k) { return rows[k].keadaan !== "ditolak"; }).length;
  }
  function updateBanner() {
    var n = unsent();
    var refused = Object.keys(rows).length - n;
    var parts = [];
    if (n) { parts.push(T.belum_terkirim.replace("%(n)s", n)); }
    if (refused) { parts.push(T.ada_ditolak.replace("%(n)s", refused)); }
    if (n && !navigator.onLine) { parts.push(T.tanpa_jaringan); }
    banner.textContent = parts.join(" ");
    banner.classList.toggle("d-none", !parts.length);
  }

  // --- the queue ------------------------------------------------------------------------------
  function readForm() {
    var data = { orang: orang.value, miskin: field("miskin").checked, disabilitas: field("disabilitas").checked };
    FIELDS.forEach(function (f) { data[f] = field(f).value; });
    return data;
  }
  function resetForm() {
    FIELDS.forEach(function (f) { field(f).value = ""; });
    field("miskin").checked = false;
    field("disabilitas").checked = false;
    unpick();
    clearSaran();
  }
  function tambah() {
    clearErrors();
    var data = readForm();
    var bad = check(data);
    if (bad) { showError(bad[0], bad[1]); return; }
    var e = { kunci: uuid(), pengguna: pengguna, pertemuan: pertemuan, url: form.action, data: data,
              keadaan: "menunggu", alasan: "", bidang: "", dibuat: Date.now() };
    rows[e.kunci] = e;
    resetForm();
    nama.focus();
    renderPending(e);
    updateBanner();
    simpanEntri(e).then(kirim, kirim);
  }

  function body(e) {
    var fd = new FormData();
    fd.append("csrfmiddlewaretoken", csrf());
    fd.append("baris-TOTAL_FORMS", "1");
    fd.append("baris-INITIAL_FORMS", "0");
    fd.append("baris-0-kunci", e.kunci);
    fd.append("pengguna", e.pengguna);
    Object.keys(e.data).forEach(function (f) {
      var v = e.data[f];
      if (v === true) { fd.append("baris-0-" + f, "ya"); }
      else if (v !== false && v !== "") { fd.append("baris-0-" + f, v); }
    });
    return fd;
  }
  function refuse(e, alasan, bidang) {
    e.keadaan = "ditolak";
    e.alasan = alasan;
    e.bidang = bidang || "nama";
    renderPending(e);
    return simpanEntri(e);
  }
  function freshToken() {
    return fetch(form.action, { credentials: "same-origin" }).then(function (r) { return r.text(); }).then(function (html) {
      var m = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(html);
      if (m) { form.querySelector("[name=csrfmiddlewaretoken]").value = m[1]; }
    });
  }
  function kirimSatu(e, retried) {
    e.keadaan = "mengirim";
    renderPending(e);
    return fetch(e.url, { method: "POST", body: body(e), credentials: "same-origin",
                          headers: { "Accept": "application/json" } }).then(function (r) {
      var json = (r.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (r.ok && json) {
        return r.json().then(function (answer) {
          delete rows[e.kunci];
          renderSaved(e.kunci, answer.baris);
          updateTotals(answer.jumlah);
          return hapusEntri(e.kunci);
        });
      }
      if (r.status === 400 && json) {
        return r.json().then(function (answer) {
          var bidang = Object.keys(answer.errors)[0];
          return refuse(e, answer.errors[bidang].join(" "), bidang);
        });
      }
      if (r.redirected && r.url.indexOf("/masuk/") >= 0) {
        e.keadaan = "menunggu";
        renderPending(e);
        banner.textContent = T.masuk_lagi;
        throw new Error("login");
      }
      if (r.status === 403 && !retried) { return freshToken().then(function () { return kirimSatu(e, true); }); }
      if (r.status === 403) { return refuse(e, T.tidak_berhak); }
      if (r.status === 404) { return refuse(e, T.tidak_ada); }
      throw new Error("server " + r.status);
    }, function (err) {
      e.keadaan = "menunggu";
      renderPending(e);
      throw err;
    });
  }
  function kirim() {
    if (sending) { return; }
    var next = Object.keys(rows).map(function (k) { return rows[k]; })
      .filter(function (e) { return e.keadaan === "menunggu"; })
      .sort(function (a, b) { return a.dibuat - b.dibuat; })[0];
    if (!next) { updateBanner(); return; }
    sending = true;
    kirimSatu(next).then(function () {
      sending = false;
      updateBanner();
      kirim();
    }, function () {
      sending = false;
      if (next.keadaan === "mengirim") { next.keadaan = "menunggu"; renderPending(next); }
      updateBanner();
    });
  }

  function perbaiki(e) {
    var filled = FIELDS.some(function (f) { return field(f).value; });
    if (filled && !window.confirm(T.ganti_isian)) { return; }
    resetForm();
    FIELDS.forEach(function (f) { field(f).value = e.data[f] || ""; });
    field("miskin").checked = !!e.data.miskin;
    field("disabilitas").checked = !!e.data.disabilitas;
    var alasan = e.alasan;
    var bidang = e.bidang;
    buang(e);
    showError(bidang, alasan);
  }
  function buang(e) {
    delete rows[e.kunci];
    var tr = document.querySelector('tr[data-kunci="' + e.kunci + '"]');
    if (tr) { tr.remove(); }
    updateBanner();
    return hapusEntri(e.kunci);
  }

  // --- keyboard and buttons ---------------------------------------------------------------------
  form.addEventListener("keydown", function (event) {
    if (event.altKey && /^[lLpP]$/.test(event.key)) {
      event.preventDefault();
      jk.value = event.key.toUpperCase();
      return;
    }
    if (event.key !== "Enter" || event.target.closest("#saran") || event.target.tagName === "BUTTON") { return; }
    event.preventDefault();
    tambah();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    tambah();
  });
  // a delete re-renders the saved list: the rows still queued go back on top of it
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "daftar") {
      Object.keys(rows).map(function (k) { return rows[k]; })
        .sort(function (a, b) { return a.dibuat - b.dibuat; }).forEach(renderPending);
    }
  });
  window.addEventListener("online", function () { updateBanner(); kirim(); });
  window.addEventListener("offline", updateBanner);
  window.setInterval(function () { if (unsent()) { kirim(); } }, 15000);
  window.addEventListener("beforeunload", function (event) {
    if (unsent()) {
      event.preventDefault();
      event.returnValue = T.belum_terkirim.replace("%(n)s", unsent());
    }
  });

  // rows left from an earlier visit: those of this user and meeting are shown and sent; a row
  // the server already has (its answer was lost) is dropped from the queue
  semuaEntri().then(function (all) {
    (all || []).forEach(function (e) {
      if (e.pengguna !== pengguna || e.pertemuan !== pertemuan) { return; }
      var saved = document.querySelector('tr[data-kunci="' + e.kunci + '"][data-keadaan="tersimpan"]');
      if (saved) { hapusEntri(e.kunci); return; }
      if (e.keadaan === "mengirim") { e.keadaan = "menunggu"; }
      rows[e.kunci] = e;
    });
    Object.keys(rows).map(function (k) { return rows[k]; })
      .sort(function (a, b) { return a.dibuat - b.dibuat; }).forEach(renderPending);
    updateBanner();
    kirim();
  });

  // this page and its files, kept by the service worker so that it reloads offline
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.ready.then(function (reg) {
      var urls = [location.href];
      document.querySelectorAll("script[src], link[rel=stylesheet][href], link[rel=manifest]").forEach(function (el) {
        urls.push(el.src || el.href);
      });
      if (reg.active) { reg.active.postMessage({ type: "simpan", urls: urls }); }
    });
  }
})();
