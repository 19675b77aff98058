// /api/docs: Swagger UI over the OpenAPI document named by the page (a file, so the Content-Security-Policy can
// forbid inline script). No validator badge: it would send the document to a public service.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.openapi, dom_id: "#swagger-ui", validatorUrl: null, deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout"
  });
})();
