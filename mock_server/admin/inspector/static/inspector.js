// The inspector's only script: keeps a page live by short polling, never by a held stream.
// It asks the emulator whether anything changed (a cheap revision); only then it fetches the
// page again and swaps the regions marked data-live, keeping focus and anything being typed.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="inspector-revision"]');
  var indicator = document.getElementById("live");
  var POLL_MS = 500, HIDDEN_POLL_MS = 3000;

  function tickClock() {
    // A real clock runs between polls: move the shown time on locally, at the clock's speed.
    var clock = document.getElementById("emulator-now");
    if (!clock || clock.dataset.mode !== "real") { return; }
    if (!clock.dataset.since) { clock.dataset.since = String(Date.now()); }
    var base = Date.parse(clock.getAttribute("datetime"));
    var speed = parseFloat(clock.dataset.speed) || 1;
    var now = new Date(base + (Date.now() - Number(clock.dataset.since)) * speed);
    clock.textContent = now.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
  }

  function focusKey() {
    var el = document.activeElement;
    if (!el || el === document.body) { return null; }
    return el.id ? "#" + el.id : null;
  }

  function isEditing(region) {
    // Someone typing here, or a field changed and not sent yet: swapping would lose it.
    var el = document.activeElement;
    if (el && region.contains(el) && /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) { return true; }
    return Array.prototype.some.call(region.querySelectorAll("input, textarea, select"), function (f) {
      if (f.type === "hidden") { return false; }
      if (f.tagName === "SELECT") {
        return Array.prototype.some.call(f.options, function (o) { return o.selected !== o.defaultSelected; });
      }
      if (f.type === "checkbox" || f.type === "radio") { return f.checked !== f.defaultChecked; }
      return f.value !== f.defaultValue;
    });
  }

  function swap(doc) {
    var key = focusKey(), skipped = false;
    document.querySelectorAll("[data-live]").forEach(function (region) {
      var fresh = region.id && doc.getElementById(region.id);
      if (!fresh) { return; }
      if (isEditing(region)) { skipped = true; return; }
      region.innerHTML = fresh.innerHTML;
    });
    if (key) {
      var again = document.querySelector(key);
      if (again && again !== document.activeElement) { again.focus(); }
    }
    return !skipped;
  }

  function setState(text, offline) {
    if (!indicator) { return; }
    indicator.textContent = text;
    indicator.classList.toggle("offline", offline);
  }

  function refresh(next) {
    return fetch(window.location.href, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.querySelector('meta[name="inspector-revision"]');
        if (swap(doc)) { meta.content = fresh ? fresh.content : next; }
        document.dispatchEvent(new CustomEvent("inspector:updated"));
      });
  }

  function poll() {
    var url = meta.dataset.changes + "?since=" + encodeURIComponent(meta.content);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (body) {
        setState("live", false);
        return body.changed ? refresh(body.revision) : null;
      })
      .catch(function () { setState("offline: the emulator does not answer", true); })
      .then(function () {
        window.setTimeout(poll, document.hidden ? HIDDEN_POLL_MS : POLL_MS);
      });
  }

  // "/" puts the cursor in the search field, as in most list pages.
  document.addEventListener("keydown", function (event) {
    var search = document.getElementById("filter-q");
    var typing = /^(INPUT|SELECT|TEXTAREA)$/.test((document.activeElement || {}).tagName || "");
    if (event.key === "/" && search && !typing) { event.preventDefault(); search.focus(); }
  });

  window.setInterval(tickClock, 250);
  if (meta && window.fetch) { window.setTimeout(poll, POLL_MS); }
})();
