// detente's page: relationship graph, dyad timeline, map of places and event list.
// Plain JavaScript and SVG; every piece of data comes from the local /api.
"use strict";
(() => {
  const NS = "http://www.w3.org/2000/svg";
  const QUADS = [
    { key: "verbal_cooperation", label: "verbal cooperation", cls: "q1" },
    { key: "material_cooperation", label: "material cooperation", cls: "q2" },
    { key: "verbal_conflict", label: "verbal conflict", cls: "q3" },
    { key: "material_conflict", label: "material conflict", cls: "q4" },
  ];
  const PAGE = 50;
  const state = { filters: {}, level: "country", dyad: null, by: "month", place: null, offset: 0, world: null };
  const $ = (id) => document.getElementById(id);

  // ---- small helpers ------------------------------------------------------------------
  function el(tag, attrs = {}, parent = null, text = null) {
    const node = tag.startsWith("svg:") ? document.createElementNS(NS, tag.slice(4)) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) node.setAttribute(k, v);
    if (text !== null) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  const svg = (tag, attrs, parent, text) => el("svg:" + tag, attrs, parent, text);
  const clear = (node) => { while (node.firstChild) node.removeChild(node.firstChild); return node; };

  function params(obj) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(obj)) if (v !== null && v !== undefined && v !== "") p.set(k, v);
    return p.toString();
  }

  async function api(path, query = {}) {
    const qs = params(query);
    const res = await fetch(path + (qs ? "?" + qs : ""));
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      const d = body.detail;
      const msg = typeof d === "string" ? d : Array.isArray(d) ? d.map((x) => `${(x.loc || []).slice(-1)[0]}: ${x.msg}`).join("; ") : res.statusText;
      throw new Error(msg);
    }
    return body;
  }

  function showError(err) {
    const box = $("error");
    box.textContent = err ? String(err.message || err) : "";
    box.hidden = !err;
  }

  // red (conflict) .. grey .. green (cooperation) for a value in [-1, 1]
  function netColor(r) {
    const t = Math.max(-1, Math.min(1, r || 0));
    const grey = [170, 170, 170], red = [192, 57, 43], green = [46, 158, 68];
    const to = t < 0 ? red : green, a = Math.abs(t);
    const c = grey.map((g, i) => Math.round(g + (to[i] - g) * a));
    return `rgb(${c[0]},${c[1]},${c[2]})`;
  }
  const fmt = (x, d = 2) => (x === null || x === undefined ? "–" : Number(x).toFixed(d));

  // ---- filters ------------------------------------------------------------------------
  function readFilters() {
    state.filters = {
      since: $("f-since").value.trim(), until: $("f-until").value.trim(),
      type: $("f-type").value, actor: $("f-actor").value.trim(),
    };
    state.level = $("f-level").value;
  }

  async function init() {
    try {
      const ov = await api("/api/overview");
      $("overview").textContent = `${ov.articles} articles · ${ov.events} event records · ${ov.dedup_events} events` +
        (ov.first_date ? ` · ${ov.first_date} … ${ov.last_date}` : "");
      for (const t of ov.types) el("option", { value: t }, $("f-type"), t);
      const actors = await api("/api/actors", { limit: 300 });
      const countries = await api("/api/actors", { level: "country", limit: 300 });
      for (const a of countries.concat(actors)) el("option", { value: a.name }, $("actor-list"));
    } catch (err) { showError(err); }
    const m = /^#dyad=([^|]+)\|(.+)$/.exec(decodeURIComponent(location.hash));
    if (m) { state.dyad = { a: m[1], b: m[2] }; $("dyad-q").value = `${m[1]} / ${m[2]}`; }
    readFilters();
    await Promise.all([loadGraph(), loadMap(), loadTimeline(), loadEvents()]);
    document.body.dataset.ready = "1";
  }

  function bind() {
    $("filters").addEventListener("submit", (e) => {
      e.preventDefault(); readFilters(); state.offset = 0; reload();
    });
    $("f-reset").addEventListener("click", () => {
      $("filters").reset(); readFilters(); state.place = null; state.offset = 0; reload();
    });
    $("dyad-search").addEventListener("submit", (e) => { e.preventDefault(); searchDyad(); });
    $("dyad-clear").addEventListener("click", () => selectDyad(null));
    $("dyad-by").addEventListener("change", () => { state.by = $("dyad-by").value; loadTimeline(); });
    $("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadEvents(); });
    $("next").addEventListener("click", () => { state.offset += PAGE; loadEvents(); });
  }

  function reload() {
    showError(null);
    return Promise.all([loadGraph(), loadMap(), loadEvents()]);
  }

  // ---- dyad selection -----------------------------------------------------------------
  function parseDyad(text) {
    const q = text.trim();
    for (const sep of ["/", ",", ";", " vs ", " – ", " - "]) {
      if (q.includes(sep)) {
        const parts = q.split(sep).map((s) => s.trim()).filter(Boolean);
        return parts.length === 2 ? parts : null;
      }
    }
    const words = q.split(/\s+/).filter(Boolean);
    return words.length === 2 ? words : null;
  }

  function searchDyad() {
    const pair = parseDyad($("dyad-q").value);
    if (!pair) { showError(new Error("give two parties, e.g. USA RUS or Clinton / Lavrov")); return; }
    showError(null);
    selectDyad({ a: pair[0], b: pair[1] });
  }

  function selectDyad(dyad) {
    state.dyad = dyad;
    state.offset = 0;
    if (dyad) $("dyad-q").value = `${dyad.a} / ${dyad.b}`;
    else $("dyad-q").value = "";
    history.replaceState(null, "", dyad ? "#dyad=" + encodeURIComponent(`${dyad.a}|${dyad.b}`) : "#");
    for (const e of document.querySelectorAll("#graph .edge")) {
      const on = dyad && ((e.dataset.a === dyad.a && e.dataset.b === dyad.b) || (e.dataset.a === dyad.b && e.dataset.b === dyad.a));
      e.classList.toggle("selected", Boolean(on));
    }
    return Promise.all([loadTimeline(), loadEvents()]);
  }

  // ---- relationship graph -------------------------------------------------------------
  async function loadGraph() {
    const box = $("graph");
    let dyads;
    try { dyads = await api("/api/dyads", { ...state.filters, level: state.level, limit: 60 }); }
    catch (err) { showError(err); return; }
    drawGraph(box, dyads);
  }

  function layout(nodes, edges, w, h) {
    // Fruchterman-Reingold, deterministic: start on a circle, repel all pairs (k²/d), pull
    // along edges (d²/k) and towards the centre, so that separate components stay in view
    const n = nodes.length, cx = w / 2, cy = h / 2;
    nodes.forEach((d, i) => {
      const a = (2 * Math.PI * i) / n;
      d.x = cx + (w / 3) * Math.cos(a); d.y = cy + (h / 3) * Math.sin(a);
    });
    const k = Math.sqrt((w * h) / Math.max(n, 1)) * 0.55, steps = 400;
    for (let it = 0; it < steps; it++) {
      const temp = (w / 12) * (1 - it / steps) + 0.5;
      for (const d of nodes) {
        const dx = cx - d.x, dy = (cy - d.y) * 1.4, dist = Math.max(Math.hypot(dx, dy), 0.01);
        const g = (dist * dist) / k * 0.08;
        d.dx = (dx / dist) * g; d.dy = (dy / dist) * g;
      }
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
        const a = nodes[i], b = nodes[j];
        const dx = a.x - b.x, dy = a.y - b.y, dist = Math.max(Math.hypot(dx, dy), 0.01);
        const f = (k * k) / dist / dist;
        a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
      }
      for (const e of edges) {
        const a = e.source, b = e.target;
        const dx = b.x - a.x, dy = b.y - a.y, f = Math.hypot(dx, dy) / k;
        a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
      }
      for (const d of nodes) {
        const len = Math.max(Math.hypot(d.dx, d.dy), 1e-9), step = Math.min(len, temp);
        d.x = Math.max(30, Math.min(w - 60, d.x + (d.dx / len) * step));
        d.y = Math.max(20, Math.min(h - 20, d.y + (d.dy / len) * step));
      }
    }
  }

  function drawGraph(box, dyads) {
    clear(box);
    const W = 640, H = 440;
    if (!dyads.length) { svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty" }, box, "no relationships match the filters"); return; }
    const byName = new Map();
    const node = (name) => {
      if (!byName.has(name)) byName.set(name, { name, events: 0 });
      return byName.get(name);
    };
    const edges = dyads.map((d) => ({ ...d, source: node(d.a), target: node(d.b) }));
    for (const e of edges) { e.source.events += e.events; e.target.events += e.events; }
    const nodes = [...byName.values()];
    layout(nodes, edges, W, H);
    const maxEv = Math.max(...edges.map((e) => e.events));
    // heavier edges last, so that they are on top and easiest to click
    for (const e of [...edges].sort((x, y) => x.events - y.events)) drawEdge(box, e, maxEv);
    for (const d of nodes) drawNode(box, d);
    if (state.dyad) selectDyadMark();
  }

  function drawEdge(box, e, maxEv) {
    const pos = { x1: e.source.x, y1: e.source.y, x2: e.target.x, y2: e.target.y };
    const width = 1.5 + 7 * Math.sqrt(e.events / maxEv);
    const line = svg("line", { ...pos, class: "edge", stroke: netColor(e.net_ratio), "stroke-width": width }, box);
    line.dataset.a = e.a; line.dataset.b = e.b;
    const hit = svg("line", { ...pos, class: "edge-hit" }, box);
    hit.dataset.a = e.a; hit.dataset.b = e.b;
    svg("title", {}, hit, `${e.a} – ${e.b}: ${e.events} events (${e.cooperative} cooperative, ${e.conflictual} conflictual), ` +
      `mean Goldstein ${fmt(e.mean_goldstein)}, trend ${e.trend.label}`);
    hit.addEventListener("click", () => selectDyad({ a: e.a, b: e.b }));
  }

  function drawNode(box, d) {
    const g = svg("g", { class: "node", transform: `translate(${d.x.toFixed(1)},${d.y.toFixed(1)})` }, box);
    g.dataset.name = d.name;
    svg("circle", { r: (4 + 1.6 * Math.sqrt(d.events)).toFixed(1) }, g);
    svg("text", { x: 8, y: -6 }, g, d.name);
    svg("title", {}, g, `${d.name}: ${d.events} events with the others shown; click to filter by this actor`);
    g.addEventListener("click", () => { $("f-actor").value = d.name; readFilters(); state.offset = 0; reload(); });
  }

  function selectDyadMark() {
    const { a, b } = state.dyad;
    for (const e of document.querySelectorAll("#graph .edge")) {
      e.classList.toggle("selected", (e.dataset.a === a && e.dataset.b === b) || (e.dataset.a === b && e.dataset.b === a));
    }
  }

  // ---- dyad timeline ------------------------------------------------------------------
  async function loadTimeline() {
    const box = $("timeline");
    clear(box);
    $("timeline-legend").textContent = "";
    if (!state.dyad) {
      $("timeline-title").textContent = "";
      svg("text", { x: 640, y: 130, "text-anchor": "middle", class: "empty" }, box,
        "click an edge of the graph, or type two parties above (USA RUS)");
      return;
    }
    const { a, b } = state.dyad;
    let data;
    try { data = await api(`/api/dyad/${encodeURIComponent(a)}/${encodeURIComponent(b)}/timeline`, { by: state.by }); }
    catch (err) { showError(err); return; }
    const t = data.trend;
    $("timeline-title").textContent = `${data.a} – ${data.b} · ${data.events} events` +
      (data.undated ? ` (${data.undated} undated)` : "") + ` · trend: ${t.label}` +
      (t.change !== null ? ` (change ${t.change > 0 ? "+" : ""}${fmt(t.change)})` : "");
    drawTimeline(box, data);
    legend();
  }

  function drawTimeline(box, data) {
    const W = 1280, H = 260, L = 40, R = 50, T = 12, B = 42;
    const periods = data.periods;
    if (!periods.length) {
      svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty" }, box, "no dated events between these two");
      return;
    }
    const pw = W - L - R, ph = H - T - B, band = pw / periods.length;
    const maxN = Math.max(1, ...periods.map((p) => p.events));
    const y = (v) => T + ph - (v / maxN) * ph;
    const yi = (v) => T + ph / 2 - (v / 10) * (ph / 2); // intensity -10..10 on the right axis
    axes(box, { W, H, L, R, T, ph, maxN, y, yi });
    const every = Math.ceil(periods.length / 14);
    periods.forEach((p, i) => {
      const g = svg("g", { class: "period" }, box);
      g.dataset.period = p.period; g.dataset.events = p.events;
      let acc = 0;
      const bw = Math.max(1, Math.min(band * 0.76, 48)), x = L + i * band + (band - bw) / 2;
      for (const q of QUADS) {
        const n = p[q.key];
        if (!n) continue;
        const r = svg("rect", { class: `bar ${q.cls}`, x: x.toFixed(1), y: y(acc + n).toFixed(1), width: bw.toFixed(1), height: (y(acc) - y(acc + n)).toFixed(1) }, g);
        svg("title", {}, r, `${p.period}: ${n} ${q.label}`);
        acc += n;
      }
      if (i % every === 0) svg("text", { x: (L + i * band + band / 2).toFixed(1), y: H - B + 16, "text-anchor": "middle" }, box, p.period).classList.add("tick");
    });
    intensityLine(box, periods, L, band, yi);
  }

  function axes(box, o) {
    const g = svg("g", { class: "axis" }, box);
    svg("line", { x1: o.L, x2: o.W - o.R, y1: o.T + o.ph, y2: o.T + o.ph }, g);
    svg("line", { x1: o.L, x2: o.L, y1: o.T, y2: o.T + o.ph }, g);
    svg("line", { x1: o.W - o.R, x2: o.W - o.R, y1: o.T, y2: o.T + o.ph }, g);
    const step = Math.max(1, Math.ceil(o.maxN / 5));
    for (let v = 0; v <= o.maxN; v += step) svg("text", { x: o.L - 6, y: o.y(v) + 4, "text-anchor": "end" }, g, String(v));
    for (const v of [-10, -5, 0, 5, 10]) svg("text", { x: o.W - o.R + 6, y: o.yi(v) + 4 }, g, String(v));
    svg("line", { x1: o.L, x2: o.W - o.R, y1: o.yi(0), y2: o.yi(0), "stroke-dasharray": "3 3" }, g);
    svg("text", { x: 4, y: o.T + 8 }, g, "events");
    svg("text", { x: o.W - 4, y: o.T + 8, "text-anchor": "end" }, g, "intensity");
  }

  function intensityLine(box, periods, L, band, yi) {
    const pts = [];
    periods.forEach((p, i) => { if (p.mean_intensity !== null) pts.push([L + i * band + band / 2, yi(p.mean_intensity), p]); });
    if (!pts.length) return;
    svg("path", { class: "intensity-line", d: "M" + pts.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join("L") }, box);
    for (const [x, y, p] of pts) {
      const c = svg("circle", { class: "intensity-dot", cx: x.toFixed(1), cy: y.toFixed(1), r: 3 }, box);
      svg("title", {}, c, `${p.period}: mean intensity ${fmt(p.mean_intensity)}, mean Goldstein ${fmt(p.mean_goldstein)}`);
    }
  }

  function legend() {
    const box = clear($("timeline-legend"));
    // a style property, not a style attribute: the Content-Security-Policy forbids inline style attributes
    for (const q of QUADS) { el("span", { class: `swatch ${q.cls}` }, box).style.background = `var(--${q.cls})`; box.append(q.label); }
    el("span", { class: "swatch line" }, box); box.append("mean PLOVER intensity (right axis)");
  }

  // ---- map ----------------------------------------------------------------------------
  // equirectangular, cropped to 84°N..58°S (no events are placed in Antarctica)
  const MW = 640, MH = 290, TOP = 84, BOTTOM = -58;
  const project = ([lon, lat]) => [((lon + 180) / 360) * MW, ((TOP - lat) / (TOP - BOTTOM)) * MH];

  function worldPaths(topo) {
    // TopoJSON: quantized, delta-encoded arcs shared by the polygons that reference them
    const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
    const arcs = topo.arcs.map((arc) => { let x = 0, y = 0; return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; }); });
    const ring = (ids) => {
      const pts = [];
      for (const i of ids) {
        const a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
        pts.push(...(pts.length ? a.slice(1) : a));
      }
      return "M" + pts.map((p) => project(p).map((v) => v.toFixed(1)).join(",")).join("L") + "Z";
    };
    return topo.objects.countries.geometries.map((g) => {
      const polys = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
      return { name: (g.properties || {}).name, d: polys.flat(1).map(ring).join("") };
    });
  }

  async function loadMap() {
    const box = $("map");
    try {
      if (!state.world) {
        const res = await fetch("/static/vendor/world-atlas/countries-110m.json");
        state.world = worldPaths(await res.json());
      }
      const pts = await api("/api/places", { ...state.filters, limit: 2000 });
      drawMap(box, pts);
    } catch (err) { showError(err); }
  }

  function drawMap(box, pts) {
    clear(box);
    for (let lon = -180; lon <= 180; lon += 30) svg("line", { class: "graticule", x1: project([lon, 0])[0], x2: project([lon, 0])[0], y1: 0, y2: MH }, box);
    for (let lat = -60; lat <= 60; lat += 30) svg("line", { class: "graticule", x1: 0, x2: MW, y1: project([0, lat])[1], y2: project([0, lat])[1] }, box);
    for (const c of state.world) {
      if (c.name === "Antarctica") continue;
      const p = svg("path", { class: "land", d: c.d }, box); svg("title", {}, p, c.name || ""); }
    const maxN = Math.max(1, ...pts.map((p) => p.events));
    for (const p of [...pts].sort((a, b) => b.events - a.events)) {
      const [x, y] = project([p.lon, p.lat]);
      const c = svg("circle", { class: "point", cx: x.toFixed(1), cy: y.toFixed(1), r: (2.5 + 6 * Math.sqrt(p.events / maxN)).toFixed(1), fill: netColor((p.mean_goldstein || 0) / 10) }, box);
      c.dataset.place = p.name;
      svg("title", {}, c, `${p.name} (${p.country || "?"}): ${p.events} events, ${p.cooperative} cooperative, ${p.conflictual} conflictual`);
      c.addEventListener("click", () => { state.place = p.name; state.offset = 0; loadEvents(); });
    }
    svg("text", { x: 4, y: MH + 10, class: "small" }, box, `${pts.length} places · outlines: Natural Earth via world-atlas`).setAttribute("font-size", "9");
  }

  // ---- event list ---------------------------------------------------------------------
  async function loadEvents() {
    const q = { ...state.filters, limit: PAGE, offset: state.offset };
    if (state.dyad) { q.actor = state.dyad.a; q.partner = state.dyad.b; }
    if (state.place) q.place = state.place;
    let page;
    try { page = await api("/api/events", q); } catch (err) { showError(err); return; }
    const list = clear($("events"));
    for (const ev of page.items) list.appendChild(eventItem(ev));
    if (!page.items.length) el("li", { class: "muted" }, list, "no events match");
    eventsTitle(page);
    $("prev").disabled = page.offset === 0;
    $("next").disabled = page.offset + page.items.length >= page.total;
  }

  function eventsTitle(page) {
    const t = clear($("events-title"));
    const what = [];
    if (state.dyad) what.push(`between ${state.dyad.a} and ${state.dyad.b}`);
    if (state.place) what.push(`in ${state.place}`);
    t.append(`${what.join(" ")} · ${page.total} records`);
    if (page.total) $("page-info").textContent = `${page.offset + 1}–${page.offset + page.items.length} of ${page.total}`;
    else $("page-info").textContent = "";
    if (state.place) {
      const x = el("button", { type: "button", class: "small" }, t, "✕ place");
      x.addEventListener("click", () => { state.place = null; state.offset = 0; loadEvents(); });
    }
  }

  function sides(names) { return (names || []).filter(Boolean).join(", ") || "?"; }

  function eventItem(ev) {
    const li = el("li", { class: "event" });
    li.dataset.type = ev.type;
    const head = el("div", { class: "ev-head" }, li);
    el("b", { class: "ev-date" }, head, ev.date || "undated");
    el("span", { class: `ev-type q${ev.quad_class}` }, head, ev.type + (ev.mode ? ` · ${ev.mode}` : ""));
    if (ev.status && ev.status !== "asserted") el("span", { class: "ev-status" }, head, ev.status);
    el("span", { class: "ev-dyad" }, head, `${sides(ev.actor_names)} → ${sides(ev.recipient_names)}`);
    if (ev.location_name) el("span", { class: "ev-place" }, head, `in ${ev.location_name}`);
    const link = el("a", { href: `#article=${encodeURIComponent(ev.content_hash)}`, class: "ev-article" }, head,
      ev.title ? `“${ev.title}”` : "article");
    link.addEventListener("click", (e) => { e.preventDefault(); openArticle(ev.content_hash); });
    if (ev.published) el("span", { class: "muted small" }, head, `published ${ev.published}`);
    const p = el("p", { class: "ev-text" }, li);
    for (const s of ev.segments) {
      if (s.kind) el("mark", { class: s.kind, title: s.kind }, p, s.text);
      else p.append(s.text);
    }
    return li;
  }

  async function openArticle(key) {
    let art;
    try { art = await api(`/api/articles/${encodeURIComponent(key)}`); } catch (err) { showError(err); return; }
    $("article-title").textContent = art.title || art.id || "article";
    const meta = clear($("article-meta"));
    meta.append([art.published, art.source, art.id, `${art.events.length} events`].filter(Boolean).join(" · "));
    if (art.url && /^https?:\/\//i.test(art.url)) { meta.append(" · "); el("a", { href: art.url, rel: "noopener noreferrer", target: "_blank" }, meta, "original"); }
    const body = clear($("article-text"));
    for (const s of art.segments) {
      if (s.kind) el("mark", { class: s.kind }, body, s.text);
      else body.append(s.text);
    }
    $("article").showModal();
  }

  bind();
  init();
})();
