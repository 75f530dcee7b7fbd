/* sphinx-exerkine: definitions of glossary terms on hover and keyboard focus. */
(function () {
  "use strict";

  var tooltip = null;
  var current = null;

  function ensureTooltip() {
    if (tooltip === null) {
      tooltip = document.createElement("div");
      tooltip.className = "exerkine-tooltip";
      tooltip.id = "exerkine-tooltip";
      tooltip.setAttribute("role", "tooltip");
      tooltip.hidden = true;
      document.body.appendChild(tooltip);
    }
    return tooltip;
  }

  function show(term) {
    var tip = ensureTooltip();
    current = term;
    // textContent: the definition is shown as text, never interpreted as markup
    tip.textContent = term.getAttribute("data-exerkine-tip");
    tip.hidden = false;
    tip.classList.add("exerkine-tooltip-visible");
    var box = term.getBoundingClientRect();
    var width = Math.min(tip.offsetWidth, document.documentElement.clientWidth - 16);
    var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    var top = box.bottom + 6;
    if (top + tip.offsetHeight > document.documentElement.clientHeight && box.top > tip.offsetHeight + 6) {
      top = box.top - tip.offsetHeight - 6;
    }
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = top + window.scrollY + "px";
  }

  function hide(term) {
    if (tooltip !== null && (term === undefined || term === current)) {
      tooltip.hidden = true;
      tooltip.classList.remove("exerkine-tooltip-visible");
      current = null;
    }
  }

  function init() {
    document.documentElement.classList.add("exerkine-js");
    var terms = document.querySelectorAll(".exerkine-term[title]");
    Array.prototype.forEach.call(terms, function (term) {
      // the definition comes as the title; kept as data so that the browser's own tooltip stays away
      term.setAttribute("data-exerkine-tip", term.getAttribute("title"));
      term.removeAttribute("title");
      // the term is a link, or text when its entry is rendered nowhere
      var focusable = term.closest("a[href]");
      if (focusable === null) {
        term.tabIndex = 0;
        focusable = term;
      }
      focusable.setAttribute("aria-describedby", "exerkine-tooltip");
      focusable.addEventListener("mouseenter", function () { show(term); });
      focusable.addEventListener("mouseleave", function () { hide(term); });
      focusable.addEventListener("focusin", function () { show(term); });
      focusable.addEventListener("focusout", function () { hide(term); });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        hide();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
