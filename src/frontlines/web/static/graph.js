// The alliance graph on the chosen date: our own small force layout in SVG. Members sit close to
// their parent, hostile pairs far apart; click an actor for its aliases and history.
import { api, clock, el, showActor, svg } from "./app.js";

const KINDS = {
  member_of: { label: "member of", colour: "#2166ac", length: 110, strength: 0.08 },
  allied_with: { label: "allied with", colour: "#1a9850", length: 160, strength: 0.04 },
  hostile_to: { label: "hostile to", colour: "#d73027", length: 320, strength: 0.02 },
  split_from: { label: "split from", colour: "#888888", length: 240, strength: 0.02 },
};

function layout(nodes, edges, width, height) {
  const byId = new Map(nodes.map((n, i) => {
    const angle = (2 * Math.PI * i) / nodes.length;
    n.x = width / 2 + (Math.min(width, height) / 3) * Math.cos(angle);
    n.y = height / 2 + (Math.min(width, height) / 3) * Math.sin(angle);
    return [n.id, n];
  }));
  for (let step = 0; step < 400; step++) {
    const cooling = 1 - step / 400;
    for (const a of nodes) { a.fx = (width / 2 - a.x) * 0.01; a.fy = (height / 2 - a.y) * 0.01; }
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i];
        const b = nodes[j];
        const dx = a.x - b.x || 0.1;
        const dy = a.y - b.y || 0.1;
        const d2 = Math.max(dx * dx + dy * dy, 25);
        const f = 16000 / d2;
        const d = Math.sqrt(d2);
        a.fx += (f * dx) / d; a.fy += (f * dy) / d;
        b.fx -= (f * dx) / d; b.fy -= (f * dy) / d;
      }
    }
    for (const e of edges) {
      const a = byId.get(e.source);
      const b = byId.get(e.target);
      const kind = KINDS[e.kind];
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const d = Math.max(Math.hypot(dx, dy), 1);
      const f = (d - kind.length) * kind.strength;
      a.fx += (f * dx) / d; a.fy += (f * dy) / d;
      b.fx -= (f * dx) / d; b.fy -= (f * dy) / d;
    }
    for (const n of nodes) {
      n.x = Math.max(60, Math.min(width - 60, n.x + Math.max(-20, Math.min(20, n.fx)) * cooling));
      n.y = Math.max(30, Math.min(height - 30, n.y + Math.max(-20, Math.min(20, n.fy)) * cooling));
    }
  }
  return byId;
}

export async function initGraph() {
  const root = document.getElementById("graph");
  let graph = null;
  let requested = 0;

  function summary() {
    const box = document.getElementById("graph-summary");
    if (!graph) return;
    const name = (id) => (graph.nodes.find((n) => n.id === id) || { name: id }).name;
    const parents = new Map();
    for (const e of graph.edges.filter((x) => x.kind === "member_of")) {
      if (!parents.has(e.target)) parents.set(e.target, []);
      parents.get(e.target).push(name(e.source));
    }
    const list = (kind) => graph.edges.filter((x) => x.kind === kind)
      .map((e) => el("li", { "data-kind": kind },
        `${name(e.source)} \u2014 ${name(e.target)}`, e.inferred ? " (inferred from battles)" : "",
        e.uncertain ? " (date uncertain)" : ""));
    box.replaceChildren(
      el("h3", {}, `On ${graph.on}`),
      el("h4", {}, "Members"),
      el("ul", { id: "members" }, [...parents].map(([parent, members]) =>
        el("li", {}, `inside ${name(parent)}: ${members.join(", ")}`))),
      el("h4", {}, "Allies"), el("ul", { id: "allies" }, list("allied_with")),
      el("h4", {}, "Hostile pairs"), el("ul", { id: "hostile" }, list("hostile_to")),
      el("h4", {}, "Split from"), el("ul", { id: "split" }, list("split_from")));
  }

  function render() {
    const width = root.clientWidth;
    const height = root.clientHeight;
    if (!graph || width === 0) return;
    const nodes = graph.nodes.map((n) => ({ ...n }));
    const pos = layout(nodes, graph.edges, width, height);
    const defs = svg("defs", {}, Object.entries(KINDS).map(([kind, k]) =>
      svg("marker", { id: `arrow-${kind}`, viewBox: "0 0 10 10", refX: 22, refY: 5,
        markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" },
      svg("path", { d: "M0 0L10 5L0 10z", fill: k.colour }))));
    const edges = graph.edges.map((e) => {
      const a = pos.get(e.source);
      const b = pos.get(e.target);
      return svg("line", {
        class: `edge edge-${e.kind}${e.inferred ? " inferred" : ""}`, x1: a.x, y1: a.y,
        x2: b.x, y2: b.y, stroke: KINDS[e.kind].colour,
        "marker-end": e.kind === "member_of" || e.kind === "split_from"
          ? `url(#arrow-${e.kind})` : null,
        "data-kind": e.kind,
      }, svg("title", {}, `${a.name} ${KINDS[e.kind].label} ${b.name}` +
        (e.evidence.length ? `: ${e.evidence[0].sentence || e.evidence[0].source}` : "")));
    });
    const nodeEls = nodes.map((n) => svg("g", {
      class: `actor${n.provisional ? " provisional" : ""}`, "data-actor": n.id, tabindex: 0,
      transform: `translate(${n.x.toFixed(1)} ${n.y.toFixed(1)})`,
      onclick: () => showActor(n.id),
      onkeydown: (ev) => { if (ev.key === "Enter") showActor(n.id); },
    }, svg("circle", { r: 12 }), svg("text", { y: 26 }, n.name), svg("title", {}, n.name)));
    root.replaceChildren(defs, svg("g", {}, edges), svg("g", {}, nodeEls));
    root.dataset.on = graph.on;
  }

  async function load(on) {
    if (!on) return;
    const mine = ++requested;
    const focus = document.getElementById("graph-focus").checked;
    const result = await api("/api/alliances", { on, focus });
    if (mine !== requested) return;
    graph = result;
    summary();
    render();
  }

  const legend = document.getElementById("graph-legend");
  legend.replaceChildren(el("ul", {}, Object.entries(KINDS).map(([kind, k]) => {
    const swatch = el("span", { class: `line line-${kind}` });
    swatch.style.borderColor = k.colour;
    return el("li", {}, swatch, k.label);
  })));
  window.addEventListener("resize", render);
  window.addEventListener("frontlines:view", (e) => { if (e.detail === "alliances") render(); });
  document.getElementById("graph-focus").addEventListener("change", () => load(clock.on));
  clock.onChange(load);
}
