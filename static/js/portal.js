// Portal behaviour that must not be inline (the CSP forbids inline scripts).
(function () {
  "use strict";
  // Send the CSRF token with every htmx request.
  document.body.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) { event.detail.headers["X-CSRFToken"] = token.value; }
  });
  // Forms marked data-confirm ask before they are sent (captured first, so a cancelled
  // form is not marked as working below).
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
  // Buttons marked data-working show that a long action is running.
  document.addEventListener("submit", function (event) {
    var button = event.target.querySelector("[data-working]");
    if (button) {
      button.disabled = true;
      button.textContent = button.getAttribute("data-working");
    }
  });
  // A table or chart wider than its box scrolls inside it: make that box reachable by keyboard.
  function focusableScrollers(root) {
    root.querySelectorAll(".table-responsive, .grafik-gulir").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) {
        box.setAttribute("tabindex", "0");
      } else if (box.getAttribute("tabindex") === "0") {
        box.removeAttribute("tabindex");
      }
    });
  }
  focusableScrollers(document);
  window.addEventListener("resize", function () { focusableScrollers(document); });
  document.body.addEventListener("htmx:afterSettle", function () { focusableScrollers(document); });
})();
