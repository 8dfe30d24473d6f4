// The directory's map: the same filtered actors as the list, read from the GeoJSON API; and the
// map of one place (an event's commune), drawn only when the visitor asks for it: until the
// button is pressed nothing is asked of the tile server.
// Progressive enhancement: without JavaScript the list (the primary content) stays as it is.
import L from "leaflet";
import "leaflet.markercluster";
import markerIcon from "leaflet/dist/images/marker-icon.png";
import markerIcon2x from "leaflet/dist/images/marker-icon-2x.png";
import markerShadow from "leaflet/dist/images/marker-shadow.png";

// esbuild gives the bundled images' paths relative to this script (static/dist/js/map.js):
// resolve them from the script's own address, whatever STATIC_URL is.
const scriptUrl = document.currentScript ? document.currentScript.src : window.location.href;
const asset = (path) => new URL(path, scriptUrl).href;

const icon = L.icon({
  iconUrl: asset(markerIcon),
  iconRetinaUrl: asset(markerIcon2x),
  shadowUrl: asset(markerShadow),
  iconSize: [25, 41],
  iconAnchor: [12, 41],
  popupAnchor: [1, -34],
  shadowSize: [41, 41],
});

function popupContent(feature, linkTarget) {
  const props = feature.properties;
  const wrapper = document.createElement("div");
  const title = document.createElement("a");
  title.href = props.url;
  title.textContent = props.name;
  if (linkTarget) title.target = linkTarget;
  const strong = document.createElement("strong");
  strong.appendChild(title);
  wrapper.appendChild(strong);
  const meta = document.createElement("p");
  meta.textContent = `${props.kind} · ${props.commune} (${props.department})`;
  wrapper.appendChild(meta);
  return wrapper;
}

// Zooms and clusters move without animation for visitors who ask their system for less motion.
const animate = () => !window.matchMedia("(prefers-reduced-motion: reduce)").matches;

// A Leaflet map in ``container``, placed by ``place(map)``, with the tiles of data-tile-url.
function newMap(container, place) {
  const map = L.map(container, {
    scrollWheelZoom: false,
    keyboard: true,
    zoomAnimation: animate(),
    fadeAnimation: animate(),
    markerZoomAnimation: animate(),
  });
  place(map);
  L.tileLayer(container.dataset.tileUrl, {
    attribution: container.dataset.attribution,
    maxZoom: 18,
  }).addTo(map);
  const fallback = container.querySelector(".actor-map__fallback");
  if (fallback) fallback.remove();
  return map;
}

function setUpMap(container) {
  const [south, west, north, east] = container.dataset.bounds.split(",").map(Number);
  const map = newMap(container, (newOne) =>
    newOne.fitBounds([
      [south, west],
      [north, east],
    ]),
  );
  const clusters = L.markerClusterGroup({ showCoverageOnHover: false, animate: animate() });
  const linkTarget = container.dataset.linkTarget || "";

  fetch(container.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
    .then((response) => {
      if (!response.ok) throw new Error(response.statusText);
      return response.json();
    })
    .then((collection) => {
      const layer = L.geoJSON(collection, {
        pointToLayer: (feature, latlng) =>
          // keyboard: true makes each marker focusable (Tab) and opens its popup with Enter.
          L.marker(latlng, {
            icon,
            keyboard: true,
            title: feature.properties.name,
            alt: feature.properties.name,
          }),
        onEachFeature: (feature, marker) => marker.bindPopup(popupContent(feature, linkTarget)),
      });
      clusters.addLayer(layer);
      // Actors without a position of their own stand at their commune's centre: credit its source.
      if (collection.features.some((feature) => feature.properties.approximate)) {
        map.attributionControl.addAttribution(container.dataset.communeCredit);
      }
      map.addLayer(clusters);
      // Zoom on the filtered actors (the region stays the view when there are none).
      if (collection.features.length) map.fitBounds(clusters.getBounds(), { maxZoom: 12, padding: [24, 24] });
      const status = document.getElementById(container.dataset.statusId);
      if (status) status.textContent = `${status.dataset.loaded} ${collection.features.length}`;
    })
    .catch(() => {
      const status = document.getElementById(container.dataset.statusId);
      if (status) status.textContent = status.dataset.failed;
    });
}

document.querySelectorAll("[data-actor-map]").forEach(setUpMap);

// One place: a marker at data-point ("latitude,longitude"), named data-label, drawn on request.
function showPlace(container) {
  const [latitude, longitude] = container.dataset.point.split(",").map(Number);
  const map = newMap(container, (newOne) => newOne.setView([latitude, longitude], 12));
  const label = container.dataset.label;
  const popup = document.createElement("span");
  popup.textContent = label; // text, never markup
  L.marker([latitude, longitude], { icon, keyboard: true, title: label, alt: label })
    .bindPopup(popup)
    .addTo(map);
  if (container.dataset.communeCredit) map.attributionControl.addAttribution(container.dataset.communeCredit);
  container.focus();
}

document.querySelectorAll("[data-place-map]").forEach((container) => {
  const button = document.getElementById(container.dataset.buttonId);
  if (!button) return;
  button.hidden = false;
  button.addEventListener(
    "click",
    () => {
      button.hidden = true;
      container.hidden = false;
      showPlace(container);
    },
    { once: true },
  );
});
