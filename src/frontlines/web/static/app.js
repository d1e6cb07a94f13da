// frontlines web: shared state (the chosen date), the API helper, DOM builders and the side
// panel. Every piece of text from the data goes into the page through text nodes, never markup.
import { initMap } from "./map.js";
import { initGraph } from "./graph.js";
import { initTable } from "./table.js";
import { decorateEvent, initAccount, initReview } from "./workspace.js";
import { appendSources, initDisputes } from "./sources.js";
import { startLive } from "./live.js";

export const TYPE_COLOURS = {
  "Battles": "#d7301f",
  "Explosions/Remote violence": "#fc8d59",
  "Violence against civilians": "#7b3294",
  "Protests": "#2c7bb6",
  "Riots": "#1a9e8f",
  "Strategic developments": "#737373",
};

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  setAttrs(node, attrs);
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.setAttribute("class", value);
    else if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else node.setAttribute(key, String(value));
  }
}

export function safeUrl(url) {
  try {
    const parsed = new URL(url, window.location.href);
    return ["http:", "https:"].includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

export async function api(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
  }
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
  return body;
}

export async function allPages(path, params = {}, max = 5000) {
  const items = [];
  let offset = 0;
  while (offset !== null && items.length < max) {
    const page = await api(path, { ...params, limit: 1000, offset });
    items.push(...page.items);
    offset = page.next_offset;
  }
  return items;
}

// ------------------------------------------------------------------ the shared date

const DAY = 86400000;
export const clock = {
  first: null, days: 0, index: 0, windowDays: 0, listeners: [],
  get on() {
    if (!this.first) return null;
    return new Date(this.first.getTime() + this.index * DAY).toISOString().slice(0, 10);
  },
  get from() {
    if (!this.first || !this.windowDays) return null;
    const start = new Date(this.first.getTime() + (this.index - this.windowDays + 1) * DAY);
    return start.toISOString().slice(0, 10);
  },
  set(index) {
    this.index = Math.max(0, Math.min(this.days, index));
    document.getElementById("slider").value = this.index;
    document.getElementById("date-label").textContent = this.on || "no events";
    const url = new URL(window.location.href);
    if (this.on) url.searchParams.set("on", this.on);
    window.history.replaceState(null, "", url);
    for (const fn of this.listeners) fn(this.on);
  },
  onChange(fn) { this.listeners.push(fn); },
};

async function initClock() {
  const timeline = await api("/api/timeline");
  const slider = document.getElementById("slider");
  if (!timeline.first) {
    slider.disabled = true;
    return;
  }
  clock.first = new Date(timeline.first + "T00:00:00Z");
  const last = new Date(timeline.last + "T00:00:00Z");
  clock.days = Math.round((last - clock.first) / DAY);
  slider.max = clock.days;
  const wanted = new URL(window.location.href).searchParams.get("on");
  let index = clock.days;
  if (wanted && /^\d{4}-\d{2}-\d{2}$/.test(wanted)) {
    const at = Math.round((new Date(wanted + "T00:00:00Z") - clock.first) / DAY);
    if (!Number.isNaN(at)) index = at;
  }
  slider.addEventListener("input", () => clock.set(Number(slider.value)));
  document.getElementById("window").addEventListener("change", (e) => {
    clock.windowDays = Number(e.target.value);
    clock.set(clock.index);
  });
  let timer = null;
  const play = document.getElementById("play");
  play.addEventListener("click", () => {
    if (timer) {
      clearInterval(timer);
      timer = null;
      play.textContent = "\u25B6";
      return;
    }
    if (clock.index >= clock.days) clock.set(0);
    play.textContent = "\u275A\u275A";
    timer = setInterval(() => {
      if (clock.index >= clock.days) {
        clearInterval(timer);
        timer = null;
        play.textContent = "\u25B6";
        return;
      }
      clock.set(clock.index + 1);
    }, 600);
  });
  clock.index = index;
}

// New data arrived (live stream): extend the slider's range, follow the newest date when the
// slider stood at the end, and let every view reload (each listens to frontlines:update).
let refreshing = null;
async function refresh() {
  if (refreshing) return refreshing;
  refreshing = (async () => {
    const timeline = await api("/api/timeline");
    if (timeline.first) {
      const slider = document.getElementById("slider");
      const atEnd = clock.index >= clock.days;
      const shown = clock.on;
      clock.first = new Date(timeline.first + "T00:00:00Z");
      clock.days = Math.round((new Date(timeline.last + "T00:00:00Z") - clock.first) / DAY);
      slider.max = clock.days;
      slider.disabled = false;
      clock.index = atEnd || !shown ? clock.days
        : Math.round((new Date(shown + "T00:00:00Z") - clock.first) / DAY);
    }
    const waits = [];
    window.dispatchEvent(new CustomEvent("frontlines:update", { detail: { waits } }));
    await Promise.all(waits);
    clock.set(clock.index);
    document.body.dataset.updates = String(Number(document.body.dataset.updates || 0) + 1);
  })();
  try { await refreshing; } finally { refreshing = null; }
}

// ------------------------------------------------------------------ the side panel

const panel = () => document.getElementById("panel");

export function showMessage(text) {
  panel().replaceChildren(el("p", { class: "hint" }, text));
}

function actorName(ref) {
  return ref ? ref.name : "\u2013";
}

export async function showEvent(id) {
  let event;
  try {
    event = await api(`/api/events/${encodeURIComponent(id)}`);
  } catch (err) {
    showMessage(err.message);
    return;
  }
  const place = event.place ? event.place.name : "unknown place";
  const tolls = event.fatality_reports.map((q) => q.text).join(" / ");
  const claims = event.claims.map((c) => {
    const doc = c.document || {};
    const link = doc.url && safeUrl(doc.url);
    const title = doc.title || c.doc_id;
    return el("li", { class: "claim" },
      el("blockquote", { class: "evidence" }, c.evidence),
      el("p", { class: "source" },
        "claimed by ", el("strong", { class: "claimant" }, c.claimant || "the outlet"),
        " \u2014 ", el("span", { class: "outlet" }, c.outlet || doc.outlet || "unknown outlet"),
        doc.published ? ` (${doc.published})` : "", ", in ",
        link ? el("a", { href: link, rel: "noopener noreferrer", target: "_blank" }, title)
          : el("em", {}, title)));
  });
  panel().replaceChildren(
    el("h2", {}, `${event.sub_event_type}`),
    el("p", { class: "meta" }, el("span", { class: "swatch", "data-type": event.event_type }),
      `${event.event_type} \u00B7 ${event.date || "undated"}`),
    el("dl", {},
      el("dt", {}, "actor 1"), el("dd", {}, actorName(event.actor1)),
      el("dt", {}, "actor 2"), el("dd", {}, actorName(event.actor2)),
      el("dt", {}, "place"), el("dd", {}, place),
      el("dt", {}, "fatalities"),
      el("dd", {}, event.fatalities === null ? "\u2013" : String(event.fatalities),
        tolls ? ` (reported: ${tolls})` : "")),
    el("h3", {}, `Evidence (${event.claims.length})`),
    el("ol", { id: "evidence" }, claims));
  panel().dataset.event = event.id;
  delete panel().dataset.place;
  await decorateEvent(event);
  await appendSources(event.id);
}

export function showPlace(props, withHistory = false) {
  const who = props.controller ? props.controller.name : "nobody known";
  const rows = (props.history || []).map((h) => el("li", {},
    `${h.date}: ${h.status}`, h.controller ? ` (${h.controller.name})` : "", ` \u2014 ${h.reason} `,
    el("a", { href: "#", onclick: (e) => { e.preventDefault(); showEvent(h.event); } }, "evidence")));
  panel().replaceChildren(
    el("h2", {}, props.name),
    el("p", { class: `status status-${props.status}` },
      props.status === "held" ? `held by ${who}` : props.status,
      props.status === "contested" && props.contenders.length
        ? `: ${props.contenders.map((a) => a.name).join(" vs ")}` : "",
      props.since ? ` since ${props.since}` : ""),
    props.basis ? el("p", { class: `basis basis-${props.basis}` }, props.basis === "assessed"
      ? "assessed: confirmed by a voice not on the gaining side"
      : props.basis === "claimed" ? "claimed: only the gaining side or its media say so"
        : "disputed: sources disagree") : null,
    props.previous ? el("p", {}, `previously held by ${props.previous.name}`) : null,
    el("h3", {}, "History"), el("ol", { class: "history", "data-loaded": withHistory ? "true" : "false" },
      rows));
  panel().dataset.place = props.place_id;
  delete panel().dataset.event;
}

export async function showActor(id) {
  let actor;
  try {
    actor = await api(`/api/actors/${encodeURIComponent(id)}`);
  } catch (err) {
    showMessage(err.message);
    return;
  }
  const rels = actor.relations.map((r) => el("li", {},
    `${r.actor_name} ${r.kind.replace(/_/g, " ")} ${r.target_name}`,
    ` (${r.start || "?"} \u2013 ${r.end || "now"}; ${r.source})`,
    r.evidence ? el("blockquote", { class: "evidence" }, r.evidence) : null));
  panel().replaceChildren(
    el("h2", {}, actor.name),
    el("p", { class: "meta" }, actor.kind || "", actor.provisional ? " (provisional)" : ""),
    el("h3", {}, "Aliases"),
    actor.aliases.length ? el("ul", { class: "aliases" }, actor.aliases.map((a) => el("li", {}, a)))
      : el("p", {}, "none recorded"),
    el("h3", {}, "History"),
    el("p", {}, `${actor.events} events`, actor.first_event
      ? ` from ${actor.first_event} to ${actor.last_event}` : ""),
    rels.length ? el("ol", { class: "relations" }, rels) : el("p", {}, "no recorded relations"));
}

// ------------------------------------------------------------------ tabs and start-up

function showView(view) {
  for (const section of document.querySelectorAll(".view")) {
    section.hidden = section.id !== `view-${view}`;
  }
  for (const link of document.querySelectorAll("nav a[data-tab]")) {
    link.classList.toggle("active", link.dataset.tab === view);
  }
  document.body.dataset.view = view;
  window.dispatchEvent(new CustomEvent("frontlines:view", { detail: view }));
}

async function start() {
  for (const link of document.querySelectorAll("nav a[data-tab]")) {
    link.addEventListener("click", (e) => {
      e.preventDefault();
      const url = new URL(link.href);
      url.search = window.location.search;
      window.history.pushState(null, "", url);
      showView(link.dataset.tab);
    });
  }
  window.addEventListener("popstate", () => {
    const path = window.location.pathname.replace(/^\//, "") || "map";
    showView(path);
  });
  showView(document.body.dataset.view || "map");
  try {
    await initAccount();
    await initClock();
    const settings = await api("/api/settings");
    await Promise.all([initMap(settings), initGraph(), initTable(), initReview(),
      initDisputes()]);
    clock.set(clock.index);
    document.body.dataset.ready = "true";
    startLive(refresh);
  } catch (err) {
    showMessage(`Could not load the data: ${err.message}`);
    document.body.dataset.ready = "error";
  }
}

start();
