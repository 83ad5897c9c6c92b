// The StreamMl dashboard: plain JavaScript that polls this node's read-only endpoints every 2 s and draws with uPlot.
"use strict";

const refreshMs = 2000;
const history = { t: [], rate: [], p50: [], p95: [] };
let lastCounts = null;
let throughputChart = null;
let qualityChart = null;
let qualityKey = "";

const $ = id => document.getElementById(id);

async function json(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text === null || text === undefined ? "–" : String(text);
  if (className) td.className = className;
  return td;
}

function fillRows(tbodyId, rows, build) {
  const tbody = $(tbodyId);
  tbody.replaceChildren(...rows.map(row => {
    const tr = document.createElement("tr");
    build(tr, row);
    return tr;
  }));
}

const fmt = (x, digits = 3) => x === null || x === undefined || Number.isNaN(x) ? "–" : Number(x).toFixed(digits);
const time = iso => iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 19) : "–";

// The few series the dashboard reads from the Prometheus text: this node's latency histogram.
function parseHistogram(text, name) {
  const buckets = [];
  let count = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith(name + "_bucket{")) {
      const le = /le="([^"]+)"/.exec(line)[1];
      buckets.push({ le: le === "+Inf" ? Infinity : Number(le), n: Number(line.slice(line.lastIndexOf(" ") + 1)) });
    } else if (line.startsWith(name + "_count ")) {
      count = Number(line.slice(name.length + 7));
    }
  }
  return { buckets: buckets.sort((a, b) => a.le - b.le), count };
}

// The bucket bound under which a share q of the observations since the last poll fell (an upper estimate).
function quantile(now, before, q) {
  const total = now.count - (before ? before.count : 0);
  if (total <= 0) return null;
  for (let i = 0; i < now.buckets.length; i++) {
    const n = now.buckets[i].n - (before && before.buckets[i] ? before.buckets[i].n : 0);
    if (n >= q * total) return now.buckets[i].le;
  }
  return null;
}

let lastHistogram = null;

async function refreshThroughput() {
  const health = await json("/health");
  const ingestion = health.ingestion || { consumed: 0, predictions: 0, deadLetters: 0 };
  $("consumed").textContent = ingestion.consumed;
  $("predicted").textContent = ingestion.predictions;
  $("dead-letters").textContent = ingestion.deadLetters;
  const now = Date.now() / 1000;
  let rate = 0;
  if (lastCounts) rate = Math.max(0, (ingestion.predictions - lastCounts.predictions) / (now - lastCounts.at));
  lastCounts = { predictions: ingestion.predictions, at: now };
  let p50 = null, p95 = null;
  try {
    const histogram = parseHistogram(await (await fetch("/metrics")).text(), "streamml_event_latency_seconds");
    // Over the last 2 s while events flow; over everything since the node started when none did.
    const recent = lastHistogram && histogram.count > lastHistogram.count ? lastHistogram : null;
    p50 = quantile(histogram, recent, 0.5);
    p95 = quantile(histogram, recent, 0.95);
    lastHistogram = histogram;
  } catch (e) { /* metrics may be off on this node */ }
  $("rate").textContent = fmt(rate, 0);
  $("latency-p50").textContent = p50 === null ? "–" : `≤ ${p50} s`;
  $("latency-p95").textContent = p95 === null ? "–" : `≤ ${p95} s`;
  for (const [key, value] of [["t", now], ["rate", rate], ["p50", p50], ["p95", p95]]) {
    history[key].push(value);
    if (history[key].length > 300) history[key].shift();
  }
  const data = [history.t, history.rate, history.p50, history.p95];
  if (!throughputChart) {
    throughputChart = new uPlot({
      width: $("throughput-chart").clientWidth || 600, height: 220,
      series: [{}, { label: "events/s", stroke: "#2a6fdb", scale: "rate" },
        { label: "p50 s", stroke: "#5cb85c", scale: "s" }, { label: "p95 s", stroke: "#d9534f", scale: "s" }],
      axes: [{}, { scale: "rate" }, { scale: "s", side: 1, grid: { show: false } }],
    }, data, $("throughput-chart"));
  } else {
    throughputChart.setData(data);
  }
}

async function refreshCluster() {
  const cluster = await json("/cluster");
  $("node-address").textContent = cluster.self;
  fillRows("members", cluster.members, (tr, m) => {
    tr.append(cell(m.address + (m.address === cluster.leader ? " (leader)" : "")), cell(m.status), cell(m.roles.join(", ")));
  });
  const shards = await json("/shards");
  fillRows("shards", shards, (tr, s) => tr.append(cell(s.node), cell(s.shards), cell(s.entities)));
  const ready = await fetch("/ready");
  const readiness = await ready.json();
  $("ready").textContent = readiness.ready ? "yes" : "no: " + readiness.reasons.join("; ");
  $("serving-model").textContent = readiness.model || "none";
}

async function refreshDrift() {
  const drift = await json("/drift?alarmed=true");
  $("drift-count").textContent = `(${drift.alarms} raised)`;
  const alarms = drift.slices.flatMap(s => s.alarms.map(a => ({ slice: s.slice, ...a })));
  fillRows("drift-alarms", alarms, (tr, a) => {
    tr.className = "alarm";
    tr.dataset.slice = a.slice;
    tr.dataset.feature = a.feature;
    tr.dataset.test = a.test;
    tr.append(cell(a.slice), cell(a.feature), cell(a.test), cell(fmt(a.statistic)), cell(a.atEvent), cell(a.modelVersion));
  });
  drawTimeline((await json("/drift/timeline?limit=30")).slices);
}

