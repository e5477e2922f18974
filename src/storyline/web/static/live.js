// storyline: keep a served page current. Served by storyline itself; the only script the
// page runs. It listens to the server's "revision" events and, when the store has changed,
// re-fetches this same page (a 304 when nothing on it changed) and swaps in its <main>.
// Everything in the fetched page was escaped by the server's templates; nothing here builds
// HTML from strings.
(function () {
  "use strict";
  var status = document.getElementById("live");
  if (!status || !window.EventSource || !window.fetch || !window.DOMParser) {
    return;
  }
  var revision = status.getAttribute("data-revision");
  var etag = null;
  var busy = false;
  var again = false;
  var updated = null;
  var retry = null;

  function say(text, ok) {
    status.textContent = text;
    status.className = "live " + (ok ? "on" : "off");
  }

  function swap(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.getElementById("story");
    var old = document.getElementById("story");
    if (!fresh || !old) {
      return false;
    }
    var known = {};
    old.querySelectorAll("[id^='a-']").forEach(function (el) {
      known[el.id] = true;
    });
    fresh = document.importNode(fresh, true);
    fresh.querySelectorAll("ol.coverage li[id^='a-']").forEach(function (el) {
      if (!known[el.id]) {
        el.classList.add("new");
      }
    });
    old.replaceWith(fresh);
    if (doc.title) {
      document.title = doc.title;
    }
    return true;
  }

  function refresh() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    var headers = etag ? { "If-None-Match": etag } : {};
    fetch(window.location.pathname, { headers: headers, cache: "no-store" })
      .then(function (response) {
        // An answer built at an older revision is being rebuilt: look again shortly.
        var built = response.headers.get("X-Storyline-Revision");
        if (built && built !== revision && retry === null) {
          retry = window.setTimeout(function () {
            retry = null;
            refresh();
          }, 1000);
        }
        if (response.status === 304) {
          return null;
        }
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        etag = response.headers.get("ETag");
        return response.text();
      })
      .then(function (html) {
        if (html !== null && swap(html)) {
          updated = new Date().toLocaleTimeString();
        }
        say(updated ? "updated " + updated : "live", true);
      })
      .catch(function () {
        say("update failed; will retry", false);
      })
      .then(function () {
        busy = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  }

  var source = new EventSource(status.getAttribute("data-events"));
  source.addEventListener("revision", function (event) {
    if (event.data !== revision) {
      revision = event.data;
      refresh();
    } else if (!busy) {
      say(updated ? "updated " + updated : "live", true);
    }
  });
  source.onerror = function () {
    say("reconnecting…", false);
  };
})();
