// Keep a progress region up to date while a background task runs, without reloading the whole page.
// Without JavaScript the page offers a "Check progress" link instead.
(function () {
  "use strict";
  var region = document.querySelector("[data-progress][data-running]");
  if (!region || !window.fetch || !window.DOMParser) {
    return;
  }
  function poll() {
    window.fetch(window.location.href, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var next = new window.DOMParser().parseFromString(html, "text/html").querySelector("[data-progress]");
        if (!next) {
          return;
        }
        if (!next.hasAttribute("data-running")) {
          window.location.reload();
          return;
        }
        region.innerHTML = next.innerHTML;
        window.setTimeout(poll, 3000);
      })
      .catch(function () { window.setTimeout(poll, 10000); });
  }
  window.setTimeout(poll, 3000);
})();
