// Draws each SPC chart from the figure JSON embedded beside it in <script type="application/json">.
// Without JavaScript (or when plotly.js fails to load) the data table under the chart stands alone.
(function () {
  "use strict";

  function draw(container) {
    var source = document.getElementById(container.getAttribute("data-spc-figure"));
    if (!source || !window.Plotly) {
      return;
    }
    var figure = JSON.parse(source.textContent);
    container.hidden = false;
    window.Plotly.newPlot(container, figure.data, figure.layout, figure.config).then(function () {
      container.setAttribute("data-spc-drawn", "true");
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-spc-figure]"), draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
