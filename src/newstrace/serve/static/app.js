// Light behaviour for the server-rendered pages: zoom the timeline chart and
// mark the sentence an Evidence link points at. No markup is built from data here.
"use strict";
(function () {
  function zoom(box, factor) {
    var svg = box.querySelector("svg.chart");
    if (!svg) { return; }
    var full = Number(svg.getAttribute("data-width"));
    var vb = svg.viewBox.baseVal;
    if (factor === 0) { vb.x = 0; vb.width = full; return; }
    var centre = vb.x + vb.width / 2;
    var width = Math.min(full, Math.max(full / 16, vb.width / factor));
    vb.width = width;
    vb.x = Math.max(0, Math.min(full - width, centre - width / 2));
  }
  document.querySelectorAll(".zoom button").forEach(function (button) {
    button.addEventListener("click", function () {
      var box = document.getElementById(button.parentElement.getAttribute("data-target"));
      var how = button.getAttribute("data-zoom");
      zoom(box, how === "in" ? 2 : how === "out" ? 0.5 : 0);
    });
  });
  document.querySelectorAll(".chart-box").forEach(function (box) {
    box.addEventListener("wheel", function (event) {
      if (!event.ctrlKey) { return; }
      event.preventDefault();
      zoom(box, event.deltaY < 0 ? 1.25 : 0.8);
    }, { passive: false });
  });
  function markTarget() {
    document.querySelectorAll(".sentence.target").forEach(function (el) { el.classList.remove("target"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) { return; }
    var anchor = document.getElementById(id);
    if (anchor && anchor.parentElement && anchor.parentElement.classList.contains("sentence")) {
      anchor.parentElement.classList.add("target");
      anchor.parentElement.scrollIntoView({ block: "center" });
    }
  }
  window.addEventListener("hashchange", markTarget);
  markTarget();
}());
