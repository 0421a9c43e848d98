/* The sociale kaart's map view: the same results as the list, as markers on tiles from the
   server named in BUURTPLEIN_MAP_TILES. Loaded only on the map view, after Leaflet; the list
   below the map stays the main view and works without this script. */
(function () {
  "use strict";
  var box = document.getElementById("sk-map");
  var data = document.getElementById("sk-map-data");
  if (!box || !data || !window.L) return;
  var markers = JSON.parse(data.textContent);
  var map = window.L.map(box, { scrollWheelZoom: false });
  window.L.tileLayer(box.dataset.tiles, {
    maxZoom: 19,
    attribution: box.dataset.attribution || "",
  }).addTo(map);
  var points = [];
  markers.forEach(function (m) {
    var link = document.createElement("a");
    link.href = m.url;
    link.textContent = m.name;
    var popup = document.createElement("div");
    popup.appendChild(link);
    if (m.place) {
      var place = document.createElement("p");
      place.textContent = m.place;
      popup.appendChild(place);
    }
    window.L.marker([m.lat, m.lon], { title: m.name, alt: m.name }).bindPopup(popup).addTo(map);
    points.push([m.lat, m.lon]);
  });
  if (points.length) {
    map.fitBounds(points, { paddingTopLeft: [24, 48], paddingBottomRight: [24, 12], maxZoom: 16 });
  } else {
    map.setView([Number(box.dataset.lat) || 52.1, Number(box.dataset.lon) || 5.3], 13);
  }
})();
