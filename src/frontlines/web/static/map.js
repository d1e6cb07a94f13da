// The map: Web Mercator in SVG. Admin boundaries from the gazetteer, events (colour = type,
// size = fatalities) and control on the chosen date; online tiles only when configured.
import { TYPE_COLOURS, allPages, api, clock, el, showEvent, showPlace, svg } from "./app.js";

const TILE = 256;
const PALETTE = ["#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#1f78b4",
  "#b15928", "#6a3d9a", "#33a02c"];

function project(lon, lat) {
  const s = Math.sin((Math.max(-85, Math.min(85, lat)) * Math.PI) / 180);
  return [((lon + 180) / 360) * TILE, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * TILE];
}

export function actorColour(id) {
  let h = 0;
  for (const ch of String(id)) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length];
}

function ringPath(ring) {
  return ring.map(([lon, lat], i) => {
    const [x, y] = project(lon, lat);
    return `${i ? "L" : "M"}${x.toFixed(4)} ${y.toFixed(4)}`;
  }).join("") + "Z";
}

function geometryPath(g) {
  if (!g) return "";
  if (g.type === "Polygon") return g.coordinates.map(ringPath).join("");
  if (g.type === "MultiPolygon") return g.coordinates.flat().map(ringPath).join("");
  if (g.type === "LineString") return ringPath(g.coordinates).slice(0, -1);
  if (g.type === "MultiLineString") {
    return g.coordinates.map((line) => ringPath(line).slice(0, -1)).join("");
  }
  return "";
}

