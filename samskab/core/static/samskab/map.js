// The one map of the site (samskab/core/maps.py): a page's results as markers, on the
// vendored Leaflet. Every element with class "samskab-map" becomes a map, configured by
// its data attributes (no inline script, for the Content-Security-Policy):
//
//   data-map-settings  id of a JSON island (json_script): tileUrl, attribution, towns
//   data-map-markers   id of an element whose data-markers attribute holds the markers as
//                      JSON: [{lat, lng, title, url, ...the popup's fields}]
//   data-map-results   id of the results region htmx swaps; the markers are redrawn after
//                      each swap (optional)
//   data-map-popup     the popup's lines under the linked title: fields separated by "|",
//                      one line each; fields joined by "," share a line ("when|place,town")
//
// Without a tile server the markers stand on a plain background with the towns' names,
// and nothing is requested from another origin. Until the map is drawn (and without
// JavaScript) the element takes no room, and the page's fallback stays in view.
//
// The back button: htmx keeps a snapshot of the page as HTML and drops every <script> when
// it swaps one in. So Leaflet's inner markup (with style attributes the CSP refuses) is
// kept out of the snapshot, the settings read first are remembered, and a restored map is
// drawn again.
(function () {
  "use strict";

  var knownSettings = {};

  function readJSON(id) {
    var element = id && document.getElementById(id);
    if (!element) {
      return null;
    }
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return null;
    }
  }

  function readMarkers(id) {
    var element = id && document.getElementById(id);
    if (!element) {
      return [];
    }
    try {
      return JSON.parse(element.dataset.markers || "[]");
    } catch (error) {
      return [];
    }
  }

  function popupLines(spec) {
    return (spec || "")
      .split("|")
      .map(function (line) {
        return line.split(",").map(function (field) {
          return field.trim();
        }).filter(Boolean);
      })
      .filter(function (fields) {
        return fields.length;
      });
  }

  // Built from text nodes, never from HTML, so a title cannot inject markup.
  function popup(item, lines) {
    var box = document.createElement("div");
    box.className = "samskab-map-popup";
    var heading = document.createElement("p");
    heading.className = "samskab-map-popup__title";
    var link = document.createElement("a");
    link.href = item.url;
    link.textContent = item.title;
    if (item.lang) {
      link.lang = item.lang;
    }
    heading.appendChild(link);
    box.appendChild(heading);
    lines.forEach(function (fields) {
      var text = fields
        .map(function (field) {
          return item[field];
        })
        .filter(Boolean)
        .join(", ");
      if (text) {
        var line = document.createElement("p");
        line.textContent = text;
        box.appendChild(line);
      }
    });
    return box;
  }

  function start(element) {
    var settingsId = element.dataset.mapSettings;
    var settings = readJSON(settingsId) || knownSettings[settingsId] || {};
    knownSettings[settingsId] = settings;
    var lines = popupLines(element.dataset.mapPopup);
    element.samskabMap = true;
    element.classList.add("samskab-map--ready");
    var map = L.map(element, { scrollWheelZoom: false }).setView([55.45, 8.65], 10);
    map.attributionControl.setPrefix("Leaflet");
    if (settings.tileUrl) {
      L.tileLayer(settings.tileUrl, {
        attribution: settings.attribution || "",
        maxZoom: 18,
      }).addTo(map);
    } else {
      element.classList.add("samskab-map--plain");
    }
    (settings.towns || []).forEach(function (town) {
      L.tooltip({
        permanent: true,
        direction: "bottom",
        offset: [0, 4],
        className: "samskab-map-town",
        interactive: false,
      })
        .setLatLng([town.lat, town.lng])
        .setContent(town.name)
        .addTo(map);
    });
    var markers = L.featureGroup().addTo(map);

    function drawMarkers() {
      var items = readMarkers(element.dataset.mapMarkers);
      markers.clearLayers();
      items.forEach(function (item) {
        L.marker([item.lat, item.lng], { title: item.title, alt: item.title, keyboard: true })
          .bindPopup(popup(item, lines))
          .addTo(markers);
      });
      if (items.length) {
        map.fitBounds(markers.getBounds(), { padding: [32, 32], maxZoom: 14 });
      }
    }

    drawMarkers();
    var results = element.dataset.mapResults;
    if (results) {
      document.body.addEventListener("htmx:afterSettle", function (event) {
        if (element.isConnected && event.target && event.target.id === results) {
          drawMarkers();
        }
      });
    }
  }

  function maps() {
    return Array.prototype.slice.call(document.querySelectorAll(".samskab-map"));
  }

  function startAll() {
    if (!window.L) {
      return;
    }
    maps().forEach(start);
    document.body.addEventListener("htmx:beforeHistorySave", function () {
      maps().forEach(function (element) {
        var inner = Array.prototype.slice.call(element.childNodes);
        element.replaceChildren();
        // htmx takes the snapshot before this task ends; the live map gets its inside back.
        Promise.resolve().then(function () {
          element.replaceChildren.apply(element, inner);
        });
      });
    });
    document.body.addEventListener("htmx:historyRestore", function () {
      maps().forEach(function (element) {
        if (!element.samskabMap) {
          element.replaceChildren();
          element.className = "samskab-map";
          element.removeAttribute("tabindex");
          start(element);
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAll);
  } else {
    startAll();
  }
})();
