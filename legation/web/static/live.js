// The live feed in every page's header: alerts, level changes and overdue acknowledgements as they happen, from
// the server's event stream (/live/events), with the unread count. Every value is put in the page as text
// (textContent), never as HTML; a link is followed only when it is a path on this server.
(function () {
  "use strict";
  var root = document.getElementById("live");
  if (!root || !window.EventSource || !window.fetch) { return; }
  var toggle = document.getElementById("live-toggle");
  var panel = document.getElementById("live-panel");
  var list = document.getElementById("live-items");
  var empty = document.getElementById("live-empty");
  var badge = document.getElementById("live-unread");
  var state = document.getElementById("live-state");
  var announce = document.getElementById("live-announce");
  var form = document.getElementById("live-read");
  var KINDS = { level: "Level", alert: "Alert", overdue: "Overdue" };
  var shown = {};
  var newest = "";
  var started = false;  // items after the first unread count arrived as they happened: announce them

  function localPath(link) {
    return typeof link === "string" && link.charAt(0) === "/" && link.charAt(1) !== "/" && link.indexOf("\\") < 0;
  }

  function add(item) {
    if (!item || typeof item.id !== "string" || shown[item.id]) { return; }
    shown[item.id] = true;
    var li = document.createElement("li");
    li.className = "live-item" + (item.unread ? " unread" : "");
    li.dataset.kind = String(item.kind || "");
    li.dataset.id = item.id;
    var kind = document.createElement("span");
    kind.className = "live-kind";
    kind.textContent = KINDS[item.kind] || "Note";
    li.appendChild(kind);
    if (typeof item.level === "number" && item.level >= 1 && item.level <= 6) {
      var lv = document.createElement("span");
      lv.className = "level";
      lv.dataset.lv = String(item.level);
      lv.textContent = String(item.level);
      li.appendChild(lv);
      li.appendChild(document.createTextNode(" "));
    }
    var title = document.createElement(localPath(item.link) ? "a" : "span");
    if (title.tagName === "A") { title.href = item.link; }
    title.textContent = String(item.title || "");
    li.appendChild(title);
    var text = document.createElement("span");
    text.className = "muted";
    var at = String(item.at || "");
    text.textContent = String(item.text || "") + (at ? " · " + at.slice(0, 16).replace("T", " ") + " UTC" : "");
    li.appendChild(text);
    // newest first: an item goes above every item recorded before it
    var before = null;
    for (var node = list.firstChild; node; node = node.nextSibling) {
      if ((node.dataset.at || "") <= at) { before = node; break; }
    }
    li.dataset.at = at;
    list.insertBefore(li, before);
    empty.hidden = true;
    if (at > newest) { newest = at; }
    if (started) {
      announce.textContent = (KINDS[item.kind] || "") + ": " + String(item.title || "");
      // other scripts (the map, the board) may react to what just happened: htmx triggers such as
      // hx-trigger="legation:live from:body" refresh a part of the page
      document.body.dispatchEvent(new CustomEvent("legation:live", { detail: { kind: item.kind, id: item.id } }));
    }
  }

  function count(n, more) {
    badge.textContent = more ? n + "+" : String(n);
    badge.hidden = !n;
    badge.setAttribute("aria-label", (more ? "more than " + n : String(n)) + " unread");
    root.dataset.unread = String(n);
    if (!n) {
      var unread = list.querySelectorAll(".live-item.unread");
      for (var i = 0; i < unread.length; i++) { unread[i].classList.remove("unread"); }
    }
  }

  function parse(event) {
    try { return JSON.parse(event.data); } catch (err) { return null; }
  }

  var source = new EventSource("/live/events");
  source.addEventListener("open", function () { root.dataset.state = "open"; state.textContent = "live"; });
  source.addEventListener("error", function () {
    root.dataset.state = "reconnecting"; state.textContent = "reconnecting…";
  });
  source.addEventListener("item", function (event) { add(parse(event)); });
  source.addEventListener("unread", function (event) {
    var data = parse(event) || {};
    count(Number(data.unread) || 0, !!data.more);
    started = true;
    root.dataset.state = "live";  // the stream's first items and count are in place
  });
  source.addEventListener("signed-out", function () {
    source.close(); root.dataset.state = "closed"; state.textContent = "signed out";
  });

  toggle.addEventListener("click", function (event) {
    event.preventDefault();
    var open = panel.hidden;
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) {
      panel.hidden = true; toggle.setAttribute("aria-expanded", "false"); toggle.focus();
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    form.elements.until.value = newest;
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin",
                         headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { if (response.ok) { count(0, false); } });
  });
})();
