// The operations map: country shapes (offline) or tiles, sites by level with radius rings, clustered events.
// Data comes inline from the page (#map-data). body[data-map-ready] is set once the base map and every site with
// its ring are drawn and the map pans, zooms and opens sites (usable); the events then stream into the clusters by
// chunks, so the page never freezes, and body[data-events-ready] is set once every event is clustered and the
// slider and type boxes answer. window.legationTimes holds both moments (performance.now()).
// Every value from the data reaches the page as text: tooltips and icons are DOM nodes built with textContent,
// and an event's details (escaped by the server) are parsed inert and handed to Leaflet as a node, never as an
// HTML string.
(function () {
  "use strict";
  var T0 = performance.now(); function lap(n) { if (window.LEGATION_TIMING) console.log(n, Math.round(performance.now() - T0)); }
  var data = JSON.parse(document.getElementById("map-data").textContent);
  function textNode(tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    el.textContent = text;
    return el;
  }
  var controls = document.getElementById("map-controls");
  if (controls) { controls.addEventListener("submit", function (e) { e.preventDefault(); }); }
  lap("parsed");
  var map = L.map("map", { zoomControl: true, minZoom: 3, maxZoom: 17, worldCopyJump: true, keyboard: true });
  map.attributionControl.setPrefix(false);
  var pending = 1;
  var canvas = L.canvas({ padding: 0.2 });  // country shapes and rings: many paths, no events needed

  window.legationTimes = {};
  function done() {
    pending -= 1;
    if (pending === 0) {
      window.legationTimes.usable = performance.now();
      document.body.dataset.mapReady = "1";
      setTimeout(startEvents, 0);  // let the usable map paint first
    }
  }
  function eventsDone() {
    lap("clustered");
    window.legationTimes.events = performance.now();
    document.body.dataset.eventsReady = "1";
  }

  if (data.tile_url) {
    L.tileLayer(data.tile_url, { maxZoom: 18 }).addTo(map);
  }
  pending += 1;
  fetch("/static/web/vendor/countries-110m.json", { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (topo) {
    var shapes = topojson.feature(topo, topo.objects.countries);
    var layer = L.geoJSON(shapes, {
      interactive: false, renderer: canvas,
      style: { color: "#8c96a0", weight: 0.8, fillColor: "#e9ecef", fillOpacity: data.tile_url ? 0 : 1 }
    }).addTo(map);
    layer.bringToBack();
    lap("countries");
  }).catch(function () {
    document.getElementById("map").classList.add("no-base");
  }).then(done);

  // Sites: a ring for the watch radius, a dot in the level's colour; clicking opens the site page.
  map.createPane("sites").style.zIndex = 650;  // above the event clusters (600): a site is never hidden
  var rings = L.layerGroup().addTo(map);
  var siteLayer = L.layerGroup().addTo(map);
  var bounds = [];
  data.sites.slice().reverse().forEach(function (s) {  // highest levels drawn last, on top
    rings.addLayer(L.circle([s.lat, s.lon], {
      radius: s.radius_km * 1000, color: s.colour, weight: 1, fill: false, dashArray: "4 4",
      interactive: false, renderer: canvas
    }));
    var dot = L.circleMarker([s.lat, s.lon], {
      radius: 8, color: "#111", weight: 1.5, fillColor: s.colour, fillOpacity: 0.95,
      className: "site level-" + s.level, pane: "sites"
    });
    dot.bindTooltip(textNode("span", "site-tip", s.name + " — " +
      (s.level ? "level " + s.level + " " + s.level_name : s.level_name)));
    dot.on("click", function () { window.location.href = "/site/" + encodeURIComponent(s.id); });
    dot.on("add", function () {
      var el = dot.getElement();
      if (el) { el.setAttribute("data-site", s.id); el.setAttribute("data-level", s.level); }
    });
    siteLayer.addLayer(dot);
    bounds.push([s.lat, s.lon]);
  });
  lap("sites");
  L.control.scale({ imperial: false }).addTo(map);
  if (bounds.length) {
    map.fitBounds(bounds, { padding: [30, 30], maxZoom: 11 });
  } else {
    map.setView([30, 40], 3);
  }
  document.getElementById("rings").addEventListener("change", function (e) {
    if (e.target.checked) { rings.addTo(map); } else { map.removeLayer(rings); }
  });

  // Events: one small lettered marker per event, clustered; the slider and type boxes filter them.
  function startEvents() {
    var clusters = L.markerClusterGroup({
      chunkedLoading: true, chunkProgress: function (doneCount, total) { if (doneCount >= total) { eventsDone(); } },
      maxClusterRadius: 45, disableClusteringAtZoom: 14, showCoverageOnHover: false });
    map.addLayer(clusters);
    // One icon per event type: a letter in the type's colour (a class from /web/colours.css), built as DOM.
    var TypeIcon = L.DivIcon.extend({
      createIcon: function (old) {
        var div = L.DivIcon.prototype.createIcon.call(this, old);
        div.textContent = "";
        div.appendChild(textNode("span", "ty-" + this.options.eventType, this.options.eventType.charAt(0)));
        return div;
      }
    });
    var icons = {};
    function icon(type) {
      if (!icons[type]) {
        icons[type] = new TypeIcon({ className: "ev", iconSize: [18, 18], html: "", eventType: String(type) });
      }
      return icons[type];
    }
    var markers = data.events.map(function (row) {
      var m = L.marker([row[0], row[1]], { icon: icon(row[2]), title: row[2], keyboard: false });
      m.day = row[3]; m.type = row[2]; m.eventId = row[4];
      return m;
    });
    clusters.on("click", function (e) {
      var m = e.layer;
      fetch("/map/event/" + encodeURIComponent(m.eventId), { credentials: "same-origin" })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          // DOMParser builds an inert document (no script runs, no image loads); only its nodes are shown
          var doc = new DOMParser().parseFromString(html, "text/html");
          var box = document.createElement("div");
          Array.prototype.slice.call(doc.body.childNodes).forEach(function (n) { box.appendChild(document.adoptNode(n)); });
          m.bindPopup(box).openPopup();
        });
    });

    var slider = document.getElementById("days");
    var out = document.getElementById("days-out");
    var count = document.getElementById("event-count");
    function shownTypes() {
      var on = {};
      document.querySelectorAll("input[name=type]").forEach(function (box) { on[box.value] = box.checked; });
      return on;
    }
    var shown = [];
    function filter() {  // only the difference goes in and out of the clusters, so the slider stays quick
      var days = parseInt(slider.value, 10), on = shownTypes();
      out.textContent = days;
      var keep = markers.filter(function (m) { return m.day < days && on[m.type] !== false; });
      var wanted = new Set(keep), had = new Set(shown);
      var add = keep.filter(function (m) { return !had.has(m); });
      delete document.body.dataset.eventsReady;
      clusters.removeLayers(shown.filter(function (m) { return !wanted.has(m); }));
      shown = keep;
      if (add.length) { clusters.addLayers(add); } else { eventsDone(); }
      count.textContent = keep.length;
    }
    slider.addEventListener("input", filter);
    document.querySelectorAll("input[name=type]").forEach(function (box) { box.addEventListener("change", filter); });
    lap("markers");
    filter();
  }
  done();
})();
