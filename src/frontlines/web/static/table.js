// The event table: filters, pages of events, row click for evidence, export downloads.
import { api, el, showEvent } from "./app.js";

const EXPORTS = [["acled", "ACLED CSV"], ["geojson", "GeoJSON"], ["jsonl", "JSONL"],
  ["parquet", "Parquet"]];
const PAGE = 50;

export async function initTable() {
  const form = document.getElementById("filters");
  const body = document.querySelector("#event-table tbody");
  let offset = 0;
  let filters = {};

  function downloads() {
    const box = document.getElementById("downloads");
    const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
    box.replaceChildren(el("span", {}, "Download: "), ...EXPORTS.map(([format, label]) => {
      const params = new URLSearchParams(query);
      params.set("format", format);
      return el("a", { class: "button", href: `/api/export?${params}`, download: "",
        "data-format": format }, label);
    }));
  }

  async function load() {
    let page;
    try {
      page = await api("/api/events", { ...filters, limit: PAGE, offset });
    } catch (err) {
      body.replaceChildren(el("tr", {}, el("td", { colspan: 8, class: "error" }, err.message)));
      return;
    }
    body.replaceChildren(...page.items.map((e) => el("tr", {
      "data-id": e.id, tabindex: 0, onclick: () => showEvent(e.id),
      onkeydown: (ev) => { if (ev.key === "Enter") showEvent(e.id); },
    },
    el("td", {}, e.date || "undated"), el("td", {}, e.event_type),
    el("td", {}, e.sub_event_type), el("td", {}, e.actor1 ? e.actor1.name : ""),
    el("td", {}, e.actor2 ? e.actor2.name : ""), el("td", {}, e.place ? e.place.name : ""),
    el("td", { class: "num" }, e.fatalities ?? ""), el("td", { class: "num" }, e.claim_count))));
    const last = Math.min(page.total, offset + page.items.length);
    document.getElementById("page-info").textContent =
      page.total ? `${offset + 1}\u2013${last} of ${page.total}` : "no events match";
    document.getElementById("prev").disabled = offset === 0;
    document.getElementById("next").disabled = page.next_offset === null;
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    filters = Object.fromEntries(new FormData(form));
    offset = 0;
    downloads();
    load();
  });
  document.getElementById("prev").addEventListener("click", () => {
    offset = Math.max(0, offset - PAGE);
    load();
  });
  document.getElementById("next").addEventListener("click", () => {
    offset += PAGE;
    load();
  });
  downloads();
  await load();
}
