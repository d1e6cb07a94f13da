// Sources: the disputes view (each dispute's sides in columns, the point of disagreement
// highlighted) and the "Sources" part of the evidence panel (one column per outlet). Text
// from the data goes in through text nodes only (el()), never as markup.
import { api, el, showEvent } from "./app.js";

const STATUS_TEXT = {
  corroborated: "corroborated: independent outlets of different alignment agree",
  single_source: "single source",
  party_claim_only: "party claim only: only a side to the event (or its media) says so",
  disputed: "disputed: sources disagree",
};

function claimCard(c) {
  const who = c.claimant.text || "the outlet itself";
  return el("div", { class: `source-card${c.party_claim ? " party-claim" : ""}` },
    el("p", { class: "outlet" }, el("strong", {}, c.outlet), " ",
      el("span", { class: "alignment" }, c.alignment)),
    el("p", { class: "claimant" }, `claimed by ${who} (${c.claimant.type.replace(/_/g, " ")}`,
      c.self_interested ? ", self-interested" : c.party_claim ? ", party claim" : "", ")"),
    el("blockquote", { class: "evidence" }, c.evidence));
}

function disputeBlock(d) {
  const sides = d.sides.map((s) => el("div", { class: "dispute-side" },
    el("h4", { class: "disagree" }, s.label),
    el("p", { class: "outlets" }, s.outlets.join(", ")),
    s.claims.map(claimCard)));
  return el("article", { class: "dispute", "data-kind": d.kind, "data-id": d.id },
    el("h3", {}, `${d.kind} \u2014 ${d.place || "unknown place"}, ${d.date || "undated"}`),
    el("div", { class: "sides" }, sides),
    el("p", { class: "events" }, "events: ", d.event_ids.map((id) => el("a", {
      href: "#", onclick: (e) => { e.preventDefault(); showEvent(id); } }, id)).flatMap(
      (a, i) => (i ? [" ", a] : [a]))));
}

export async function appendSources(eventId) {
  const panel = document.getElementById("panel");
  let data;
  try {
    data = await api(`/api/events/${encodeURIComponent(eventId)}/sources`);
  } catch (err) {
    panel.append(el("p", { class: "error" }, `sources: ${err.message}`));
    return;
  }
  if (panel.dataset.event !== eventId) return; // another event was opened meanwhile
  const byOutlet = new Map();
  for (const c of data.claims) {
    if (!byOutlet.has(c.outlet_id)) byOutlet.set(c.outlet_id, []);
    byOutlet.get(c.outlet_id).push(c);
  }
  const columns = [...byOutlet.values()].map((claims) => el("div", { class: "source-column" },
    claims.map(claimCard)));
  const toll = data.casualties;
  panel.append(el("section", { id: "sources", "data-status": data.status },
    el("h3", {}, "Sources"),
    el("p", { class: `status-badge status-${data.status}` },
      STATUS_TEXT[data.status] || data.status),
    el("div", { class: "sources-grid" }, columns),
    toll ? el("p", { class: "toll" }, `killed: best ${toll.best}, low ${toll.low}, high `,
      toll.high === null ? "open" : String(toll.high), ` (${toll.basis})`) : null,
    data.dispute_details.length ? el("h3", {}, "Disputes") : null,
    data.dispute_details.map(disputeBlock)));
}

export async function initDisputes() {
  const form = document.getElementById("dispute-filters");
  const list = document.getElementById("dispute-list");
  async function load(params = {}) {
    let page;
    try {
      page = await api("/api/disputes", { ...params, limit: 200 });
    } catch (err) {
      list.replaceChildren(el("p", { class: "error" }, err.message));
      return;
    }
    list.replaceChildren(
      el("p", { class: "hint" }, page.total ? `${page.total} disputes` : "no disputes"),
      ...page.items.map(disputeBlock));
  }
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    load(Object.fromEntries(new FormData(form)));
  });
  await load();
}
