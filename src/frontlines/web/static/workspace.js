// The analyst's workspace in the page: log in and out, correct an event (editors), accept it,
// reject a claim, the event's edit history, and the review queue. Writes send the session's
// CSRF token; the session cookie itself is HttpOnly and never seen by this script.
import { api, el, showEvent, showMessage } from "./app.js";

export const account = { user: null, csrf: null, canEdit: false, canAdmin: false };
let eventTypes = null;
let actorNames = null;

export async function send(method, path, body) {
  const headers = { "Content-Type": "application/json" };
  if (account.csrf) headers["X-CSRF-Token"] = account.csrf;
  const response = await fetch(new URL(path, window.location.origin), {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error ? answer.error.message : response.statusText);
  return answer;
}

function setAccount(me) {
  account.user = me.user;
  account.csrf = me.csrf;
  account.canEdit = Boolean(me.can_edit);
  account.canAdmin = Boolean(me.can_admin);
  document.body.dataset.role = me.user ? me.user.role : "anonymous";
  drawAccount();
}

function drawAccount() {
  const box = document.getElementById("account");
  if (!box) return;
  if (account.user) {
    box.replaceChildren(
      el("span", { id: "whoami" }, `${account.user.name} (${account.user.role})`),
      el("button", { type: "button", id: "logout", onclick: logout }, "log out"));
  } else {
    box.replaceChildren(el("button", { type: "button", id: "login", onclick: showLogin },
      "log in"));
  }
}

export async function initAccount() {
  setAccount(await api("/api/me"));
}

function showLogin() {
  const error = el("p", { class: "error", id: "login-error" });
  const form = el("form", { id: "login-form" },
    el("h2", {}, "Log in"),
    el("label", {}, "user ", el("input", { name: "name", autocomplete: "username", required: true })),
    el("label", {}, "password ", el("input", { name: "password", type: "password",
      autocomplete: "current-password", required: true })),
    el("button", { type: "submit" }, "Log in"), error);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    try {
      const answer = await send("POST", "/api/login",
        { name: data.get("name"), password: data.get("password") });
      setAccount({ user: answer.user, csrf: answer.csrf,
        can_edit: ["editor", "admin"].includes(answer.user.role),
        can_admin: answer.user.role === "admin" });
      showMessage(`Logged in as ${answer.user.name}.`);
      window.dispatchEvent(new CustomEvent("frontlines:account"));
    } catch (err) {
      error.textContent = err.message;
    }
  });
  document.getElementById("panel").replaceChildren(form);
}

async function logout() {
  try {
    await send("POST", "/api/logout");
  } finally {
    setAccount({ user: null, csrf: null });
    showMessage("Logged out.");
    window.dispatchEvent(new CustomEvent("frontlines:account"));
  }
}

// ------------------------------------------------------------------ an event in the panel

function describe(field, value) {
  if (value === null || value === undefined) return "\u2013";
  if (typeof value === "object") return value.name || value.text || value.place_id || value.id;
  return String(value);
}

function historyList(edits) {
  return el("ol", { id: "history" }, edits.map((e) => {
    const changes = Object.keys(e.after).filter((f) => f !== "event").map((f) =>
      `${f}: ${describe(f, e.before[f])} \u2192 ${describe(f, e.after[f])}`);
    const what = e.action === "edit" ? changes.join("; ")
      : e.action === "reject" ? `rejected claim ${e.target_id}` : e.action;
    return el("li", { class: `edit edit-${e.status}`, "data-edit": e.id },
      el("span", { class: "when" }, e.at.replace("T", " ")), " ",
      el("strong", { class: "author" }, e.author), ": ", el("span", { class: "what" }, what),
      e.reason ? el("span", { class: "reason" }, ` (${e.reason})`) : null,
      e.status === "flagged" ? el("p", { class: "flag" }, `flagged: ${e.note}`) : null);
  }));
}

