// claimgraph page: event list, event view (who claimed what, contradictions,
// provenance graph) and claim trace. Plain JavaScript, no external files; it
// talks to the JSON API of the same server (/api/events, /api/events/{id},
// /api/claims/{id}/trace, /api/search).
"use strict";

const main = document.getElementById("main");
const PAGE = 50;

function esc(s) {
  return String(s == null ? "" : s).replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({ error: r.status + " " + r.statusText }));
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

function dates(start, end) {
  if (!start && !end) return '<span class="muted">undated</span>';
  if (!end || end === start) return esc(start);
  return esc(start) + " – " + esc(end);
}

function figure(c) {
  if (c.figure_text) return c.figure_text;
  if (c.value != null) return String(c.value);
  if (c.min != null && c.max != null) return c.min + "–" + c.max;
  if (c.min != null) return "at least " + c.min;
  return "—";
}

function who(c) {
  return c.claimant_name || c.article.outlet_name || "unattributed";
}

// marked is a paragraph, escaped, with its evidence sentence in <mark>.
function marked(paragraph, sentence) {
  const i = sentence ? paragraph.indexOf(sentence) : -1;
  if (i < 0) return esc(paragraph);
  return esc(paragraph.slice(0, i)) + "<mark>" + esc(sentence) + "</mark>" + esc(paragraph.slice(i + sentence.length));
}

// articleLink is html (already escaped) linked to the article's own page
// when its input gave an http(s) URL.
// placeOf names a claim's place as its article spells it, with the
// gazetteer's name beside when they differ: "Aleppo (Ḩalab)".
function placeOf(c) {
  return c.place_mention && c.place_mention !== c.place_name ? `${c.place_mention} (${c.place_name})` : (c.place_name || "");
}

function articleLink(a, html) {
  return /^https?:\/\//i.test(a.url || "") ? `<a class="article-url" href="${esc(a.url)}" rel="noopener noreferrer" target="_blank">${html}</a>` : html;
}

function showError(err) {
  main.innerHTML = '<p class="error">' + esc(err.message || err) + '</p><p><a href="#/">Back to the events</a></p>';
}

// ---- routing ----

function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, qs] = hash.split("?");
  const params = new URLSearchParams(qs || "");
  let m;
  document.getElementById("search-results").hidden = true;
  if ((m = path.match(/^\/event\/(.+)$/))) return showEvent(decodeURIComponent(m[1]));
  if ((m = path.match(/^\/claim\/(.+)$/))) return showTrace(decodeURIComponent(m[1]));
  return showList(params);
}
window.addEventListener("hashchange", route);

// ---- event list ----

const FILTERS = ["place", "from", "to", "source", "q", "contradictions", "sort"];

