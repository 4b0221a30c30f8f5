// The catalogue's map: the same results as the list, as markers. Reads its settings from a
// JSON data island and the markers from a data attribute (no inline script, for the
// Content-Security-Policy) and
// redraws the markers whenever htmx swaps in new results. Without a tile server configured
// the markers stand on a plain background with the towns' names, and nothing is requested
// from another origin.
(function () {
  "use strict";

  var map = null;
  var markers = null;

  function readJSON(id) {
    var element = document.getElementById(id);
    if (!element) {
      return null;
    }
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return null;
    }
  }

  function paragraph(text, className) {
    var element = document.createElement("p");
    element.textContent = text;
    if (className) {
      element.className = className;
    }
    return element;
  }

  // Built from text nodes, never from HTML, so a title cannot inject markup.
  function popup(item) {
    var box = document.createElement("div");
    box.className = "catalogue-map-popup";
    var heading = document.createElement("p");
    heading.className = "catalogue-map-popup__title";
    var link = document.createElement("a");
    link.href = item.url;
    link.textContent = item.title;
    heading.appendChild(link);
    box.appendChild(heading);
    if (item.when) {
      box.appendChild(paragraph(item.when));
    }
    box.appendChild(paragraph([item.place, item.town].filter(Boolean).join(", ")));
    return box;
  }

  function readMarkers() {
    var element = document.getElementById("catalogue-map-data");
    if (!element) {
      return [];
    }
    try {
      return JSON.parse(element.dataset.markers || "[]");
    } catch (error) {
      return [];
    }
  }

  function drawMarkers() {
    var items = readMarkers();
    markers.clearLayers();
    items.forEach(function (item) {
      L.marker([item.lat, item.lng], { title: item.title, alt: item.title, keyboard: true })
        .bindPopup(popup(item))
        .addTo(markers);
    });
    if (items.length) {
      map.fitBounds(markers.getBounds(), { padding: [32, 32], maxZoom: 14 });
    }
  }

  function start() {
    var element = document.getElementById("catalogue-map");
    if (!element || !window.L) {
      return;
    }
    var settings = readJSON("catalogue-map-settings") || {};
    element.classList.add("catalogue-map--ready");
    map = L.map(element, { scrollWheelZoom: false }).setView([55.45, 8.65], 10);
    map.attributionControl.setPrefix("Leaflet");
    if (settings.tileUrl) {
      L.tileLayer(settings.tileUrl, {
        attribution: settings.attribution || "",
        maxZoom: 18,
      }).addTo(map);
    } else {
      element.classList.add("catalogue-map--plain");
    }
    (settings.towns || []).forEach(function (town) {
      L.tooltip({
        permanent: true,
        direction: "bottom",
        offset: [0, 4],
        className: "catalogue-map-town",
        interactive: false,
      })
        .setLatLng([town.lat, town.lng])
        .setContent(town.name)
        .addTo(map);
    });
    markers = L.featureGroup().addTo(map);
    drawMarkers();
    document.body.addEventListener("htmx:afterSettle", function (event) {
      if (event.target && event.target.id === "catalogue-map-results") {
        drawMarkers();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
