// BLM forms: the reason field is needed only when a request or an LPJ is returned.
(function () {
  "use strict";
  function toggle(form) {
    var choice = form.querySelector("input[name=keputusan]:checked");
    var alasan = form.querySelector("#div_id_alasan");
    if (!alasan) { return; }
    alasan.hidden = !choice || choice.value !== "kembalikan";
  }
  document.querySelectorAll("form").forEach(function (form) {
    if (!form.querySelector("input[name=keputusan]")) { return; }
    toggle(form);
    form.addEventListener("change", function () { toggle(form); });
  });
})();
