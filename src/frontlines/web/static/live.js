// Live updates: the server's /api/live stream (server-sent events) says when the store changed;
// the page then reloads its data without a page reload. EventSource reconnects by itself.
export function startLive(onUpdate) {
  if (!window.EventSource) return null;
  const source = new EventSource("/api/live");
  source.addEventListener("hello", () => { document.body.dataset.live = "open"; });
  source.addEventListener("update", (e) => {
    let change = {};
    try { change = JSON.parse(e.data); } catch { change = {}; }
    onUpdate(change);
  });
  source.addEventListener("error", () => { document.body.dataset.live = "reconnecting"; });
  return source;
}