async function refreshModels() {
  const models = await json("/models");
  fillRows("model-versions", models.models, (tr, m) => {
    tr.dataset.version = m.version;
    const gate = m.gate ? `${m.gate.passed ? "passed" : "rejected"} (${m.gate.metric} ${fmt(m.gate.challengerValue)})` : null;
    const kind = m.model.trainer || (m.model.online ? `${m.model.online.learner} (online)` : null);
    // The permutation importance of the gate's hold-out: the three features whose shuffling cost the most.
    const importance = m.importance ? m.importance.overall.features.slice(0, 3)
      .map(f => `${f.feature} ${fmt(f.mean)} ± ${fmt(f.standardDeviation)}`).join(", ") : null;
    tr.append(cell(m.version), cell(m.status), cell(kind), cell(gate), cell(importance),
      cell(Object.entries(m.deployments).map(([node, state]) => `${node}: ${state}`).join("; ") || null));
  });
  const timeline = await json("/models/timeline?limit=50");
  $("runs").textContent = `(runs: ${timeline.runs.passed} passed, ${timeline.runs.rejected} rejected, ${timeline.runs.failed} failed)`;
  fillRows("model-timeline", timeline.steps.slice().reverse(), (tr, s) =>
    tr.append(cell(time(s.at)), cell(s.kind), cell(s.version), cell(s.node), cell(s.detail)));
}

async function refreshQuality() {
  const slice = $("quality-slice").value || "*";
  const quality = await json(`/slices/${encodeURIComponent(slice)}/quality`).catch(() => ({ windows: [] }));
  const versions = [...new Set(quality.windows.map(w => w.version))].sort();
  const windows = [...new Set(quality.windows.map(w => w.window))].sort((a, b) => a - b);
  $("quality-empty").hidden = windows.length > 0;
  const metric = w => w.accuracy ?? w.rmse;
  const data = [windows, ...versions.map(v => windows.map(i => {
    const w = quality.windows.find(x => x.version === v && x.window === i);
    return w ? metric(w) : null;
  }))];
  const key = slice + "|" + versions.join(",");
  if (qualityChart && key !== qualityKey) { qualityChart.destroy(); qualityChart = null; }
  qualityKey = key;
  if (windows.length === 0) return;
  const label = quality.windows.some(w => w.accuracy !== null) ? "accuracy" : "RMSE";
  if (!qualityChart) {
    const colours = ["#2a6fdb", "#d9534f", "#5cb85c", "#f0ad4e", "#6f42c1"];
    qualityChart = new uPlot({
      width: $("quality-chart").clientWidth || 600, height: 220,
      scales: { x: { time: false } },
      axes: [{ label: "window" }, { label }],
      series: [{ label: "window" }, ...versions.map((v, i) => ({ label: v, stroke: colours[i % colours.length], points: { show: true } }))],
    }, data, $("quality-chart"));
  } else {
    qualityChart.setData(data);
  }
}

async function refreshLabels() {
  const labels = await json("/labels");
  const j = labels.join;
  $("label-join").replaceChildren(...[["joined", j.joined], ["unknown labels", j.unknownLabels], ["expired predictions", j.expiredPredictions],
    ["waiting predictions", j.pendingPredictions], ["waiting labels", j.waitingLabels]].map(([name, value]) => {
    const span = document.createElement("span");
    span.append(name + " ");
    const b = document.createElement("b");
    b.textContent = value;
    span.append(b);
    return span;
  }));
}

async function refreshSlices() {
  const filter = $("slice-filter").value;
  const page = await json(`/slices?limit=50&q=${encodeURIComponent(filter)}`);
  $("slice-total").textContent = `(${page.total}${filter ? " matching" : ""})`;
  fillRows("slice-list", page.items, (tr, s) => tr.append(cell(s.id), cell(s.events), cell(s.alarms), cell(time(s.checkpointedAt))));
  const select = $("quality-slice");
  const chosen = select.value;
  const ids = ["*", ...page.items.map(s => s.id).filter(id => id !== "*")];
  if (select.options.length !== ids.length || [...select.options].some((o, i) => o.value !== ids[i])) {
    select.replaceChildren(...ids.map(id => new Option(id, id)));
    select.value = ids.includes(chosen) ? chosen : "*";
  }
}

async function refresh() {
  const parts = [refreshCluster, refreshThroughput, refreshDrift, refreshModels, refreshQuality, refreshLabels, refreshSlices];
  const failures = [];
  for (const part of parts) {
    try { await part(); } catch (e) { failures.push(e.message); }
  }
  $("error").hidden = failures.length === 0;
  $("error").textContent = failures.join("; ");
  $("updated").textContent = new Date().toISOString().slice(11, 19);
}

async function loop() {
  await refresh();
  setTimeout(loop, refreshMs);
}

window.addEventListener("DOMContentLoaded", () => {
  $("quality-slice").addEventListener("change", () => refreshQuality());
  $("slice-filter").addEventListener("input", () => refreshSlices());
  loop();
});
