// The drift timeline of the StreamMl dashboard: per slice and alarm, when it was raised and when it recovered.
"use strict";

function timelineTime(ms) {
  return new Date(ms).toISOString().replace("T", " ").slice(0, 19);
}

// One row per slice and alarm (feature and test): a bar from each raise to its recovery, or to now while raised.
function drawTimeline(slices) {
  const rows = [];
  let start = Infinity;
  const end = Date.now();
  for (const s of slices) {
    const open = new Map();
    const bars = new Map();
    for (const { at, signal } of s.signals) {
      const key = `${signal.feature} · ${signal.test}`;
      const t = Date.parse(at);
      start = Math.min(start, t);
      if (!bars.has(key)) bars.set(key, []);
      if (signal.kind === "drift" || signal.kind === "warning") open.set(key, { from: t, kind: signal.kind });
      else if (signal.kind === "recovered" && open.has(key)) {
        bars.get(key).push({ ...open.get(key), to: t });
        open.delete(key);
      }
    }
    for (const [key, o] of open) bars.get(key).push({ ...o, to: null });
    for (const [key, list] of bars) rows.push({ name: `${s.slice} · ${key}`, slice: s.slice, bars: list });
  }
  const container = document.getElementById("drift-timeline");
  if (rows.length === 0) {
    container.textContent = "No drift signal yet.";
    return;
  }
  const span = Math.max(1, end - start);
  const pct = t => `${(100 * (t - start) / span).toFixed(2)}%`;
  container.replaceChildren(...rows.map(r => {
    const row = document.createElement("div");
    row.className = "row";
    row.dataset.slice = r.slice;
    const name = document.createElement("div");
    name.className = "name";
    name.textContent = r.name;
    const track = document.createElement("div");
    track.className = "track";
    for (const b of r.bars) {
      const bar = document.createElement("div");
      bar.className = "bar" + (b.to === null ? " open" : "") + (b.kind === "warning" ? " warning" : "");
      bar.style.left = pct(b.from);
      bar.style.width = `calc(${pct(b.to ?? end)} - ${pct(b.from)})`;
      bar.title = `${b.kind} ${timelineTime(b.from)} → ${b.to === null ? "still raised" : timelineTime(b.to)}`;
      track.append(bar);
    }
    row.append(name, track);
    return row;
  }), axis(start, end));
}

function axis(start, end) {
  const div = document.createElement("div");
  div.className = "axis";
  div.append(...[start, (start + end) / 2, end].map(t => {
    const span = document.createElement("span");
    span.textContent = timelineTime(t);
    return span;
  }));
  return div;
}