async function showList(params) {
  document.title = "Events — claimgraph";
  const offset = parseInt(params.get("offset") || "0", 10) || 0;
  const query = new URLSearchParams();
  for (const k of FILTERS) if (params.get(k)) query.set(k, params.get(k));
  query.set("offset", offset);
  query.set("limit", PAGE);
  const v = k => esc(params.get(k) || "");
  main.innerHTML = `
    <h1>Events</h1>
    <form class="filters" id="filters">
      <label>Place<input name="place" value="${v("place")}" placeholder="Sukhnah, Homs…"></label>
      <label>From<input name="from" type="date" value="${v("from")}"></label>
      <label>To<input name="to" type="date" value="${v("to")}"></label>
      <label>Source<input name="source" value="${v("source")}" placeholder="sohr, Amaq…"></label>
      <label>Name<input name="q" value="${v("q")}" placeholder="ambush…"></label>
      <label>Sort<select name="sort"><option value="date">by date</option><option value="claims"${params.get("sort") === "claims" ? " selected" : ""}>most claims first</option></select></label>
      <label class="check"><input type="checkbox" name="contradictions" value="1"${params.get("contradictions") ? " checked" : ""}> with contradictions only</label>
      <button type="submit">Filter</button>
      <button type="button" class="plain" id="clear">Clear</button>
    </form>
    <div id="list"><p class="muted">Loading…</p></div>
    <details id="map-box" open><summary><h2>Map of these events</h2></summary><div id="map"></div></details>`;
  document.getElementById("filters").addEventListener("submit", e => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const [k, val] of new FormData(e.target)) if (val && !(k === "sort" && val === "date")) q.set(k, val);
    location.hash = "#/?" + q.toString();
  });
  document.getElementById("clear").addEventListener("click", () => { location.hash = "#/"; });
  let page;
  try {
    page = await api("/api/events?" + query.toString());
  } catch (err) {
    return showError(err);
  }
  const list = document.getElementById("list");
  if (page.total === 0) {
    list.innerHTML = '<p class="muted">No event matches these filters.</p>';
    return;
  }
  const rows = page.events.map(e => `
    <tr data-event="${esc(e.id)}">
      <td><a href="#/event/${encodeURIComponent(e.id)}">${esc(e.name || e.id)}</a>${e.aggregate ? ' <span class="small">(tally)</span>' : ""}</td>
      <td>${esc(e.place_name)}${e.places.length > 1 || (e.places.length === 1 && e.places[0] !== e.place_name) ? '<div class="small">' + esc(e.places.filter(p => p !== e.place_name).join(", ")) + "</div>" : ""}</td>
      <td class="dates">${dates(e.start, e.end)}</td>
      <td class="num">${e.claims}</td>
      <td class="num">${e.articles}</td>
      <td class="small">${esc(e.sources.map(s => s.name || s.id).join(", "))}</td>
      <td>${e.has_contradiction ? `<span class="marker bad" title="${e.contradictions} contradiction(s)">⚠ ${e.contradictions} contradiction${e.contradictions > 1 ? "s" : ""}</span>` : ""}
          ${e.corroborations ? `<span class="marker good" title="corroborated">✓ ${e.corroborations}</span>` : ""}
          ${e.circular ? `<span class="marker circ" title="circular reporting: one origin relayed by several articles">↻ ${e.circular}</span>` : ""}</td>
    </tr>`).join("");
  const last = Math.min(page.offset + page.events.length, page.total);
  const pager = `<div class="pager">
      <button class="plain" id="prev"${page.offset === 0 ? " disabled" : ""}>← Previous</button>
      <span>${page.offset + 1}–${last} of ${page.total} events</span>
      <button class="plain" id="next"${last >= page.total ? " disabled" : ""}>Next →</button></div>`;
  drawMap(document.getElementById("map"), page.events);
  list.innerHTML = pager + `<table id="events"><thead><tr><th>Event</th><th>Place</th><th>Dates</th><th>Claims</th><th>Articles</th><th>Sources</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
  const go = off => { params.set("offset", Math.max(0, off)); location.hash = "#/?" + params.toString(); };
  document.getElementById("prev").addEventListener("click", () => go(offset - PAGE));
  document.getElementById("next").addEventListener("click", () => go(offset + PAGE));
}

// ---- map of events ----

const NS = "http://www.w3.org/2000/svg";

// svgEl creates an SVG element with attributes under parent.
function svgEl(tag, attrs, parent) {
  const x = document.createElementNS(NS, tag);
  for (const k in attrs) x.setAttribute(k, attrs[k]);
  if (parent) parent.appendChild(x);
  return x;
}

let mapData; // GET /api/map, fetched once

// drawMap draws the governorates' outlines and the events that have
// coordinates, sized by their claims, red when figures contradict.
async function drawMap(box, events) {
  try {
    mapData = mapData || await api("/api/map");
  } catch (err) {
    box.innerHTML = '<p class="error">Map: ' + esc(err.message || err) + "</p>";
    return;
  }
  let minLon = 35.5, maxLon = 42.5, minLat = 32.2, maxLat = 37.5;
  const W = 620, cos = Math.cos(35 * Math.PI / 180), k = W / ((maxLon - minLon) * cos), H = Math.round((maxLat - minLat) * k);
  const xy = (lon, lat) => [((lon - minLon) * cos * k).toFixed(1), ((maxLat - lat) * k).toFixed(1)];
  const svg = svgEl("svg", { id: "map-svg", width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "map of the events" });
  for (const a of mapData.areas) {
    const g = svgEl("g", { class: "area", "data-name": a.name }, svg);
    svgEl("polygon", { points: a.outline.map(p => xy(p[0], p[1]).join(",")).join(" ") }, g);
    const c = a.outline.reduce((s, p) => [s[0] + p[0] / a.outline.length, s[1] + p[1] / a.outline.length], [0, 0]);
    const [x, y] = xy(c[0], c[1]);
    svgEl("text", { x, y, "text-anchor": "middle" }, g).textContent = a.name;
  }
  let shown = 0;
  const placed = events.filter(e => e.lat != null && e.lon != null).sort((a, b) => b.claims - a.claims);
  for (const e of placed) {
    const [x, y] = xy(e.lon, e.lat);
    const g = svgEl("g", { class: "event" + (e.has_contradiction ? " bad" : ""), "data-event": e.id }, svg);
    svgEl("circle", { cx: x, cy: y, r: (3 + 2 * Math.sqrt(e.claims)).toFixed(1) }, g);
    svgEl("title", {}, g).textContent = `${e.name || e.id} — ${e.place_name}, ${e.start || "undated"}; ${e.claims} claims${e.has_contradiction ? ", contradictions" : ""}`;
    g.addEventListener("click", () => { location.hash = "#/event/" + encodeURIComponent(e.id); });
    shown++;
  }
  box.innerHTML = "";
  box.appendChild(svg);
  const note = document.createElement("p");
  note.className = "small";
  note.textContent = `${shown} of the ${events.length} events listed have coordinates; a red dot has contradicting figures. ` + (mapData.note || "");
  box.appendChild(note);
}

// ---- event view ----

async function showEvent(id) {
  main.innerHTML = '<p class="muted">Loading…</p>';
  let e;
  try {
    e = await api("/api/events/" + encodeURIComponent(id));
  } catch (err) {
    return showError(err);
  }
  document.title = (e.name || e.id) + " — claimgraph";
  const byId = {};
  for (const c of e.claim_list) byId[c.id] = c;
  for (const c of e.related_claims || []) byId[c.id] = c; // a relation's side in another event
  const conflicted = new Set();
  for (const x of e.contradiction_list) { conflicted.add(x.a); conflicted.add(x.b); }
  const side = cid => {
    const c = byId[cid];
    if (!c) return '<div class="side">' + esc(cid) + "</div>";
    return `<div class="side"><span class="who">${esc(who(c))}</span> said <span class="fig">${esc(figure(c))}</span> ${esc(c.metric)}` +
      `<div class="small">${articleLink(c.article, esc([c.article.outlet_name, c.article.published, c.article.id].filter(Boolean).join(", ")))} · <a href="#/claim/${encodeURIComponent(cid)}">trace</a></div></div>`;
  };
  const cons = e.contradiction_list.map(x => `
    <li class="contradiction" data-a="${esc(x.a)}" data-b="${esc(x.b)}" data-origins="${esc([byId[x.a], byId[x.b]].filter(Boolean).map(c => c.origin).join(" "))}" data-figures="${esc([byId[x.a], byId[x.b]].filter(Boolean).map(figure).join(" "))}">
      <span class="kind">${esc(x.kind)} contradiction</span>
      <div class="versus">${side(x.a)}<span class="vs" aria-label="but">vs</span>${side(x.b)}</div>
      <div class="why">${esc(x.why)}</div></li>`);
  const cors = e.corroboration_list.map(x => `
    <li class="corroboration"><span class="kind">corroborated</span> ${esc(x.metric)} by ${x.independent_origins} independent origin${x.independent_origins === 1 ? "" : "s"} (${esc(x.origins.join(", "))})
      <div class="why">${esc(x.text)}</div></li>`).join("");
  const upds = (e.update_list || []).map(x => `
    <li class="update"><span class="kind">higher toll reported later</span>
      <div class="versus">${side(x.a)}<span class="vs" aria-label="then">then</span>${side(x.b)}</div>
      <div class="why">${esc(x.why)}</div></li>`).join("");
  const joins = (e.joined || []).map(j => `<li>${esc(j)}</li>`).join("");
  const circ = (e.circular_list || []).map(x => `
    <li class="circular" data-origin="${esc(x.origin)}"><span class="kind">circular reporting</span> <b>${esc(x.origin_name || x.origin)}</b>: one origin, carried by ${x.relays.length} article${x.relays.length === 1 ? "" : "s"}; their number is no corroboration.
      <ol class="relays">${x.relays.map((r, i) => `
        <li data-article="${esc(r.article.id)}" data-published="${esc(r.article.published)}"><span class="when">${r.article.published ? esc(r.article.published) : '<span class="muted">undated</span>'}</span>
          ${i === 0 && r.article.published ? (x.relays.length > 1 && x.relays[1].article.published === r.article.published ? '<span class="marker" title="published on the day the figure first appeared, like the next">first day</span> ' : '<span class="marker">first</span> ') : ""}<b>${esc(r.article.outlet_name || "no outlet named")}</b> · ${esc(r.article.title || r.article.id)}
          <div class="small">${esc(r.figures.join(", "))}${r.via.length ? " · through " + esc(r.via.map(v => v.name || v.id).join(" ← ")) : " · quoted directly"} · <a href="#/claim/${encodeURIComponent(r.claims[0])}">trace</a></div></li>`).join("")}</ol>
      <div class="why">${esc(x.why)}</div></li>`).join("");
  const rows = e.claim_list.map(c => `
    <tr data-claim="${esc(c.id)}"${conflicted.has(c.id) ? ' class="in-conflict"' : ""}>
      <td class="fig">${esc(figure(c))}</td>
      <td>${esc(c.metric)}${c.who ? '<div class="small">' + esc(c.who) + "</div>" : ""}</td>
      <td>${esc(who(c))}${c.origin && c.origin !== c.claimant && c.claimant ? '<div class="small">for ' + esc(c.origin_name || c.origin) + "</div>" : ""}${!c.claimant ? '<div class="small">unattributed</div>' : ""}</td>
      <td>${c.via.length ? esc(c.via.map(v => v.name || v.id).join(" ← ")) : '<span class="muted">—</span>'}</td>
      <td><div>${articleLink(c.article, esc(c.article.title || c.article.id))}</div><div class="small">${esc([c.article.outlet_name, c.article.published].filter(Boolean).join(", "))}</div></td>
      <td>${esc(placeOf(c))}<div class="small">${dates(c.start, c.end)}</div></td>
      <td class="evidence">${c.paragraph && c.paragraph !== c.evidence ? `<details class="paragraph"><summary>${esc(c.evidence)}</summary><p>${marked(c.paragraph, c.evidence)}</p></details>` : esc(c.evidence)}</td>
      <td><a href="#/claim/${encodeURIComponent(c.id)}">trace</a></td>
    </tr>`).join("");
  main.innerHTML = `
    <p><a href="#/">← All events</a></p>
    <h1 id="event-name">${esc(e.name || e.id)}</h1>
    <div class="meta">
      <span>Place <b>${esc(e.place_name)}</b>${e.places.length ? " (claims say: " + esc(e.places.join(", ")) + ")" : ""}</span>
      <span>Dates <b>${dates(e.start, e.end)}</b></span>
      <span><b>${e.claims}</b> claims in <b>${e.articles}</b> articles</span>
      <span><b>${e.independent_origins}</b> independent origins</span>
      ${e.aggregate ? "<span>a running tally, not one incident</span>" : ""}
    </div>
    <div id="reviews"></div>
    <h2>Contradictions (${e.contradiction_list.length})</h2>
    ${cons.length ? `<ul class="relations" id="contradictions">${cons.slice(0, 10).join("")}${cons.length > 10 ? `<li><details><summary>${cons.length - 10} more contradictions</summary><ul class="relations">${cons.slice(10).join("")}</ul></details></li>` : ""}</ul>` : '<p class="muted" id="contradictions">The linker found no contradiction among these claims.</p>'}
    ${cors ? `<details${e.corroboration_list.length <= 2 ? " open" : ""}><summary><h2>Corroborations (${e.corroboration_list.length})</h2></summary><ul class="relations" id="corroborations">${cors}</ul></details>` : ""}
    ${upds ? `<details open><summary><h2>Updates (${e.update_list.length})</h2></summary><p class="small">A higher toll reported later by another source: tolls rise as bodies are found, so this is no contradiction.</p><ul class="relations" id="updates">${upds}</ul></details>` : ""}
    ${circ ? `<details open><summary><h2>Circular reporting (${e.circular_list.length})</h2></summary><p class="small">One origin's figures repeated by several articles, in order of publication: the first is where the figure first appeared.</p><ul class="relations" id="circular">${circ}</ul></details>` : ""}
    ${joins ? `<details><summary><h2>Why these reports are one incident</h2></summary><ul class="joins" id="joined">${joins}</ul></details>` : ""}
    <h2>Reports over time</h2>
    <div id="timeline"></div>
    <h2>Who claimed what</h2>
    <table id="claims"><thead><tr><th>Figure</th><th>Metric</th><th>Claimed by</th><th>Relayed by</th><th>Article</th><th>Where, when</th><th>Evidence sentence</th><th></th></tr></thead><tbody>${rows}</tbody></table>
    <h2>Provenance graph</h2>
    <div class="legend"><span><i style="background:#dbe7f6"></i>origin</span><span><i style="background:#fbe9c9"></i>relay</span><span><i style="background:#fff"></i>claim</span><span><i style="background:#e6e0f3"></i>article</span><span><i style="background:#dff0e3"></i>outlet</span><span><i style="background:var(--bad)"></i>contradicts</span></div>
    <div class="graph" id="graph"></div>`;
  document.getElementById("graph").appendChild(provenanceSVG(e));
  drawTimeline(document.getElementById("timeline"), e);
  showReviews(e, side);
}

// ORIGIN_COLOURS tell origins apart on the timeline.
const ORIGIN_COLOURS = ["#1f5fa8", "#b3261e", "#1e7b34", "#8a5200", "#6b3fa0", "#0f7b7b", "#a33b72", "#4d5966"];

// drawTimeline plots an event's figures over their articles' publication
// dates, one colour per origin: a dot at the figure, a bar over its range.
// The metric shown is the one with most dated figures; a menu picks another.
function drawTimeline(box, e, metric) {
  const all = e.claim_list.filter(c => c.article.published && (c.value != null || c.min != null));
  const counts = {};
  for (const c of all) counts[c.metric] = (counts[c.metric] || 0) + 1;
  const metrics = Object.keys(counts).sort((a, b) => counts[b] - counts[a] || a.localeCompare(b));
  if (!metrics.length) {
    box.innerHTML = '<p class="muted small" id="timeline-empty">No figure of this event comes from a dated article.</p>';
    return;
  }
  metric = metric && counts[metric] ? metric : metrics[0];
  const cs = all.filter(c => c.metric === metric);
  const day = d => Date.parse(d.length === 4 ? d + "-01-01" : d.length === 7 ? d + "-01" : d) / 864e5;
  const lo = c => c.min != null ? c.min : c.value, hi = c => c.max != null ? c.max : (c.value != null ? c.value : c.min);
  let d0 = Math.min(...cs.map(c => day(c.article.published))), d1 = Math.max(...cs.map(c => day(c.article.published)));
  if (d1 - d0 < 2) { d0 -= 1; d1 += 1; }
  const top = Math.max(...cs.map(c => Math.max(hi(c), c.value != null ? c.value : 0))) * 1.15 || 1;
  const W = 640, H = 220, L = 48, R = 16, T = 12, B = 34;
  const X = d => L + (d - d0) / (d1 - d0) * (W - L - R), Y = v => T + (1 - v / top) * (H - T - B);
  const origins = [...new Set(cs.map(c => c.origin || "(unattributed)"))].sort();
  const colour = o => ORIGIN_COLOURS[origins.indexOf(o) % ORIGIN_COLOURS.length];
  const svg = svgEl("svg", { id: "timeline-svg", width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "figures over publication time" });
  svgEl("line", { x1: L, y1: H - B, x2: W - R, y2: H - B, class: "axis" }, svg);
  svgEl("line", { x1: L, y1: T, x2: L, y2: H - B, class: "axis" }, svg);
  for (const v of [0, top / 1.15 / 2, top / 1.15].map(Math.round).filter((v, i, a) => a.indexOf(v) === i)) {
    svgEl("text", { x: L - 6, y: Y(v) + 4, "text-anchor": "end", class: "tick" }, svg).textContent = v;
  }
  const ticks = [...new Set(cs.map(c => c.article.published))].sort();
  ticks.forEach((d, i) => {
    if (ticks.length > 6 && i % Math.ceil(ticks.length / 6)) return;
    svgEl("text", { x: X(day(d)), y: H - B + 16, "text-anchor": "middle", class: "tick" }, svg).textContent = d;
  });
  // claims of one origin on one day at one figure share a mark
  const marks = new Map();
  for (const c of cs) {
    const key = [c.origin, c.article.published, lo(c), hi(c)].join("|");
    if (!marks.has(key)) marks.set(key, []);
    marks.get(key).push(c);
  }
  for (const group of marks.values()) {
    // origins side by side around their day, so that one day's marks do not hide each other
    const c = group[0], o = c.origin || "(unattributed)", x = X(day(c.article.published)) + (origins.indexOf(o) - (origins.length - 1) / 2) * 9;
    const g = svgEl("g", { class: "mark", "data-origin": o, "data-published": c.article.published, "data-figure": figure(c) }, svg);
    if (hi(c) !== lo(c)) svgEl("line", { x1: x, y1: Y(lo(c)), x2: x, y2: Y(hi(c)), stroke: colour(o), "stroke-width": 4, "stroke-linecap": "round", opacity: 0.55 }, g);
    svgEl("circle", { cx: x, cy: Y(c.value != null ? c.value : lo(c)), r: 5 + Math.min(4, group.length - 1), fill: colour(o), stroke: "#fff", "stroke-width": 1.5 }, g);
    svgEl("title", {}, g).textContent = group.map(c => `${who(c)}: ${figure(c)} ${c.metric} (${[c.article.outlet_name, c.article.published].filter(Boolean).join(", ")})`).join("\n");
    g.addEventListener("click", () => { location.hash = "#/claim/" + encodeURIComponent(c.id); });
  }
  const names = {};
  for (const c of cs) names[c.origin || "(unattributed)"] = c.origin_name || c.origin || "unattributed";
  const undated = e.claim_list.filter(c => c.metric === metric && !c.article.published && (c.value != null || c.min != null)).length;
  box.innerHTML = (metrics.length > 1 ? `<label class="small">Figure <select id="timeline-metric">${metrics.map(m => `<option${m === metric ? " selected" : ""}>${esc(m)}</option>`).join("")}</select></label>` : "") +
    `<div class="legend" id="timeline-legend">${origins.map(o => `<span data-origin="${esc(o)}"><i style="background:${colour(o)}"></i>${esc(names[o])}</span>`).join("")}</div>`;
  box.appendChild(svg);
  const note = document.createElement("p");
  note.className = "small";
  note.textContent = `${cs.length} ${metric} figure${cs.length === 1 ? "" : "s"} by the date their article was published, one colour per origin; a bar spans a range.` +
    (undated ? ` ${undated} from undated articles are not shown.` : "");
  box.appendChild(note);
  const sel = document.getElementById("timeline-metric");
  if (sel) sel.addEventListener("change", () => drawTimeline(box, e, sel.value));
}

// showReviews fills in the fact-checkers' reviews of the event and its
// claims (recorded with 'claimgraph review'); the linker gives no verdict.
async function showReviews(e, side) {
  const box = document.getElementById("reviews");
  let rs;
  try {
    rs = (await api("/api/events/" + encodeURIComponent(e.id) + "/reviews")).reviews;
  } catch (err) {
    box.innerHTML = '<p class="error">Reviews: ' + esc(err.message || err) + "</p>";
    return;
  }
  if (!rs.length) {
    box.innerHTML = '<p class="muted small">No fact-checker has reviewed this event or its claims; the figures below are what the sources said, not verdicts.</p>';
    return;
  }
  box.innerHTML = `<h2>Fact-checkers' reviews (${rs.length})</h2><ul class="relations" id="review-list">` + rs.map(r => `
    <li class="review"><span class="kind">${esc(r.rating)}</span> by <b>${esc(r.author)}</b>, ${esc(r.date)}${/^https?:\/\//.test(r.url) ? ` · <a href="${esc(r.url)}" rel="noopener noreferrer">fact check</a>` : ""}
      ${r.claim ? side(r.claim) : '<div class="side">this event</div>'}
      <div class="why">${esc(r.explanation)}</div></li>`).join("") + "</ul>";
}

// provenanceSVG draws an event's claims as layered columns:
// origin → relays → claim → article → outlet, contradictions as red arcs.
function provenanceSVG(e) {
  const NS = "http://www.w3.org/2000/svg";
  const W = 190, H = 34, GAP = 12, COLX = [10, 250, 490, 900, 1140];
  const claims = e.claim_list.slice().sort((a, b) => (a.origin || "").localeCompare(b.origin || "") || a.metric.localeCompare(b.metric));
  const nodes = new Map(); // key -> {col, label, sub, links:[claim index], fill}
  const edges = [];
  const fills = ["#dbe7f6", "#fbe9c9", "#ffffff", "#e6e0f3", "#dff0e3"];
  const node = (col, id, label, sub) => {
    const key = col + ":" + id;
    if (!nodes.has(key)) nodes.set(key, { key, col, label, sub, ys: [] });
    return key;
  };
  claims.forEach((c, i) => {
    const ck = node(2, c.id, figure(c) + " " + c.metric, who(c));
    nodes.get(ck).y = 30 + i * (H + GAP);
    nodes.get(ck).claim = c;
    const chain = [];
    if (c.origin) chain.push(node(0, c.origin, c.origin_name || c.origin, c.claimant && c.claimant !== c.origin ? "via " + c.claimant_name : c.claimant ? "" : "outlet, unattributed"));
    for (let j = c.via.length - 1; j >= 0; j--) chain.push(node(1, c.via[j].id, c.via[j].name || c.via[j].id, "relay"));
    chain.push(ck);
    const ak = node(3, c.article.id, c.article.title || c.article.id, c.article.published || c.article.id);
    chain.push(ak);
    if (c.article.outlet) chain.push(node(4, c.article.outlet, c.article.outlet_name || c.article.outlet, "outlet"));
    for (let j = 0; j + 1 < chain.length; j++) edges.push([chain[j], chain[j + 1], "flow"]);
    for (const k of chain) if (k !== ck) nodes.get(k).ys.push(nodes.get(ck).y);
  });
  // place the other columns at the mean height of their claims, without overlaps
  for (let col = 0; col < 5; col++) {
    if (col === 2) continue;
    const ns = [...nodes.values()].filter(n => n.col === col);
    for (const n of ns) n.y = n.ys.reduce((a, b) => a + b, 0) / n.ys.length;
    ns.sort((a, b) => a.y - b.y);
    let next = 30;
    for (const n of ns) { n.y = Math.max(n.y, next); next = n.y + H + GAP; }
  }
  const ckey = id => "2:" + id;
  for (const x of e.contradiction_list) if (nodes.has(ckey(x.a)) && nodes.has(ckey(x.b))) edges.push([ckey(x.a), ckey(x.b), "contradicts"]);
  const height = Math.max(...[...nodes.values()].map(n => n.y)) + H + 30;
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("width", COLX[4] + W + 20);
  svg.setAttribute("height", height);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "provenance graph of the event");
  const el = (tag, attrs, parent) => {
    const x = document.createElementNS(NS, tag);
    for (const k in attrs) x.setAttribute(k, attrs[k]);
    (parent || svg).appendChild(x);
    return x;
  };
  const defs = el("defs", {});
  const mk = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, defs);
  el("path", { d: "M0,0 L10,5 L0,10 z", fill: "#8a94a3" }, mk);
  ["Origin", "Relays", "Claim", "Article", "Outlet"].forEach((t, i) => {
    const tx = el("text", { x: COLX[i], y: 16, fill: "#5c6675", "font-weight": 600 });
    tx.textContent = t.toUpperCase();
  });
  for (const [a, b, kind] of edges) {
    const na = nodes.get(a), nb = nodes.get(b);
    if (kind === "contradicts") {
      const x = COLX[2] + W, y1 = na.y + H / 2, y2 = nb.y + H / 2;
      const bulge = 25 + Math.min(160, Math.abs(y2 - y1) / 3);
      const p = el("path", { d: `M${x},${y1} C${x + bulge},${y1} ${x + bulge},${y2} ${x},${y2}`, fill: "none", stroke: "#b3261e", "stroke-width": 2, "stroke-dasharray": "5 3" });
      el("title", {}, p).textContent = "contradicts";
      continue;
    }
    let x1 = COLX[na.col] + W, x2 = COLX[nb.col];
    const y1 = na.y + H / 2, y2 = nb.y + H / 2;
    if (na.col === nb.col) { // relay chain inside the relay column
      el("path", { d: `M${COLX[na.col]},${y1} C${COLX[na.col] - 30},${y1} ${COLX[na.col] - 30},${y2} ${COLX[na.col]},${y2}`, fill: "none", stroke: "#8a94a3", "marker-end": "url(#arrow)" });
      continue;
    }
    if (nb.col - na.col > 1 && na.col === 0) x2 = COLX[nb.col]; // origin straight to the claim
    const mx = (x1 + x2) / 2;
    el("path", { d: `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}`, fill: "none", stroke: "#8a94a3", "stroke-width": 1.2, "marker-end": "url(#arrow)" });
  }
  for (const n of nodes.values()) {
    const g = el("g", { class: "node", "data-key": n.key });
    const conflict = n.claim && e.contradiction_list.some(x => x.a === n.claim.id || x.b === n.claim.id);
    el("rect", { x: COLX[n.col], y: n.y, width: W, height: H, rx: 5, fill: fills[n.col], stroke: conflict ? "#b3261e" : "#9aa5b4", "stroke-width": conflict ? 2 : 1 }, g);
    const t1 = el("text", { x: COLX[n.col] + 7, y: n.y + 14, fill: "#1d2430", "font-weight": n.col === 2 ? 700 : 500 }, g);
    t1.textContent = clip(n.label, 30);
    const t2 = el("text", { x: COLX[n.col] + 7, y: n.y + 28, fill: "#5c6675", "font-size": 11 }, g);
    t2.textContent = clip(n.sub || "", 32);
    el("title", {}, g).textContent = n.label + (n.sub ? " — " + n.sub : "");
    if (n.claim) {
      g.style.cursor = "pointer";
      g.addEventListener("click", () => { location.hash = "#/claim/" + encodeURIComponent(n.claim.id); });
    }
  }
  return svg;
}

function clip(s, n) {
  s = String(s);
  return s.length > n ? s.slice(0, n - 1) + "…" : s;
}

// ---- trace view ----

async function showTrace(id) {
  main.innerHTML = '<p class="muted">Loading…</p>';
  let t;
  try {
    t = await api("/api/claims/" + encodeURIComponent(id) + "/trace");
  } catch (err) {
    return showError(err);
  }
  const c = t.claim;
  document.title = "Trace of " + c.id + " — claimgraph";
  const hops = t.hops.slice().reverse(); // the organisation first, the article last: how the figure travelled
  const items = hops.map(h => `
    <li data-role="${esc(h.role)}"><b>${esc(h.name || h.id)}</b> <span class="small">${esc(h.role)} · ${esc(h.id)}</span></li>`).join("");
  const carriers = (t.carriers || []).map(k => `
    <li data-claim="${esc(k.claim)}"${k.first ? ' class="first"' : ""}>${articleLink(k.article, "<b>" + esc(k.article.title || k.article.id) + "</b>")}
      <span class="small">${esc([k.article.outlet_name, k.article.published || "undated"].filter(Boolean).join(", "))} · ${esc(k.claimant_name || "the outlet")}${k.via.length ? " ← " + esc(k.via.map(v => v.name || v.id).join(" ← ")) : ""}${k.first ? ' · <b>first appearance</b>' : ""}${k.claim === c.id ? " · this claim" : ` · <a href="#/claim/${encodeURIComponent(k.claim)}">trace</a>`}</span></li>`).join("");
  main.innerHTML = `
    <p>${c.event ? `<a href="#/event/${encodeURIComponent(c.event)}">← Back to the event</a> · ` : ""}<a href="#/">All events</a></p>
    <h1>Trace of a claim: ${esc(figure(c))} ${esc(c.metric)}</h1>
    <div class="meta">
      <span>Claimed by <b>${esc(who(c))}</b></span>
      ${c.place_name ? `<span>Place <b>${esc(placeOf(c))}</b></span>` : ""}
      <span>Dates <b>${dates(c.start, c.end)}</b></span>
      <span>Attribution <b>${esc(c.attribution || "—")}</b></span>
      <span class="small">${esc(c.id)}</span>
    </div>
    <h2>Evidence</h2>
    <p class="small" id="article">In ${articleLink(c.article, "<b>" + esc(c.article.title || c.article.id) + "</b>")}${c.article.outlet_name ? ", " + esc(c.article.outlet_name) : ""}${c.article.published ? ", " + esc(c.article.published) : ""}${/^https?:\/\//i.test(c.article.url || "") ? ` · <span class="url">${esc(c.article.url)}</span>` : ""}</p>
    ${c.paragraph
      ? `<blockquote id="paragraph">${marked(c.paragraph, c.evidence)}</blockquote><p class="small">The sentence the figure was read from, marked in its paragraph.</p>`
      : `<blockquote>${esc(c.evidence || (t.hops[0] && t.hops[0].evidence) || "")}</blockquote>`}
    <h2>How the figure reached the reader</h2>
    <p class="small">From the organisation behind the claim, through every relay, to the article and its outlet.</p>
    <ol class="trace" id="trace">${items}</ol>
    <h2>Every article that carried this figure (${(t.carriers || []).length})</h2>
    <p class="small">The claims of this incident that give the same figure from the same origin, in order of publication: where it appeared first, and who repeated it.</p>
    <ol class="carriers" id="carriers">${carriers}</ol>`;
}

// ---- search ----

let searchTimer;
document.getElementById("search-q").addEventListener("input", ev => {
  clearTimeout(searchTimer);
  const q = ev.target.value.trim();
  const box = document.getElementById("search-results");
  if (!q) { box.hidden = true; return; }
  searchTimer = setTimeout(async () => {
    try {
      const r = await api("/api/search?q=" + encodeURIComponent(q));
      const srcs = r.sources.map(s => `<a href="#/?source=${encodeURIComponent(s.id)}">${esc(s.name || s.id)} <span class="small">${esc(s.id)} · ${s.events} events</span></a>`).join("");
      const places = r.places.map(p => `<a href="#/?place=${encodeURIComponent(p.name)}">${esc(p.name)}${(p.mentions || []).length ? " (" + esc(p.mentions.join(", ")) + ")" : ""} <span class="small">${esc(p.admin1)} · ${p.events} events</span></a>`).join("");
      box.innerHTML = (srcs ? "<h4>Sources</h4>" + srcs : "") + (places ? "<h4>Places</h4>" + places : "") || '<p class="muted">Nothing found.</p>';
      box.hidden = false;
    } catch (err) {
      box.innerHTML = '<p class="error">' + esc(err.message) + "</p>";
      box.hidden = false;
    }
  }, 200);
});
document.getElementById("search").addEventListener("submit", ev => ev.preventDefault());

route();
