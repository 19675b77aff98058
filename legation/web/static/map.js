// The operations map: country shapes and place names (offline) or tiles, sites by level with radius rings,
// clustered events, a time slider that says which dates it shows, and a site's details beside the map on click.
// The page carries a little configuration inline (#map-data); the sites and events come from /map/points (one
// compact answer the browser keeps and revalidates with its ETag). body[data-map-ready] is set once the base map
// and every site with its ring are drawn and a site opens on click (usable); the events then stream into the
// clusters by chunks, so the page never freezes, and body[data-events-ready] is set once every event is clustered
// and the slider and type boxes answer. window.legationTimes holds both moments (performance.now()).
// Every value from the data reaches the page as text: tooltips, labels and icons are DOM nodes built with
// textContent, and the server's fragments (escaped by its templates) are parsed inert and adopted as nodes, never
// assigned as an HTML string.
(function () {
  "use strict";
  var T0 = performance.now(); function lap(n) { if (window.LEGATION_TIMING) console.log(n, Math.round(performance.now() - T0)); }
  var config = JSON.parse(document.getElementById("map-data").textContent);
  var DAY_MS = 86400000;
  var asOf = Date.parse(config.as_of + "T00:00:00Z");
  function isoDay(daysBefore) { return new Date(asOf - daysBefore * DAY_MS).toISOString().slice(0, 10); }
  function textNode(tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    el.textContent = text;
    return el;
  }
  function inertNodes(html, into) {  // DOMParser builds an inert document: no script runs, no image loads
    var doc = new DOMParser().parseFromString(html, "text/html");
    into.textContent = "";
    Array.prototype.slice.call(doc.body.childNodes).forEach(function (n) { into.appendChild(document.adoptNode(n)); });
    return into;
  }
  var controls = document.getElementById("map-controls");
  if (controls) { controls.addEventListener("submit", function (e) { e.preventDefault(); }); }
  var legend = document.getElementById("legend");
  if (legend && window.matchMedia("(max-width: 700px)").matches) { legend.open = false; }  // a phone: folded

  // The slider's dates: "the last N days" is from (as-of - N + 1) to the as-of day.
  var slider = document.getElementById("days");
  var daysOut = document.getElementById("days-out");
  function showDates() {
    var days = parseInt(slider.value, 10);
    var from = isoDay(days - 1), to = isoDay(0);
    daysOut.textContent = days;
    var fromEl = document.getElementById("days-from"), toEl = document.getElementById("days-to");
    fromEl.textContent = from; fromEl.setAttribute("datetime", from);
    toEl.textContent = to; toEl.setAttribute("datetime", to);
    slider.setAttribute("aria-valuetext", days + " days, " + from + " to " + to);
  }
  slider.addEventListener("input", showDates);
  showDates();

  lap("parsed");
  var map = L.map("map", { zoomControl: true, minZoom: 3, maxZoom: 17, worldCopyJump: true, keyboard: true });
  map.attributionControl.setPrefix(false);
  var pending = 1;
  var canvas = L.canvas({ padding: 0.2 });  // country shapes and rings: many paths, no events needed

  window.legationTimes = {};
  var points = null;
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

  if (config.tile_url) {
    L.tileLayer(config.tile_url, { maxZoom: 18 }).addTo(map);
  }
  pending += 1;
  fetch("/static/web/vendor/countries-110m.json", { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (topo) {
    var shapes = topojson.feature(topo, topo.objects.countries);
    var layer = L.geoJSON(shapes, {
      interactive: false, renderer: canvas,
      style: { color: "#8c96a0", weight: 0.8, fillColor: "#e9ecef", fillOpacity: config.tile_url ? 0 : 1 }
    }).addTo(map);
    layer.bringToBack();
    lap("countries");
  }).catch(function () {
    document.getElementById("map").classList.add("no-base");
  }).then(done);

  // Place names from the gazetteer, when there is no tile server to name them: the capitals and big cities in
  // view, each from the zoom at which it no longer crowds the map.
  var labelsBox = document.getElementById("labels");
  if (!config.tile_url && config.places) {
    map.createPane("labels").style.zIndex = 450;  // above the shapes and rings, below events and sites
    map.getPane("labels").style.pointerEvents = "none";
    var LabelIcon = L.DivIcon.extend({
      createIcon: function (old) {
        var div = L.DivIcon.prototype.createIcon.call(this, old);
        div.textContent = "";
        div.appendChild(textNode("span", this.options.capital ? "capital" : "", this.options.label));
        return div;
      }
    });
    var labelLayer = L.layerGroup().addTo(map);
    var places = [];
    var MAX_LABELS = 150;
    var drawLabels = function () {
      labelLayer.clearLayers();
      if (labelsBox && !labelsBox.checked) { return; }
      var zoom = map.getZoom(), view = map.getBounds().pad(0.1), n = 0;
      for (var i = 0; i < places.length && n < MAX_LABELS; i += 1) {
        var p = places[i];
        if (p[3] > zoom || !view.contains([p[1], p[2]])) { continue; }
        labelLayer.addLayer(L.marker([p[1], p[2]], {
          pane: "labels", interactive: false, keyboard: false,
          icon: new LabelIcon({ className: "place-label", iconSize: null, html: "", label: String(p[0]), capital: p[3] <= 3 })
        }));
        n += 1;
      }
    };
    fetch(config.places, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (rows) {
      places = rows;
      drawLabels();
      map.on("moveend", drawLabels);
      if (labelsBox) { labelsBox.addEventListener("change", drawLabels); }
      document.body.dataset.labelsReady = "1";
    }).catch(function () { /* no labels: the map still works */ });
  } else if (labelsBox) {
    labelsBox.closest("label").hidden = true;  // the tiles name the places
  }

  // Sites: a ring for the watch radius, a dot in the level's colour; clicking one shows its details beside the map.
  map.createPane("sites").style.zIndex = 650;  // above the event clusters (600): a site is never hidden
  var rings = L.layerGroup().addTo(map);
  var chosenRings = L.layerGroup().addTo(map);
  var siteLayer = L.layerGroup().addTo(map);
  var sitesById = {};
  var details = document.getElementById("site-details");
  var FRAGMENT = { "HX-Request": "true" };  // an error comes back as a short fragment, not a whole page
  var chosen = null;
  function closeDetails() {
    details.hidden = true; chosenRings.clearLayers();
    var back = chosen && document.querySelector(".show-site[data-site='" + CSS.escape(chosen.id) + "']");
    chosen = null;
    if (back) { back.focus(); }
  }
  details.addEventListener("keydown", function (e) { if (e.key === "Escape") { closeDetails(); } });

  function choose(s, focusPanel) {
    chosen = s;
    chosenRings.clearLayers();
    var ring = L.circle([s.lat, s.lon], { radius: s.radius_km * 1000, color: "#111", weight: 3, fill: false,
                                           interactive: false, className: "chosen-ring" });
    chosenRings.addLayer(ring);
    var outer = null;
    if (s.scope_km && s.scope_km > s.radius_km) {
      outer = L.circle([s.lat, s.lon], { radius: s.scope_km * 1000, color: "#111", weight: 2, dashArray: "8 6",
                                         fill: false, interactive: false, className: "chosen-ring scope-ring" });
      chosenRings.addLayer(outer);
    }
    map.fitBounds((outer || ring).getBounds(), { padding: [20, 20], maxZoom: 13 });
    details.hidden = false;
    details.setAttribute("aria-busy", "true");
    details.textContent = "";
    details.appendChild(textNode("p", "muted", "Loading " + s.name + "…"));
    fetch("/map/site/" + encodeURIComponent(s.id), { credentials: "same-origin", headers: FRAGMENT })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        inertNodes(html, details);
        details.removeAttribute("aria-busy");
        var close = details.querySelector(".close-site");
        if (close) { close.addEventListener("click", closeDetails); }
        document.body.dataset.siteShown = s.id;
        if (focusPanel) { details.focus(); }
        details.scrollIntoView({ block: "nearest" });
      });
  }

  function drawSites(sites, keepView) {
    var bounds = [];
    sites.slice().reverse().forEach(function (s) {  // highest levels drawn last, on top
      sitesById[s.id] = s;
      rings.addLayer(L.circle([s.lat, s.lon], {
        radius: s.radius_km * 1000, color: s.colour, weight: 1, fill: false, dashArray: "4 4",
        interactive: false, renderer: canvas
      }));
      var level = s.level || 0;
      var dot = L.circleMarker([s.lat, s.lon], {
        radius: 8, color: "#111", weight: 1.5, fillColor: s.colour, fillOpacity: 0.95,
        className: "site level-" + level, pane: "sites"
      });
      dot.bindTooltip(textNode("span", "site-tip", s.name + " — " +
        (s.level ? "level " + s.level + " " + s.level_name : s.reason || s.level_name)));
      dot.on("click", function () { choose(s, false); });
      dot.on("add", function () {
        var el = dot.getElement();
        if (el) { el.setAttribute("data-site", s.id); el.setAttribute("data-level", level); }
      });
      siteLayer.addLayer(dot);
      bounds.push([s.lat, s.lon]);
    });
    lap("sites");
    if (keepView) {
      return;
    }
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 11 });
    } else {
      map.setView([30, 40], 3);
    }
  }
  L.control.scale({ imperial: false }).addTo(map);
  document.getElementById("rings").addEventListener("change", function (e) {
    if (e.target.checked) { rings.addTo(map); } else { map.removeLayer(rings); }
  });
  // The list beside the map: the highest levels first (config.listed of them, or all), built as DOM from text.
  function buildList(sites) {
    var body = document.getElementById("site-rows"), rows = document.createDocumentFragment();
    var listed = config.listed ? sites.slice(0, config.listed) : sites;
    document.getElementById("site-count").textContent = sites.length;
    listed.forEach(function (s) {
      var level = s.level || 0;
      var tr = document.createElement("tr");
      tr.setAttribute("data-site", s.id); tr.setAttribute("data-level", level);
      var name = document.createElement("td");
      var link = textNode("a", "", s.name);
      link.href = "/site/" + encodeURIComponent(s.id);
      name.appendChild(link);
      name.appendChild(document.createElement("br"));
      name.appendChild(textNode("span", "muted", (s.city || "") + " · " + s.state));
      var show = textNode("button", "show-site secondary", "On map");
      show.type = "button";
      show.setAttribute("data-site", s.id);
      show.setAttribute("aria-label", "Show " + s.name + " on the map");
      show.addEventListener("click", function () { choose(s, true); });
      name.appendChild(document.createTextNode(" "));
      name.appendChild(show);
      var lv = document.createElement("td");
      var chip = textNode("span", "level", s.level ? String(s.level) : "–");
      chip.setAttribute("data-lv", level); chip.title = s.level_name;
      lv.appendChild(chip);
      if (s.probability !== null && s.probability !== undefined) {
        lv.appendChild(document.createTextNode(" "));
        lv.appendChild(textNode("span", "muted", Math.round(s.probability * 100) + "%"));
      }
      if (s.reason) {
        lv.appendChild(document.createElement("br"));
        lv.appendChild(textNode("span", "muted reason", s.reason));
      }
      tr.appendChild(name); tr.appendChild(lv);
      rows.appendChild(tr);
    });
    if (!sites.length) {
      var none = document.createElement("tr"), cell = textNode("td", "", "No site is visible to you.");
      cell.colSpan = 2; none.appendChild(cell); rows.appendChild(none);
    }
    body.textContent = "";
    body.appendChild(rows);
    if (listed.length < sites.length) {
      document.getElementById("site-listed").textContent = listed.length;
      document.getElementById("site-total").textContent = sites.length;
      document.getElementById("site-more").hidden = false;
    }
  }

  pending += 1;
  fetch(config.points, { credentials: "same-origin" }).then(function (r) {
    if (!r.ok) { throw new Error("the map's data did not load (" + r.status + ")"); }
    return r.json();
  }).then(function (data) {
    lap("points");
    points = data;
    drawSites(data.sites);
    buildList(data.sites);
  }).catch(function (err) {
    var note = textNode("p", "error", String(err.message || err));
    note.setAttribute("role", "alert");
    document.querySelector(".side h1").after(note);
    points = null;
  }).then(done);

  // Live: when the feed (live.js) hears of a level change, an alert or anything else it shows, the sites are read
  // again (a 304 when nothing they show changed) and redrawn where the user left the map.
  var refreshing = null;
  document.body.addEventListener("legation:live", function () {
    if (refreshing) { return; }
    refreshing = setTimeout(function () {
      refreshing = null;
      fetch(config.points, { credentials: "same-origin", cache: "no-cache" }).then(function (r) {
        if (!r.ok) { throw new Error(String(r.status)); }
        return r.json();
      }).then(function (data) {
        siteLayer.clearLayers();
        rings.clearLayers();
        drawSites(data.sites, true);
        buildList(data.sites);
        document.body.dataset.sitesRead = String(Number(document.body.dataset.sitesRead || 0) + 1);
      }).catch(function () { /* the map keeps what it shows; the next change tries again */ });
    }, 500);
  });

  // Events: one small lettered marker per event, clustered; the slider and type boxes filter them.
  function startEvents() {
    var count = document.getElementById("event-count");
    if (!points) { count.textContent = "0"; eventsDone(); return; }
    var ev = points.events, types = points.types;
    var box = document.getElementById("types");
    var empty = document.getElementById("types-empty");
    if (types.length) { empty.remove(); } else { empty.textContent = "No located events in this window."; }
    types.forEach(function (t) {  // one box per type, built as DOM (the type is text)
      var label = document.createElement("label");
      label.className = "check";
      var input = document.createElement("input");
      input.type = "checkbox"; input.name = "type"; input.value = t; input.checked = true;
      label.appendChild(input);
      label.appendChild(document.createTextNode(" "));
      label.appendChild(textNode("span", "chip ty-" + t, t));
      box.appendChild(label);
    });
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
    var icons = types.map(function (t) {
      return new TypeIcon({ className: "ev", iconSize: [18, 18], html: "", eventType: String(t) });
    });
    var markers = new Array(ev.n), pk = 0, made = 0;
    function makeMarkers() {  // by chunks, so a click on a site is answered at once while they are made
      var stop = Math.min(ev.n, made + 5000);
      for (; made < stop; made += 1) {
        pk += ev.pk[made];
        var kind = types[ev.type[made]];
        var m = L.marker([ev.lat[made] / 10000, ev.lon[made] / 10000], { icon: icons[ev.type[made]], title: kind, keyboard: false });
        m.day = ev.day[made]; m.type = kind; m.eventId = pk;
        markers[made] = m;
      }
      if (made < ev.n) { setTimeout(makeMarkers, 0); return; }
      lap("markers");
      slider.addEventListener("input", filter);
      document.querySelectorAll("input[name=type]").forEach(function (b) { b.addEventListener("change", filter); });
      filter();
    }
    clusters.on("click", function (e) {
      var m = e.layer;
      fetch("/map/event/" + m.eventId, { credentials: "same-origin", headers: FRAGMENT })
        .then(function (r) { return r.text(); })
        .then(function (html) { m.bindPopup(inertNodes(html, document.createElement("div"))).openPopup(); });
    });

    function shownTypes() {
      var on = {};
      document.querySelectorAll("input[name=type]").forEach(function (b) { on[b.value] = b.checked; });
      return on;
    }
    var shown = [];
    function filter() {  // only the difference goes in and out of the clusters, so the slider stays quick
      var days = parseInt(slider.value, 10), on = shownTypes();
      var keep = markers.filter(function (mk) { return mk.day < days && on[mk.type] !== false; });
      var wanted = new Set(keep), had = new Set(shown);
      var add = keep.filter(function (mk) { return !had.has(mk); });
      delete document.body.dataset.eventsReady;
      clusters.removeLayers(shown.filter(function (mk) { return !wanted.has(mk); }));
      shown = keep;
      if (add.length) { clusters.addLayers(add); } else { eventsDone(); }
      count.textContent = keep.length;
    }
    makeMarkers();
  }
  done();
})();