export async function initMap(settings) {
  const root = document.getElementById("map");
  const view = { x: 0, y: 0, w: TILE, fitted: false };
  let events = [];
  let control = { features: [] };
  let areas = { features: [] };
  let tiles = false;
  let requested = 0;

  const defs = svg("defs", {},
    svg("pattern", { id: "hatch", width: 4, height: 4, patternUnits: "userSpaceOnUse",
      patternTransform: "rotate(45)" },
    svg("rect", { width: 4, height: 4, fill: "#fdd49e" }),
    svg("line", { x1: 0, y1: 0, x2: 0, y2: 4, stroke: "#d7301f", "stroke-width": 2 })));
  const background = svg("rect", { class: "sea", x: 0, y: 0, width: "100%", height: "100%" });
  const tileLayer = svg("g", { id: "tile-layer" });
  const adminLayer = svg("g", { id: "admin-layer" });
  const areaLayer = svg("g", { id: "area-layer" });
  const controlLayer = svg("g", { id: "control-layer" });
  const eventLayer = svg("g", { id: "event-layer" });
  defs.append(svg("pattern", { id: "area-hatch", width: 0.02, height: 0.02,
    patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
  svg("rect", { width: 0.02, height: 0.02, fill: "#fdd49e", "fill-opacity": 0.5 }),
  svg("line", { x1: 0, y1: 0, x2: 0, y2: 0.02, stroke: "#d7301f", "stroke-width": 0.008 })));
  root.append(defs, background, tileLayer, adminLayer, areaLayer, controlLayer, eventLayer);

  const admin = await api("/api/admin-areas", { level: 1 });
  for (const f of admin.features) {
    adminLayer.append(svg("path", { class: "admin", d: geometryPath(f.geometry) },
      svg("title", {}, f.properties.name)));
  }
  events = await allPages("/api/events");
  let statuses = null; // event id -> corroboration status, loaded when first asked for
  document.getElementById("layer-corroborated").addEventListener("change", async (e) => {
    if (e.target.checked && statuses === null) statuses = await api("/api/sources/statuses");
    render();
  });

  if (settings.tile_url) {
    document.getElementById("tiles-option").hidden = false;
    document.getElementById("layer-tiles").addEventListener("change", (e) => {
      tiles = e.target.checked;
      render();
    });
  }
  for (const id of ["layer-events", "layer-control", "layer-areas"]) {
    document.getElementById(id).addEventListener("change", render);
  }

  function size() {
    return { width: root.clientWidth || 800, height: root.clientHeight || 600 };
  }
  const scale = () => size().width / view.w;
  const toScreen = (lon, lat) => {
    const [x, y] = project(lon, lat);
    const k = scale();
    return [(x - view.x) * k, (y - view.y) * k];
  };

  function fit() {
    const points = events.filter((e) => e.place && e.place.lat !== null)
      .map((e) => project(e.place.lon, e.place.lat));
    if (!points.length && admin.features.length) {
      for (const f of admin.features) {
        const ring = f.geometry.type === "Polygon" ? f.geometry.coordinates[0]
          : f.geometry.coordinates[0][0];
        points.push(...ring.map(([lon, lat]) => project(lon, lat)));
      }
    }
    if (!points.length) return;
    // fit the bulk of the events: with many, an outlier (a foreign capital) does not set the view
    const trim = (values) => {
      const sorted = [...values].sort((a, b) => a - b);
      if (sorted.length < 8) return sorted;
      const cut = Math.floor(sorted.length * 0.08);
      return sorted.slice(cut, sorted.length - cut);
    };
    const xs = trim(points.map((p) => p[0]));
    const ys = trim(points.map((p) => p[1]));
    const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys),
      0.6) * 1.3;
    const { width, height } = size();
    const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
    const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
    view.w = width >= height ? span * (width / height) : span;
    view.x = cx - view.w / 2;
    view.y = cy - (view.w * height) / width / 2;
    view.fitted = true;
  }

  function zoom(factor, px, py) {
    const k = scale();
    const wx = view.x + px / k;
    const wy = view.y + py / k;
    view.w = Math.min(TILE * 2, Math.max(0.002, view.w / factor));
    const k2 = scale();
    view.x = wx - px / k2;
    view.y = wy - py / k2;
    render();
  }

  function drawTiles() {
    tileLayer.replaceChildren();
    if (!tiles || !settings.tile_url) return;
    const z = Math.max(0, Math.min(18, Math.round(Math.log2(scale()))));
    const t = TILE / 2 ** z;
    const { width, height } = size();
    const k = scale();
    for (let tx = Math.floor(view.x / t); tx <= Math.floor((view.x + width / k) / t); tx++) {
      for (let ty = Math.floor(view.y / t); ty <= Math.floor((view.y + height / k) / t); ty++) {
        if (ty < 0 || ty >= 2 ** z) continue;
        const wrapped = ((tx % 2 ** z) + 2 ** z) % 2 ** z;
        const href = settings.tile_url.replace("{z}", z).replace("{x}", wrapped)
          .replace("{y}", ty).replace("{s}", "a");
        tileLayer.append(svg("image", { href, x: (tx * t - view.x) * k, y: (ty * t - view.y) * k,
          width: t * k + 0.5, height: t * k + 0.5 }));
      }
    }
  }

  function visibleEvents() {
    const on = clock.on;
    const from = clock.from;
    const onlyCorroborated = document.getElementById("layer-corroborated").checked && statuses;
    return events.filter((e) => e.date && (!on || e.date <= on) && (!from || e.date >= from)
      && (!onlyCorroborated || statuses[e.id] === "corroborated"));
  }

  function drawEvents() {
    eventLayer.replaceChildren();
    if (!document.getElementById("layer-events").checked) return;
    const shown = visibleEvents().filter((e) => e.place && e.place.lat !== null)
      .sort((a, b) => (b.fatalities || 0) - (a.fatalities || 0));
    for (const e of shown) {
      const [x, y] = toScreen(e.place.lon, e.place.lat);
      const r = Math.min(22, 5 + 2.2 * Math.sqrt(e.fatalities || 0));
      eventLayer.append(svg("circle", {
        class: "event", cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(1),
        fill: TYPE_COLOURS[e.event_type] || "#444", "data-id": e.id, "data-type": e.event_type,
        tabindex: 0, onclick: () => showEvent(e.id),
        onkeydown: (ev) => { if (ev.key === "Enter") showEvent(e.id); },
      }, svg("title", {}, `${e.date} ${e.sub_event_type}: ${e.place.name}`)));
    }
    root.dataset.events = String(shown.length);
  }

  function drawAreas() {
    areaLayer.replaceChildren();
    if (!document.getElementById("layer-areas").checked) return;
    for (const f of areas.features) {
      const p = f.properties;
      if (p.kind === "front") {
        const names = p.between.map((a) => a.name).join(" / ");
        areaLayer.append(svg("path", { class: "front", d: geometryPath(f.geometry),
          "data-between": p.between.map((a) => a.id || a.name).join("|") },
        svg("title", {}, `front line: ${names}`)));
        continue;
      }
      const fill = p.status === "held" ? actorColour(p.controller.id || p.controller.name)
        : "url(#area-hatch)";
      const title = p.status === "held" ? `held by ${p.controller.name}: ${p.places.join(", ")}`
        : `contested: ${p.places.join(", ")}`;
      areaLayer.append(svg("path", { class: `area area-${p.status}`, d: geometryPath(f.geometry),
        fill, "data-status": p.status, "data-id": f.id,
        "data-controller": p.controller ? p.controller.id || p.controller.name : null },
      svg("title", {}, title)));
    }
  }

  // the map asks every place's state without history (history=0: small at any size); a click
  // shows the state at once, then asks that one place's history
  async function openPlace(p) {
    const on = clock.on;
    showPlace(p);
    let one;
    try {
      one = await api("/api/control", { on, place: p.place_id });
    } catch (err) {
      return; // the state without its history stays shown
    }
    const panel = document.getElementById("panel");
    if (clock.on !== on || panel.dataset.place !== p.place_id) return; // moved on meanwhile
    if (one.features.length) showPlace(one.features[0].properties, true);
  }

  function drawControl() {
    controlLayer.replaceChildren();
    if (!document.getElementById("layer-control").checked) return;
    for (const f of control.features) {
      if (!f.geometry) continue;
      const p = f.properties;
      const [x, y] = toScreen(...f.geometry.coordinates);
      const fill = p.status === "held" ? actorColour(p.controller.id || p.controller.name)
        : p.status === "contested" ? "url(#hatch)" : "#ffffff";
      controlLayer.append(svg("g", {
        class: `place place-${p.status}`, "data-place": p.place_id, "data-status": p.status,
        transform: `translate(${x.toFixed(1)} ${y.toFixed(1)})`, tabindex: 0,
        onclick: () => openPlace(p),
      },
      svg("rect", { x: -7, y: -7, width: 14, height: 14, transform: "rotate(45)", fill }),
      svg("text", { x: 11, y: 4 }, p.name),
      svg("title", {}, p.status === "held" ? `${p.name}: held by ${p.controller.name}`
        : `${p.name}: ${p.status}`)));
    }
  }

  function drawLegend() {
    const legend = document.getElementById("map-legend");
    const types = Object.entries(TYPE_COLOURS).map(([type, colour]) => el("li", {},
      el("span", { class: "dot", "data-colour": colour }), type));
    const holders = new Map();
    for (const f of control.features) {
      const c = f.properties.controller;
      if (f.properties.status === "held" && c) holders.set(c.id || c.name, c.name);
    }
    const held = [...holders].map(([id, name]) => el("li", {},
      el("span", { class: "diamond", "data-colour": actorColour(id) }), `held by ${name}`));
    legend.replaceChildren(
      el("h3", {}, "Events"), el("ul", {}, types),
      el("p", { class: "hint" }, "circle size: fatalities"),
      el("h3", {}, `Control on ${clock.on || "\u2013"}`),
      el("ul", {}, held, el("li", {}, el("span", { class: "diamond contested" }), "contested"),
        el("li", {}, el("span", { class: "diamond unknown" }), "unknown"),
        el("li", {}, el("span", { class: "line front-line" }), "front line (areas)")));
    for (const swatch of legend.querySelectorAll("[data-colour]")) {
      swatch.style.background = swatch.dataset.colour;
    }
  }

  function render() {
    if (root.clientWidth === 0) return;
    if (!view.fitted) fit();
    const k = scale();
    const world = `matrix(${k} 0 0 ${k} ${(-view.x * k).toFixed(2)} ${(-view.y * k).toFixed(2)})`;
    adminLayer.setAttribute("transform", world);
    areaLayer.setAttribute("transform", world);
    drawTiles();
    drawAreas();
    drawControl();
    drawEvents();
    drawLegend();
  }

  async function loadControl(on) {
    const mine = ++requested;
    const [result, shapes] = on ? await Promise.all([api("/api/control", { on, history: 0 }),
      api("/api/control/areas", { on })]) : [{ features: [] }, { features: [] }];
    if (mine !== requested) return;
    control = result;
    areas = shapes;
    root.dataset.controlOn = on || "";
    root.dataset.areasOn = on || "";
    render();
  }

  // pan with the pointer, zoom with the wheel and the buttons
  let drag = null;
  root.addEventListener("pointerdown", (e) => { drag = { x: e.clientX, y: e.clientY, moved: false }; });
  root.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) root.setPointerCapture(e.pointerId);
    drag.moved = true;
    const k = scale();
    view.x -= dx / k;
    view.y -= dy / k;
    drag.x = e.clientX;
    drag.y = e.clientY;
    render();
  });
  root.addEventListener("pointerup", () => { drag = null; });
  root.addEventListener("wheel", (e) => {
    e.preventDefault();
    const box = root.getBoundingClientRect();
    zoom(Math.exp(-e.deltaY * 0.002), e.clientX - box.left, e.clientY - box.top);
  }, { passive: false });
  const centre = () => [size().width / 2, size().height / 2];
  document.getElementById("zoom-in").addEventListener("click", () => zoom(2, ...centre()));
  document.getElementById("zoom-out").addEventListener("click", () => zoom(0.5, ...centre()));
  document.getElementById("zoom-fit").addEventListener("click", () => { fit(); render(); });
  window.addEventListener("resize", render);
  window.addEventListener("frontlines:view", (e) => { if (e.detail === "map") render(); });
  clock.onChange((on) => { loadControl(on); });
  window.addEventListener("frontlines:edited", async () => {
    events = await allPages("/api/events");
    loadControl(clock.on);
  });
  window.addEventListener("frontlines:update", (e) => {
    e.detail.waits.push(allPages("/api/events").then((items) => { events = items; }));
  });
}