export async function decorateEvent(event) {
  const panel = document.getElementById("panel");
  let history = { edits: [], flagged: false };
  try {
    history = await api(`/api/events/${encodeURIComponent(event.id)}/history`);
  } catch (err) {
    history = { edits: [], flagged: false, error: err.message };
  }
  if (panel.dataset.event !== event.id) return;
  const parts = [];
  if (account.canEdit) {
    parts.push(el("div", { class: "editor-actions" },
      el("button", { type: "button", id: "edit-event", onclick: () => editForm(event) }, "Edit"),
      el("button", { type: "button", id: "accept-event", onclick: async () => {
        try {
          await send("POST", `/api/events/${encodeURIComponent(event.id)}/accept`, {});
          await showEvent(event.id);
        } catch (err) { showMessage(err.message); }
      } }, "Accept")));
    const other = el("input", { id: "merge-other", placeholder: "other event id", size: 18 });
    parts.push(el("form", { class: "editor-actions", id: "merge-form", onsubmit: async (e) => {
      e.preventDefault();
      try {
        await send("POST", `/api/events/${encodeURIComponent(event.id)}/merge`,
          { other: other.value.trim() });
        await showEvent(event.id);
        window.dispatchEvent(new CustomEvent("frontlines:edited", { detail: event.id }));
      } catch (err) { showMessage(err.message); }
    } }, other, el("button", { type: "submit", id: "merge-event" }, "Merge into this")));
    for (const item of panel.querySelectorAll("#evidence li.claim")) {
      const index = [...item.parentNode.children].indexOf(item);
      const claim = event.claims[index];
      if (!claim) continue;
      if (event.claims.length > 1) {
        item.append(el("button", { type: "button", class: "split-claim", "data-claim": claim.id,
          onclick: async () => {
            try {
              const answer = await send("POST", `/api/events/${encodeURIComponent(event.id)}/split`,
                { claims: [claim.id] });
              await showEvent(answer.edit.after.new_id);
              window.dispatchEvent(new CustomEvent("frontlines:edited", { detail: event.id }));
            } catch (err) { showMessage(err.message); }
          } }, "Split off"));
      }
      item.append(el("button", { type: "button", class: "reject-claim", "data-claim": claim.id,
        onclick: async () => {
          try {
            const record = await send("POST", `/api/claims/${encodeURIComponent(claim.id)}/reject`, {});
            const stays = event.claims.length > 1;
            if (stays) await showEvent(event.id);
            else showMessage(`Claim rejected (edit ${record.id}); its event is gone.`);
          } catch (err) { showMessage(err.message); }
        } }, "Reject claim"));
    }
  }
  parts.push(el("h3", {}, `History (${history.edits.length})`),
    history.flagged ? el("p", { class: "flag" }, "New evidence contradicts an edit.") : null,
    history.edits.length ? historyList(history.edits) : el("p", { class: "hint", id: "history" },
      "not edited"));
  panel.append(...parts.filter(Boolean));
}

