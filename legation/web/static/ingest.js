// The ingest page: once htmx has put the extracted events in place, move the focus to their heading, so a screen
// reader reads what was found (this replaces an inline handler, which the Content-Security-Policy forbids).
(function () {
  "use strict";
  document.body.addEventListener("htmx:afterSettle", function () {
    var heading = document.getElementById("found-h");
    if (heading) { heading.focus(); }
  });
})();
