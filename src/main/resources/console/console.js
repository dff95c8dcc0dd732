// The ofn-events console: draws /api/topology with Cytoscape.js (laid out by dagre), polls
// /api/stats every two seconds and shows one resource from /api/resources/{ref}. Node kinds are
// data from the API (shape, colour, label), so a new kind needs no change here. Text from the API
// is only ever set as textContent, never parsed as HTML.
'use strict';
(function () {
  const POLL_MS = 2000;
  const COUNT_KEYS = ['received', 'delivered', 'failed', 'deadLettered', 'parked'];
  const st = { about: {}, topology: null, nodes: {}, resources: [], stats: null, selected: null, token: null, actionResult: null };
  let cy = null;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null) continue;
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of children.flat()) {
      if (c == null) continue;
      e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return e;
  }

  async function getJson(path) {
    const r = await fetch(path, { cache: 'no-store' });
    if (!r.ok) throw new Error(path + ' answered ' + r.status);
    return r.json();
  }

  function fmt(n) {
    if (n == null) return '–';
    return Number.isInteger(n) ? String(n) : n.toFixed(2);
  }

  function ago(ms) {
    if (ms == null) return 'never';
    return ms < 1000 ? ms + ' ms ago' : (ms / 1000).toFixed(1) + ' s ago';
  }

  // ---- topology ----
  async function loadTopology() {
    const [t, resources] = await Promise.all([getJson('api/topology'), getJson('api/resources')]);
    st.topology = t;
    st.resources = resources;
    st.nodes = {};
    t.nodes.forEach(n => { st.nodes[n.id] = n; });
    drawGraph(t);
    drawLegend(t.kinds);
  }

  function size(label) {
    const lines = String(label).split('\n');
    const longest = Math.max(...lines.map(l => l.length));
    return { w: Math.min(220, Math.max(90, longest * 7 + 24)), h: 26 + lines.length * 14 };
  }

  function drawGraph(t) {
    const nodes = t.nodes.map(n => ({ data: Object.assign({}, n, size(n.label)) }));
    const edges = t.edges.map(e => ({ data: Object.assign({ text: e.label }, e) }));
    const g = new dagre.graphlib.Graph({ multigraph: true });
    g.setGraph({ rankdir: 'LR', nodesep: 16, ranksep: 110, edgesep: 8, marginx: 20, marginy: 20 });
    g.setDefaultEdgeLabel(() => ({}));
    nodes.forEach(n => g.setNode(n.data.id, { width: n.data.w, height: n.data.h }));
    edges.forEach(e => g.setEdge(e.data.source, e.data.target, {}, e.data.id));
    dagre.layout(g);
    const positions = {};
    g.nodes().forEach(id => { const p = g.node(id); positions[id] = { x: p.x, y: p.y }; });
    const style = [
      { selector: 'node', style: {
        label: 'data(label)', 'text-wrap': 'wrap', 'text-max-width': 200, 'font-size': 11,
        'text-valign': 'center', 'text-halign': 'center', width: 'data(w)', height: 'data(h)',
        color: '#fff', 'text-outline-width': 0, 'border-width': 3, 'border-color': '#ccc' } },
      { selector: 'edge', style: {
        label: 'data(text)', 'font-size': 9, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle',
        width: 1.5, 'line-color': '#aab', 'target-arrow-color': '#aab', color: '#333',
        'text-wrap': 'wrap', 'text-background-color': '#fff', 'text-background-opacity': 0.85,
        'text-background-padding': 2 } },
      { selector: 'node.ready', style: { 'border-color': '#3a7d44' } },
      { selector: 'node.failing', style: { 'border-color': '#b23a48', 'border-width': 6 } },
      { selector: 'edge.active', style: { width: 3, 'line-color': '#5b7db1', 'target-arrow-color': '#5b7db1' } },
      { selector: 'edge.failing', style: { 'line-color': '#b23a48', 'target-arrow-color': '#b23a48' } }
    ];
    // one selector per kind the API describes: shapes and colours are data, not code
    t.kinds.forEach(k => style.push({
      selector: 'node[kind = "' + k.name + '"]', style: { shape: k.shape, 'background-color': k.color } }));
    if (cy) cy.destroy();
    cy = cytoscape({
      container: document.getElementById('graph'),
      elements: nodes.concat(edges), style, layout: { name: 'preset', positions, fit: true, padding: 20 },
      minZoom: 0.05, maxZoom: 3
    });
    cy.on('tap', 'node', ev => {
      const d = ev.target.data();
      if (d.resource) select(d.resource); else showNode(d.id);
    });
    if (st.stats) applyStats(st.stats);
  }

  function drawLegend(kinds) {
    const legend = document.getElementById('legend');
    legend.replaceChildren(...kinds.map(k => {
      const sw = el('span', { class: 'swatch' });
      sw.style.backgroundColor = k.color;
      return el('li', {}, sw, k.label);
    }), el('li', {}, 'border: green ready, red failing'));
  }

  // ---- stats ----
  function edgeText(label, s) {
    const c = s.counts || {};
    const r = s.rates || {};
    const total = c.received != null ? c.received : c.delivered != null ? c.delivered : c.deadLettered;
    let text = label + (total != null ? ' ' + fmt(total) : '');
    if (c.failed) text += ' ✗' + fmt(c.failed);
    const rate = r.received != null ? r.received : r.delivered;
    if (rate) text += ' · ' + fmt(rate) + '/s';
    return text;
  }

  function applyStats(s) {
    if (!cy) return;
    cy.batch(() => {
      for (const [id, n] of Object.entries(s.nodes)) {
        const node = cy.getElementById(id);
        if (node.empty()) continue;
        node.removeClass('ready failing unknown').addClass(n.state);
        const base = st.nodes[id].label;
        // plain text: the canvas font may have no symbol glyphs (headless Chromium has none)
        node.data('label', n.parked ? base + '\n' + n.parked + ' parked' : base);
      }
      for (const [id, e] of Object.entries(s.edges)) {
        const edge = cy.getElementById(id);
        if (edge.empty()) continue;
        edge.data('text', edgeText(edge.data('label'), e));
        const r = e.rates || {};
        edge.toggleClass('active', !!(r.received || r.delivered));
        edge.toggleClass('failing', !!r.failed);
      }
    });
  }

  function setStatus(s, error) {
    const badge = document.getElementById('status');
    const updated = document.getElementById('updated');
    if (error) {
      badge.className = 'badge failing';
      badge.textContent = 'unreachable';
      updated.textContent = String(error.message || error);
      return;
    }
    const failing = Object.values(s.resources).filter(r => r.state === 'failing').length;
    badge.className = 'badge ' + (!s.running ? '' : failing ? 'failing' : 'ready');
    badge.textContent = !s.running ? 'not running here' : failing ? failing + ' failing' : 'all ready';
    updated.textContent = 'updated ' + new Date(s.at).toLocaleTimeString();
  }

  function cell(v, key) {
    return el('td', { class: 'num', 'data-key': key }, fmt(v));
  }

  function renderTables(s) {
    const body = document.querySelector('#resources tbody');
    body.replaceChildren(...st.resources.map(r => {
      const x = s.resources[r.ref] || { counts: {} };
      const c = x.counts || {};
      return el('tr', { 'data-ref': r.ref, class: r.ref === st.selected ? 'selected' : null, onclick: () => select(r.ref) },
        el('td', {}, r.kind),
        el('td', { class: 'name' }, (r.namespace ? r.namespace + '/' : '') + r.name),
        el('td', { 'data-key': 'state' }, el('span', { class: 'state-' + x.state }, x.state || ''),
          x.reason ? el('div', { class: 'reason' }, x.reason) : null),
        cell(c.received, 'received'), cell(c.delivered, 'delivered'), cell(c.failed, 'failed'),
        cell(c.deadLettered, 'deadLettered'), cell(x.parked, 'parked'), cell(r.warnings, 'warnings'));
    }));
    const flows = document.querySelector('#flows tbody');
    const label = id => (st.nodes[id] ? st.nodes[id].label.replace('\n', ' · ') : id);
    flows.replaceChildren(...st.topology.edges.map(e => {
      const x = s.edges[e.id] || {};
      const c = x.counts || {};
      const r = x.rates || {};
      return el('tr', { 'data-edge': e.id, onclick: () => (e.resource ? select(e.resource) : null) },
        el('td', {}, label(e.source)), el('td', {}, label(e.target)), el('td', {}, e.label),
        cell(c.received, 'received'), cell(c.delivered, 'delivered'), cell(c.failed, 'failed'),
        cell(c.deadLettered, 'deadLettered'), cell(c.parked, 'parked'),
        cell(r.received != null ? r.received : r.delivered, 'rate'));
    }));
  }

  async function poll() {
    try {
      const s = await getJson('api/stats');
      if (!st.topology || s.topologyVersion !== st.topology.version) await loadTopology();
      st.stats = s;
      applyStats(s);
      renderTables(s);
      setStatus(s);
      if (st.selected) await refreshResource(st.selected);
    } catch (e) {
      setStatus(null, e);
    } finally {
      setTimeout(poll, POLL_MS);
    }
  }

  // ---- one resource ----
  function select(ref) {
    st.selected = ref;
    document.querySelectorAll('#resources tbody tr').forEach(tr =>
      tr.classList.toggle('selected', tr.getAttribute('data-ref') === ref));
    showResource(ref).catch(e => {
      document.getElementById('detail').replaceChildren(el('p', { class: 'reason' }, String(e.message || e)));
    });
  }

  function showNode(id) {
    st.selected = null;
    const n = st.nodes[id];
    const s = (st.stats && st.stats.nodes[id]) || { counts: {} };
    const rows = Object.entries(s.counts || {}).map(([k, v]) => el('tr', {}, el('td', {}, k), cell(v, k)));
    document.getElementById('detail').replaceChildren(
      el('h2', {}, n.label.replace('\n', ' · ')), el('p', {}, n.detail),
      el('p', {}, el('span', { class: 'state-' + s.state }, s.state || ''), s.reason ? el('div', { class: 'reason' }, s.reason) : null),
      el('table', {}, el('tbody', {}, rows)));
  }

  async function showResource(ref) {
    const r = await getJson('api/resources/' + ref);
    const panel = document.getElementById('detail');
    panel.replaceChildren(
      el('h2', {}, r.kind + ' ' + (r.namespace ? r.namespace + '/' : '') + r.name),
      el('p', { class: 'hint' }, (r.file || '') + (r.line ? ':' + r.line : '')),
      el('div', { id: 'd-live' }),
      el('h3', {}, 'Validation warnings'),
      r.problems.length ? el('ul', {}, r.problems.map(p => el('li', {}, p))) : el('p', { class: 'empty' }, 'none'),
      el('details', { open: '' }, el('summary', {}, 'YAML as loaded (secrets as references)'), el('pre', { id: 'd-yaml' }, r.yaml)),
      r.routes ? el('details', {}, el('summary', {}, 'Generated Camel route'), el('pre', { id: 'd-routes' }, r.routes)) : null);
    renderLive(r);
  }

  async function refreshResource(ref) {
    const r = await getJson('api/resources/' + ref);
    if (st.selected === ref) renderLive(r);
  }

  function renderLive(r) {
    const live = document.getElementById('d-live');
    if (!live) return;
    const x = (st.stats && st.stats.resources[r.ref]) || {};
    const parts = [el('p', {}, 'State: ', el('span', { class: 'state-' + x.state }, x.state || 'unknown'),
      x.reason ? el('div', { class: 'reason' }, x.reason) : null)];
    r.routeProblems.forEach(p => parts.push(el('div', { class: 'reason' }, p)));
    if (r.conditions) parts.push(el('h3', {}, 'Conditions now'), conditions(r.conditions));
    parts.push(el('h3', {}, 'Recent events'), events(r.events));
    parts.push(el('h3', {}, 'Parked events'), parked(r));
    live.replaceChildren(...parts);
  }

  function conditions(list) {
    return el('ul', { id: 'd-conditions' }, list.map(c => el('li', {},
      el('code', {}, c.condition), ' → ',
      el('strong', {}, !c.known ? 'unknown (state not in this process)' : String(c.value)),
      el('div', {}, (c.inputs || []).map(i =>
        el('span', { class: 'chip ' + i.value, title: i.lastEventId || '' },
          i.input + ' ' + (i.value ? '✓' : '✗') + ' ' + ago(i.lastEventAgeMs)))))));
  }

  function events(list) {
    if (!list.length) return el('p', { class: 'empty' }, 'no event yet');
    return el('table', { class: 'events' },
      el('thead', {}, el('tr', {}, ['time', 'id', 'event', 'size', 'outcome', 'data'].map(h => el('th', {}, h)))),
      el('tbody', {}, list.map(e => el('tr', { title: JSON.stringify(e.attributes, null, 1) },
        el('td', {}, new Date(e.at).toLocaleTimeString()), el('td', {}, e.id || ''), el('td', {}, e.detail || ''),
        el('td', { class: 'num' }, e.size < 0 ? '–' : e.size),
        el('td', { class: 'outcome-' + e.outcome }, e.outcome, e.error ? el('div', { class: 'reason' }, e.error) : null),
        el('td', {}, e.preview == null ? '' : (e.previewEncoding === 'base64' ? 'base64: ' : '') + e.preview + (e.truncated ? '…' : ''))))));
  }

  // the token field and the last action's answer outlive the panel, which is redrawn on each poll
  function actionControls() {
    if (!st.token) {
      st.token = el('input', { type: 'password', placeholder: 'API token', autocomplete: 'off', id: 'd-token' });
      st.actionResult = el('span', { class: 'hint', id: 'd-parked-result' });
    }
    return el('p', {}, st.token, ' ', st.actionResult);
  }

  function errorText(e) {
    let text = e.error.code != null ? String(e.error.code) : '';
    if (e.error.data) {
      try {
        const bytes = Uint8Array.from(atob(e.error.data), c => c.charCodeAt(0));
        const data = new TextDecoder().decode(bytes);
        text += (text ? ' ' : '') + (data.length > 160 ? data.slice(0, 160) + '…' : data);
      } catch (ignored) { /* not text: the code alone */ }
    }
    return text;
  }

  // replay and drop are the parked-events API's (/api/parked), with the management API's token
  function parked(r) {
    const p = r.parked;
    if (!p.available) return el('p', { class: 'empty', id: 'd-parked' }, 'No parked events: only resources whose routes run here park events (Triggers of both APIs, PingSources, ApiServerSources, Sequences, Parallels).');
    if (!p.events.length) return el('p', { class: 'empty', id: 'd-parked' }, 'No parked events.');
    const act = (verb, id) => async () => {
      const path = 'api/parked/' + id.split('/').map(encodeURIComponent).join('/') + '/' + verb;
      const resp = await fetch(path, { method: 'POST', cache: 'no-store', headers: { Authorization: 'Bearer ' + st.token.value } });
      const body = await resp.json();
      st.actionResult.textContent = resp.ok ? verb + ' ' + id + ': done' : body.error;
      if (resp.ok) await refreshResource(r.ref);
    };
    return el('div', { id: 'd-parked' },
      st.about.actions ? actionControls() : el('p', { class: 'hint' }, 'Read-only: replay and drop need the API token (--console-token, OFN_CONSOLE_TOKEN or --api-token-file).'),
      p.count > p.events.length ? el('p', { class: 'hint' }, 'the oldest ' + p.events.length + ' of ' + p.count) : null,
      el('table', { class: 'events' },
        el('thead', {}, el('tr', {}, ['parked', 'id', 'event', 'subscriber', 'error', ''].map(h => el('th', {}, h)))),
        el('tbody', {}, p.events.map(e => el('tr', { 'data-parked': e.id, title: JSON.stringify(e.attributes, null, 1) },
          el('td', {}, e.parkedAt ? new Date(e.parkedAt).toLocaleTimeString() : ''),
          el('td', {}, e.id), el('td', {}, e.eventId || ''),
          el('td', {}, e.subscriber < 0 ? 'none (unreadable)' : e.field || String(e.subscriber)),
          el('td', { class: 'reason' }, errorText(e)),
          el('td', {}, st.about.actions ? [el('button', { onclick: act('replay', e.id) }, 'Replay'),
            el('button', { onclick: act('drop', e.id) }, 'Drop')] : null))))));
  }

  async function start() {
    st.about = await getJson('api/console');
    document.getElementById('mode').textContent =
      (st.about.actions ? 'actions on' : 'read-only') + (st.about.version !== 'null' ? ' · ' + st.about.version : '');
    await poll();
  }

  start().catch(e => setStatus(null, e));
})();
