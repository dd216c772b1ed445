// Lokakarya form: add speaker rows without reloading (the formset's TOTAL_FORMS is kept in step).
(function () {
  "use strict";
  var button = document.getElementById("tambah-narasumber");
  var total = document.getElementById("id_narasumber-TOTAL_FORMS");
  var body = document.querySelector("[data-testid=narasumber-form] tbody");
  if (!button || !total || !body) { return; }
  button.addEventListener("click", function () {
    var rows = body.querySelectorAll("tr");
    var last = rows[rows.length - 1];
    var index = parseInt(total.value, 10);
    var max = parseInt(document.getElementById("id_narasumber-MAX_NUM_FORMS").value, 10);
    if (!last || index >= max) { return; }
    var copy = last.cloneNode(true);
    copy.querySelectorAll("input, textarea, select").forEach(function (el) {
      ["name", "id"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value) { el.setAttribute(attr, value.replace(/narasumber-\d+-/, "narasumber-" + index + "-")); }
      });
      el.value = "";
    });
    copy.querySelectorAll("label[for]").forEach(function (label) {
      label.setAttribute("for", label.getAttribute("for").replace(/narasumber-\d+-/, "narasumber-" + index + "-"));
    });
    copy.querySelectorAll(".text-danger").forEach(function (el) { el.remove(); });
    body.appendChild(copy);
    total.value = index + 1;
    var first = copy.querySelector("input");
    if (first) {
      first.focus();
      first.scrollIntoView({ block: "center" });
    }
  });
})();
