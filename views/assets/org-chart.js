// The org chart with JavaScript: fold and unfold, zoom and pan, the keyboard, PNG export and print.
// The chart is drawn on the server (an SVG in the page), so without this file it still shows and prints.
(function () {
  'use strict';
  var charts = Array.prototype.slice.call(document.querySelectorAll('svg.oc-svg'));
  if (!charts.length) return;
  var tools = document.querySelector('.oc-tools');
  if (tools) tools.hidden = false;
  var live = charts.map(setUp);
  var current = live[live.length - 1];

  function setUp(svg) {
    var full = svg.getAttribute('viewBox').split(' ').map(Number);
    var state = { svg: svg, full: full, box: full.slice(), kids: {}, parent: {}, byId: {} };
    svg.parentNode.classList.add('oc-live');
    svg.setAttribute('width', '100%');
    svg.setAttribute('height', '100%');
    svg.querySelectorAll('a').forEach(function (a) { a.setAttribute('tabindex', '-1'); });
    var boxes = svg.querySelectorAll('g.oc-box');
    boxes.forEach(function (g, i) {
      var id = g.dataset.id;
      state.byId[id] = g;
      g.setAttribute('tabindex', i === 0 ? '0' : '-1');
      if (g.dataset.parent) {
        state.parent[id] = g.dataset.parent;
        (state.kids[g.dataset.parent] = state.kids[g.dataset.parent] || []).push(id);
      }
    });
    svg.addEventListener('keydown', function (e) { onKey(state, e); });
    svg.addEventListener('focusin', function (e) {
      current = state;
      var g = e.target.closest && e.target.closest('g.oc-box');
      if (g) rove(state, g);
    });
    svg.addEventListener('click', function (e) {
      var t = e.target.closest && e.target.closest('g.oc-toggle');
      if (t && !state.dragged) toggle(state, t.parentNode.dataset.id);
    });
    svg.addEventListener('wheel', function (e) {
      e.preventDefault();
      current = state;
      zoom(state, e.deltaY < 0 ? 0.8 : 1.25, point(state, e));
    }, { passive: false });
    pan(state);
    return state;
  }

  function apply(s) { s.svg.setAttribute('viewBox', s.box.map(function (n) { return Math.round(n * 10) / 10; }).join(' ')); }

  function point(s, e) {
    var r = s.svg.getBoundingClientRect();
    var scale = Math.max(s.box[2] / r.width, s.box[3] / r.height);
    return [s.box[0] + (e.clientX - r.left) * scale, s.box[1] + (e.clientY - r.top) * scale];
  }

  function zoom(s, factor, at) {
    var c = at || [s.box[0] + s.box[2] / 2, s.box[1] + s.box[3] / 2];
    var w = Math.min(Math.max(s.box[2] * factor, 100), s.full[2] * 4);
    var h = s.box[3] * (w / s.box[2]);
    s.box = [c[0] - (c[0] - s.box[0]) * (w / s.box[2]), c[1] - (c[1] - s.box[1]) * (h / s.box[3]), w, h];
    apply(s);
  }

  function pan(s) {
    var start = null;
    s.svg.addEventListener('pointerdown', function (e) {
      if (e.button !== 0) return;
      start = { x: e.clientX, y: e.clientY, box: s.box.slice() };
      s.dragged = false;
    });
    s.svg.addEventListener('pointermove', function (e) {
      if (!start) return;
      var r = s.svg.getBoundingClientRect();
      var scale = Math.max(s.box[2] / r.width, s.box[3] / r.height);
      var dx = e.clientX - start.x;
      var dy = e.clientY - start.y;
      if (Math.abs(dx) + Math.abs(dy) > 4) s.dragged = true;
      if (!s.dragged) return;
      s.box = [start.box[0] - dx * scale, start.box[1] - dy * scale, s.box[2], s.box[3]];
      apply(s);
    });
    window.addEventListener('pointerup', function () { start = null; setTimeout(function () { s.dragged = false; }, 0); });
  }

  function descendants(s, id) {
    var out = [];
    var stack = (s.kids[id] || []).slice();
    while (stack.length) {
      var k = stack.pop();
      out.push(k);
      stack.push.apply(stack, s.kids[k] || []);
    }
    return out;
  }

  /** Folding hides the branch where it stands: the layout is the server's and is not redrawn. */
  function toggle(s, id, open) {
    var g = s.byId[id];
    if (!g || !s.kids[id]) return;
    var expanded = open === undefined ? g.getAttribute('aria-expanded') !== 'true' : open;
    g.setAttribute('aria-expanded', String(expanded));
    var sign = g.querySelector('.oc-toggle text');
    if (sign) sign.textContent = expanded ? '−' : '+';
    refresh(s);
  }

  function refresh(s) {
    var hidden = {};
    Object.keys(s.byId).forEach(function (id) {
      if (s.byId[id].getAttribute('aria-expanded') === 'false') descendants(s, id).forEach(function (d) { hidden[d] = true; });
    });
    var shut = function (id) { return hidden[id] || s.byId[id].getAttribute('aria-expanded') === 'false'; };
    Object.keys(s.byId).forEach(function (id) { s.byId[id].style.display = hidden[id] ? 'none' : ''; });
    s.svg.querySelectorAll('path.oc-link').forEach(function (p) {
      var to = p.dataset.to;
      p.style.display = (to ? hidden[to] : shut(p.dataset.from)) ? 'none' : '';
    });
    s.svg.querySelectorAll('rect.oc-grid').forEach(function (r) { r.style.display = shut(r.dataset.parent) ? 'none' : ''; });
  }

  function rove(s, g) {
    s.svg.querySelectorAll('g.oc-box[tabindex="0"]').forEach(function (o) { if (o !== g) o.setAttribute('tabindex', '-1'); });
    g.setAttribute('tabindex', '0');
  }

  function visible(s, id) { return id && s.byId[id] && s.byId[id].style.display !== 'none'; }

  function move(s, g) {
    if (!g) return;
    rove(s, g);
    g.focus();
    show(s, g);
  }

  /** Pans just enough to bring a focused box into view. */
  function show(s, g) {
    var b = g.getBBox();
    var x = s.box[0];
    var y = s.box[1];
    if (b.x < x) x = b.x - 20; else if (b.x + b.width > x + s.box[2]) x = b.x + b.width - s.box[2] + 20;
    if (b.y < y) y = b.y - 20; else if (b.y + b.height > y + s.box[3]) y = b.y + b.height - s.box[3] + 20;
    s.box = [x, y, s.box[2], s.box[3]];
    apply(s);
  }

  function siblings(s, id) {
    var p = s.parent[id];
    return p ? s.kids[p].filter(function (k) { return visible(s, k); }) : [id];
  }

  function onKey(s, e) {
    var g = e.target.closest && e.target.closest('g.oc-box');
    var k = e.key;
    if (k === '+' || k === '=') return void (e.preventDefault(), zoom(s, 0.8));
    if (k === '-' || k === '_') return void (e.preventDefault(), zoom(s, 1.25));
    if (k === '0') return void (e.preventDefault(), fit(s));
    if (!g) return;
    var id = g.dataset.id;
    var sib = siblings(s, id);
    var i = sib.indexOf(id);
    var target = null;
    if (k === 'Enter' || k === ' ') {
      e.preventDefault();
      toggle(s, id);
      return;
    }
    if (k === 'ArrowUp') target = s.parent[id];
    else if (k === 'ArrowDown') target = g.getAttribute('aria-expanded') === 'true' ? s.kids[id][0] : null;
    else if (k === 'ArrowLeft') target = sib[i - 1];
    else if (k === 'ArrowRight') target = sib[i + 1];
    else if (k === 'Home') target = sib[0];
    else if (k === 'End') target = sib[sib.length - 1];
    else return;
    e.preventDefault();
    if (visible(s, target)) move(s, s.byId[target]);
  }

  function fit(s) { s.box = s.full.slice(); apply(s); }

  function png(s) {
    var clone = s.svg.cloneNode(true);
    clone.setAttribute('viewBox', s.full.join(' '));
    clone.setAttribute('width', String(s.full[2]));
    clone.setAttribute('height', String(s.full[3]));
    var text = new XMLSerializer().serializeToString(clone);
    var img = new Image();
    img.onload = function () {
      var canvas = document.createElement('canvas');
      var scale = Math.min(2, 16000 / Math.max(s.full[2], s.full[3]));
      canvas.width = Math.round(s.full[2] * scale);
      canvas.height = Math.round(s.full[3] * scale);
      var ctx = canvas.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      var a = document.createElement('a');
      a.download = (s.svg.id || 'so-do') + '.png';
      a.href = canvas.toDataURL('image/png');
      document.body.appendChild(a);
      a.click();
      a.remove();
    };
    // A data: URL: the page's CSP allows data: images, and the canvas stays exportable.
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(text);
  }

  if (tools) tools.addEventListener('click', function (e) {
    var b = e.target.closest('button[data-oc]');
    if (!b) return;
    var what = b.dataset.oc;
    live.forEach(function (s) {
      if (what === 'zoom-in') zoom(s, 0.8);
      else if (what === 'zoom-out') zoom(s, 1.25);
      else if (what === 'reset') fit(s);
      else if (what === 'fold-all' || what === 'unfold-all') {
        Object.keys(s.kids).forEach(function (id) { if (s.parent[id] || what === 'unfold-all') toggle(s, id, what === 'unfold-all'); });
      }
    });
    if (what === 'png') live.forEach(png);
    if (what === 'print') window.print();
  });
  // The whole chart on paper, whatever was zoomed on screen.
  window.addEventListener('beforeprint', function () { live.forEach(fit); });
})();
