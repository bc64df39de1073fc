// Draw each dashboard chart from its stored plotly JSON when plotly.js is on the page.
// Without it (or without JavaScript) the data table under each chart is what people read.
(function () {
  "use strict";
  function draw() {
    if (typeof window.Plotly === "undefined") {
      return;
    }
    document.querySelectorAll("[data-figure]").forEach(function (element) {
      var source = document.getElementById(element.getAttribute("data-figure"));
      if (!source) {
        return;
      }
      try {
        var figure = JSON.parse(source.textContent);
        element.classList.add("governance-chart__figure--drawn");
        window.Plotly.newPlot(element, figure.data || [], figure.layout || {}, {
          responsive: true,
          displaylogo: false
        });
      } catch (error) {
        element.classList.remove("governance-chart__figure--drawn");
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