async function editForm(event) {
  if (!eventTypes) eventTypes = await api("/api/event-types");
  if (!actorNames) {
    actorNames = (await api("/api/actors", { limit: 1000 })).items.map((a) => [a.id, a.name]);
  }
  const types = el("select", { name: "type" });
  for (const [etype, subs] of Object.entries(eventTypes)) {
    const group = el("optgroup", { label: etype });
    for (const sub of subs) {
      group.append(el("option", { value: `${etype}\u001f${sub}`,
        selected: etype === event.event_type && sub === event.sub_event_type }, sub));
    }
    types.append(group);
  }
  const list = el("datalist", { id: "actor-list" },
    actorNames.map(([id, name]) => el("option", { value: id }, name)));
  const actorValue = (ref) => (ref ? ref.id || ref.name : "");
  const field = (label, input) => el("label", {}, el("span", {}, label), input);
  const error = el("p", { class: "error", id: "edit-error" });
  const form = el("form", { id: "edit-form" },
    el("h2", {}, "Edit event"),
    field("type", types),
    field("actor 1", el("input", { name: "actor1", list: "actor-list", value: actorValue(event.actor1) })),
    field("actor 2", el("input", { name: "actor2", list: "actor-list", value: actorValue(event.actor2) })),
    field("place id", el("input", { name: "place", value: event.place ? event.place.id || "" : "" })),
    field("date", el("input", { name: "date", type: "date", value: event.date || "" })),
    field("fatalities", el("input", { name: "fatalities", type: "number", min: 0,
      value: event.fatalities === null ? "" : event.fatalities })),
    field("why", el("textarea", { name: "reason", rows: 2 })),
    list,
    el("div", { class: "editor-actions" },
      el("button", { type: "submit", id: "save-edit" }, "Save"),
      el("button", { type: "button", onclick: () => showEvent(event.id) }, "Cancel")),
    error);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const changes = {};
    const [etype, sub] = String(data.get("type")).split("\u001f");
    if (etype !== event.event_type || sub !== event.sub_event_type) {
      changes.event_type = etype;
      changes.sub_event_type = sub;
    }
    for (const name of ["actor1", "actor2"]) {
      const value = String(data.get(name)).trim();
      if (value === actorValue(event[name])) continue;
      const known = actorNames.find(([id, label]) => id === value || label === value);
      changes[name] = known ? known[0] : value ? { name: value } : null;
    }
    const place = String(data.get("place")).trim();
    if (place !== (event.place ? event.place.id || "" : "")) changes.place = place || null;
    const day = String(data.get("date"));
    if (day && day !== event.date) changes.date = day;
    const toll = String(data.get("fatalities"));
    const tollValue = toll === "" ? null : Number(toll);
    if (tollValue !== event.fatalities) changes.fatalities = tollValue;
    if (!Object.keys(changes).length) {
      error.textContent = "nothing changed";
      return;
    }
    try {
      await send("POST", `/api/events/${encodeURIComponent(event.id)}/edit`,
        { changes, reason: String(data.get("reason")) });
      await showEvent(event.id);
      window.dispatchEvent(new CustomEvent("frontlines:edited", { detail: event.id }));
    } catch (err) {
      error.textContent = err.message;
    }
  });
  document.getElementById("panel").replaceChildren(form);
}

// ------------------------------------------------------------------ the review queue

export async function initReview() {
  const body = document.querySelector("#review-list");
  const filter = document.getElementById("review-kind");
  async function load() {
    let queue;
    try {
      queue = await api("/api/review", { kind: filter.value, limit: 200 });
    } catch (err) {
      body.replaceChildren(el("li", { class: "error" }, err.message));
      return;
    }
    document.getElementById("review-count").textContent = `${queue.total} open`;
    body.replaceChildren(...queue.items.map((item) => el("li", {
      class: `review-item review-${item.reason}`, "data-kind": item.kind, "data-id": item.id },
    el("span", { class: "reason" }, item.reason.replace(/_/g, " ")), " ",
    el("span", { class: "date" }, item.date || ""), " ",
    item.event ? el("a", { href: "#", onclick: (e) => { e.preventDefault(); showEvent(item.event); } },
      item.title) : el("span", {}, item.title),
    el("span", { class: "hint" }, ` \u2014 ${item.note}`),
    account.canEdit ? el("button", { type: "button", class: "accept-item", onclick: async () => {
      try {
        await send("POST", `/api/review/${item.kind}/${encodeURIComponent(item.id)}/accept`, {});
        await load();
      } catch (err) { showMessage(err.message); }
    } }, "Accept") : null)));
  }
  filter.addEventListener("change", load);
  window.addEventListener("frontlines:account", load);
  window.addEventListener("frontlines:view", (e) => { if (e.detail === "review") load(); });
  await load();
}
