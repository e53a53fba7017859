(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('coopmap-data').textContent);
  var svg = document.querySelector('#map svg');
  var vp = svg.querySelector('#viewport');
  var nodeEls = [], labelEls = [], edgeEls = [];
  Array.prototype.forEach.call(svg.querySelectorAll('.node'), function (el) { nodeEls[+el.getAttribute('data-i')] = el; });
  Array.prototype.forEach.call(svg.querySelectorAll('.label'), function (el) { labelEls[+el.getAttribute('data-i')] = el; });
  edgeEls = Array.prototype.slice.call(svg.querySelectorAll('.edge'));
  var n = data.nodes.length, adj = [], i;
  for (i = 0; i < n; i++) adj.push([]);
  edgeEls.forEach(function (el) {
    var s = +el.getAttribute('data-s'), t = +el.getAttribute('data-t');
    adj[s].push(t); adj[t].push(s);
  });

  // ---- pan and zoom ----
  var tx = 0, ty = 0, sc = 1;
  function apply() { vp.setAttribute('transform', 'translate(' + tx + ',' + ty + ') scale(' + sc + ')'); }
  function toSvg(ev) {
    var p = svg.createSVGPoint(); p.x = ev.clientX; p.y = ev.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  svg.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var f = ev.deltaY < 0 ? 1.2 : 1 / 1.2, p = toSvg(ev);
    var ns = Math.min(40, Math.max(0.2, sc * f)); f = ns / sc;
    tx = p.x - (p.x - tx) * f; ty = p.y - (p.y - ty) * f; sc = ns; apply();
  }, { passive: false });
  var drag = null;
  svg.addEventListener('pointerdown', function (ev) {
    if (ev.target.classList && ev.target.classList.contains('node')) return;
    drag = { p: toSvg(ev), tx: tx, ty: ty, moved: false };
    svg.classList.add('dragging');
  });
  svg.addEventListener('pointermove', function (ev) {
    if (!drag) return;
    var p = toSvg(ev);
    tx = drag.tx + (p.x - drag.p.x); ty = drag.ty + (p.y - drag.p.y);
    if (Math.abs(p.x - drag.p.x) + Math.abs(p.y - drag.p.y) > 3) drag.moved = true;
    apply();
  });
  function endDrag() {
    if (drag && !drag.moved) select(-1);
    drag = null; svg.classList.remove('dragging');
  }
  svg.addEventListener('pointerup', endDrag);
  svg.addEventListener('pointerleave', function () { drag = null; svg.classList.remove('dragging'); });

  // ---- tooltip (text only: every data string goes through textContent) ----
  var tip = document.getElementById('tip');
  function row(table, k, v) {
    var tr = document.createElement('tr'), a = document.createElement('td'), b = document.createElement('td');
    a.textContent = k; b.textContent = v; tr.appendChild(a); tr.appendChild(b); table.appendChild(tr);
  }
  function fmt(v) {
    if (v === null) return data.texts.not_available;
    if (typeof v === 'number') return Math.abs(v) >= 1000 || v === Math.round(v) ? String(v) : v.toPrecision(3);
    return String(v);
  }
  function showTip(k, ev) {
    var d = data.nodes[k];
    while (tip.firstChild) tip.removeChild(tip.firstChild);
    var h = document.createElement('h3'); h.textContent = d.name; tip.appendChild(h);
    var t = document.createElement('table');
    row(t, data.texts.id, d.id);
    if (d.aliases.length) row(t, data.texts.aliases, d.aliases.join(', '));
    if (d.group !== null) row(t, data.color_title || data.texts.group, d.group);
    row(t, data.texts.partners, String(adj[k].filter(function (v, j, a) { return a.indexOf(v) === j; }).length));
    if (d.hollow) row(t, data.texts.survey, data.texts.did_not_respond);
    Object.keys(d.measures).forEach(function (m) { row(t, m, fmt(d.measures[m])); });
    Object.keys(d.attributes).forEach(function (a) { row(t, a, fmt(d.attributes[a])); });
    tip.appendChild(t);
    tip.hidden = false;
    moveTip(ev);
  }
  function moveTip(ev) {
    var x = ev.clientX + 14, y = ev.clientY + 14;
    if (x + tip.offsetWidth > window.innerWidth) x = ev.clientX - tip.offsetWidth - 14;
    if (y + tip.offsetHeight > window.innerHeight) y = ev.clientY - tip.offsetHeight - 14;
    tip.style.left = Math.max(0, x) + 'px'; tip.style.top = Math.max(0, y) + 'px';
  }
  nodeEls.forEach(function (el, k) {
    el.addEventListener('mouseenter', function (ev) { showTip(k, ev); });
    el.addEventListener('mousemove', moveTip);
    el.addEventListener('mouseleave', function () { tip.hidden = true; });
    el.addEventListener('click', function (ev) { ev.stopPropagation(); select(selected === k ? -1 : k); });
  });

  // ---- highlight a structure and its partners ----
  var selected = -1;
  function select(k) {
    selected = k;
    var keep = {};
    if (k >= 0) { keep[k] = true; adj[k].forEach(function (v) { keep[v] = true; }); }
    nodeEls.forEach(function (el, j) {
      el.classList.toggle('dim', k >= 0 && !keep[j]);
      el.classList.toggle('selected', j === k);
    });
    labelEls.forEach(function (el, j) { if (el) el.classList.toggle('dim', k >= 0 && !keep[j]); });
    edgeEls.forEach(function (el) {
      var s = +el.getAttribute('data-s'), t = +el.getAttribute('data-t');
      el.classList.toggle('dim', k >= 0 && s !== k && t !== k);
    });
    status.textContent = k >= 0 ? data.nodes[k].name + data.texts.colon + adj[k].filter(function (v, j, a) { return a.indexOf(v) === j; }).length + ' ' + data.texts.partners : '';
  }

  // ---- link-type filter ----
  var filters = document.getElementById('filters');
  data.types.forEach(function (t, k) {
    if (!data.type_used[k]) return;
    var lab = document.createElement('label'), box = document.createElement('input'), sw = document.createElement('span');
    box.type = 'checkbox'; box.checked = true;
    sw.textContent = '\u25A0 '; sw.style.color = data.type_colors[k] || '#888';
    lab.appendChild(box); lab.appendChild(sw); lab.appendChild(document.createTextNode(data.type_labels[k]));
    box.addEventListener('change', function () {
      edgeEls.forEach(function (el) { if (+el.getAttribute('data-k') === k) el.classList.toggle('off', !box.checked); });
    });
    filters.appendChild(lab);
  });

  // ---- bridge view: links between groups strong, links within a group faint ----
  var bridges = null;
  if (svg.querySelector('.edge.cross, .edge.within')) {
    var blab = document.createElement('label');
    bridges = document.createElement('input');
    bridges.type = 'checkbox'; bridges.id = 'bridges'; bridges.checked = svg.classList.contains('bridges');
    blab.appendChild(bridges); blab.appendChild(document.createTextNode(' ' + data.texts.bridges_toggle));
    bridges.addEventListener('change', function () { svg.classList.toggle('bridges', bridges.checked); });
    filters.parentNode.insertBefore(blab, filters);
  }

  // ---- search by name, id or alias ----
  var search = document.getElementById('search'), status = document.getElementById('status');
  function norm(s) { return String(s).toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, ''); }
  var keys = data.nodes.map(function (d) { return [d.name, d.id].concat(d.aliases).map(norm); });
  search.addEventListener('input', function () {
    var q = norm(search.value.trim());
    if (!q) { select(-1); return; }
    var hits = [];
    keys.forEach(function (ks, k) { if (ks.some(function (s) { return s.indexOf(q) >= 0; })) hits.push(k); });
    if (!hits.length) { select(-1); status.textContent = data.texts.no_match; return; }
    select(hits[0]);
    if (hits.length > 1) status.textContent += ' (' + hits.length + ' ' + data.texts.matches + ')';
    var el = nodeEls[hits[0]], cx = +el.getAttribute('cx'), cy = +el.getAttribute('cy');
    var vb = svg.viewBox.baseVal;
    tx = vb.width * 0.4 - cx * sc; ty = vb.height / 2 - cy * sc; apply();
  });
  document.getElementById('reset').addEventListener('click', function () {
    tx = 0; ty = 0; sc = 1; apply(); search.value = ''; select(-1);
    filters.querySelectorAll('input').forEach(function (b) { b.checked = true; });
    edgeEls.forEach(function (el) { el.classList.remove('off'); });
  });
  document.body.setAttribute('data-nodes', String(nodeEls.filter(Boolean).length));
  // Self-test for the headless browser test (map.html#selftest): drive the interactions
  // and record what they did.
  if (location.hash === '#selftest' && n > 0) {
    var r = {};
    select(0);
    r.dimmed = svg.querySelectorAll('.node.dim').length;
    r.partners = adj[0].filter(function (v, j, a) { return a.indexOf(v) === j; }).length;
    select(-1);
    search.value = data.nodes[n - 1].name; search.dispatchEvent(new Event('input'));
    r.found = selected;
    var first = filters.querySelector('input');
    if (first) { first.checked = false; first.dispatchEvent(new Event('change')); }
    r.hidden = svg.querySelectorAll('.edge.off').length;
    if (bridges) {
      bridges.checked = !bridges.checked; bridges.dispatchEvent(new Event('change'));
      r.bridges_toggled = svg.classList.contains('bridges') === bridges.checked;
      bridges.checked = !bridges.checked; bridges.dispatchEvent(new Event('change'));
    }
    showTip(0, { clientX: 10, clientY: 10 });
    r.tip = tip.querySelector('h3').textContent;
    document.getElementById('reset').click();
    r.after_reset = svg.querySelectorAll('.edge.off, .node.dim').length;
    document.body.setAttribute('data-selftest', JSON.stringify(r));
  }
  document.body.setAttribute('data-ready', '1');
})();
