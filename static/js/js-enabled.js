// Tell the NHS.UK frontend styles that JavaScript runs here (their template does this inline; our CSP forbids that).
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " nhsuk-frontend-supported" : "");
