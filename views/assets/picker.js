// The unit picker of the forms, following the WAI-ARIA combobox pattern (a text box that opens a
// list box). Progressive enhancement only: without this file a unit field takes a code or id:N.
// The box shows the unit's name; the reference the form sends (id:N, or what was typed) sits in a
// hidden field beside it. Every word shown comes from the server in the page's language.
'use strict';

(() => {
  const popup = document.getElementById('picker-popup');
  const list = document.getElementById('suggestions');
  const summary = document.getElementById('suggestions-summary');
  const status = document.getElementById('suggestions-status');
  if (!popup || !list || !summary || !status) return;

  const PAGE = 20;
  const state = { input: null, hits: [], total: 0, words: null, query: '', active: -1, sequence: 0, timer: 0 };

  const refOf = (input) => document.getElementById(`${input.id}-ref`);
  const labelOf = (input) => document.querySelector(`label[for="${input.id}"]`)?.textContent.replace(/\s*\*$/, '') ?? '';
  const options = () => [...list.querySelectorAll('[role="option"]')];

  function enhance(input) {
    const ref = document.createElement('input');
    Object.assign(ref, { type: 'hidden', name: input.name, value: input.value, id: `${input.id}-ref` });
    input.removeAttribute('name');
    input.after(ref);
    input.closest('.picker')?.classList.add('enhanced');
    for (const [k, v] of Object.entries({ role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'suggestions' })) input.setAttribute(k, v);
    if (input.dataset.picked) {
      const picked = JSON.parse(input.dataset.picked);
      input.value = picked.name;
      input.dataset.pickedName = picked.name;
    }
  }

  function text(tag, className, content) {
    const el = document.createElement(tag);
    el.className = className;
    el.textContent = content;
    return el;
  }

  /** What a picked unit is, under its box: type, code, path, and why it is greyed if it is. */
  function showPicked(input, hit) {
    const id = `${input.id}-picked`;
    document.getElementById(id)?.remove();
    const span = text('span', `picked${hit.alive ? '' : ' ended'}`, '');
    span.id = id;
    span.append(text('strong', '', hit.name), ' ', text('span', 'details', hit.details));
    if (hit.pathText) span.append(text('span', 'path', hit.pathText));
    if (hit.note) span.append(text('span', 'note', hit.note));
    refOf(input).after(span);
    const by = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== id);
    input.setAttribute('aria-describedby', [...by, id].join(' '));
  }

  function forget(input) {
    const id = `${input.id}-picked`;
    document.getElementById(id)?.remove();
    const by = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== id);
    if (by.length) input.setAttribute('aria-describedby', by.join(' '));
    else input.removeAttribute('aria-describedby');
    delete input.dataset.pickedName;
  }

  function option(hit, index) {
    const li = text('li', `option${hit.alive ? '' : ' ended'}`, '');
    Object.assign(li, { id: `suggestion-${index}` });
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    if (!hit.alive) li.setAttribute('aria-disabled', 'true');
    li.append(text('span', 'name', hit.name), text('span', 'details', hit.details));
    if (hit.pathText) li.append(text('span', 'path', hit.pathText));
    if (hit.otherName) li.append(text('span', 'other', hit.otherName));
    if (!hit.alive) li.append(text('span', 'note', `${hit.note} — ${state.words.refused}`));
    li.dataset.index = String(index);
    return li;
  }

  function render(data, append) {
    if (!append) { state.hits = []; list.replaceChildren(); }
    list.querySelector('.more')?.remove();
    const first = state.hits.length;
    state.hits.push(...data.hits);
    state.total = data.total;
    state.words = data.words;
    list.append(...data.hits.map((hit, i) => option(hit, first + i)));
    if (state.total > state.hits.length) {
      const more = text('li', 'option more', data.words.more);
      Object.assign(more, { id: 'suggestion-more' });
      more.setAttribute('role', 'option');
      more.setAttribute('aria-selected', 'false');
      list.append(more);
    }
    summary.textContent = data.summary;
    status.textContent = data.summary;
    open(state.input);
    setActive(append ? first : -1);
  }

  async function suggest(input, offset = 0) {
    const q = input.value.trim();
    if (q.length < 2) return close();
    const at = input.form?.elements.namedItem('effectiveOn')?.value || input.form?.elements.namedItem('at')?.value || '';
    const params = new URLSearchParams({ q, offset: String(offset), limit: String(PAGE), lang: document.documentElement.lang || 'vi' });
    if (at) params.set('at', at);
    const sequence = ++state.sequence;
    const response = await fetch(`/api/search?${params}`, { headers: { Accept: 'application/json' } });
    if (!response.ok || sequence !== state.sequence || document.activeElement !== input) return;
    state.input = input;
    state.query = q;
    render(await response.json(), offset > 0);
  }

  function open(input) {
    input.closest('.picker').append(popup);
    list.setAttribute('aria-label', labelOf(input));
    popup.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function close() {
    popup.hidden = true;
    const input = state.input;
    if (!input) return;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    state.active = -1;
  }

  function setActive(index) {
    const all = options();
    all.forEach((o) => o.setAttribute('aria-selected', 'false'));
    state.active = Math.max(-1, Math.min(index, all.length - 1));
    const chosen = all[state.active];
    if (!chosen) return void state.input?.removeAttribute('aria-activedescendant');
    chosen.setAttribute('aria-selected', 'true');
    state.input.setAttribute('aria-activedescendant', chosen.id);
    chosen.scrollIntoView({ block: 'nearest' });
  }

  function choose(index) {
    const input = state.input;
    const li = options()[index];
    if (!input || !li) return;
    if (li.classList.contains('more')) return void suggest(input, state.hits.length);
    const hit = state.hits[Number(li.dataset.index)];
    if (!hit.alive) { status.textContent = `${hit.name}: ${hit.note} — ${state.words.refused}`; return; }
    refOf(input).value = hit.ref;
    input.value = hit.name;
    input.dataset.pickedName = hit.name;
    showPicked(input, hit);
    close();
  }

  // Picking from the tree: a dialog that opens one level at a time, from the top, with buttons only
  // (Tab to move, Enter to open or pick, Escape to close), for units whose names say too little.
  const dialog = document.getElementById('picker-tree');
  const tree = { input: null, trail: [], hits: [], total: 0 };

  function treeButton(input) {
    const button = text('button', 'tree-open', dialog.dataset.openButton);
    button.type = 'button';
    button.setAttribute('aria-haspopup', 'dialog');
    button.setAttribute('aria-label', `${dialog.dataset.openButton}: ${labelOf(input)}`);
    button.addEventListener('click', () => openTree(input));
    input.closest('.picker')?.append(button);
  }

  function openTree(input) {
    tree.input = input;
    tree.trail = [];
    document.getElementById('picker-tree-title').textContent = `${dialog.dataset.title}: ${labelOf(input)}`;
    dialog.showModal();
    level(null, 0);
  }

  async function level(unit, offset) {
    if (offset === 0) {
      const at = tree.trail.findIndex((u) => u.id === unit?.id);
      tree.trail = unit === null ? [] : at >= 0 ? tree.trail.slice(0, at + 1) : [...tree.trail, unit];
      tree.hits = [];
    }
    const input = tree.input;
    const at = input.form?.elements.namedItem('effectiveOn')?.value || input.form?.elements.namedItem('at')?.value || '';
    const params = new URLSearchParams({ under: unit ? `id:${unit.id}` : 'top', offset: String(offset), limit: '50', lang: document.documentElement.lang || 'vi' });
    if (at) params.set('at', at);
    const response = await fetch(`/api/search?${params}`, { headers: { Accept: 'application/json' } });
    if (!response.ok) return;
    const data = await response.json();
    tree.hits.push(...data.hits);
    tree.total = data.total;
    drawTree(data, offset);
  }

  function drawTree(data, offset) {
    const crumbs = document.getElementById('picker-tree-crumbs');
    const stops = [{ id: null, name: dialog.dataset.top }, ...tree.trail];
    crumbs.replaceChildren(...stops.map((u, i) => {
      const li = document.createElement('li');
      if (i === stops.length - 1) li.append(text('span', 'here', u.name));
      else {
        const b = text('button', 'link', u.name);
        b.type = 'button';
        b.addEventListener('click', () => level(u.id === null ? null : u, 0));
        li.append(b);
      }
      return li;
    }));
    document.getElementById('picker-tree-summary').textContent = data.summary;
    const list = document.getElementById('picker-tree-list');
    if (offset === 0) list.replaceChildren();
    const rows = data.hits.map((hit) => {
      const li = text('li', hit.alive ? '' : 'ended', '');
      li.append(text('span', 'name', hit.name), ' ', text('span', 'details', hit.details));
      if (!hit.alive) li.append(text('span', 'note', `${hit.note} — ${dialog.dataset.refused}`));
      const actions = text('span', 'row-actions', '');
      if (hit.children > 0) {
        const open = text('button', '', `${dialog.dataset.open} (${hit.children})`);
        open.type = 'button';
        open.setAttribute('aria-label', `${dialog.dataset.open} ${hit.name} (${hit.children})`);
        open.addEventListener('click', () => level({ id: hit.id, name: hit.name }, 0));
        actions.append(open);
      }
      const pick = text('button', '', dialog.dataset.pick);
      pick.type = 'button';
      pick.disabled = !hit.alive;
      pick.setAttribute('aria-label', `${dialog.dataset.pick} ${hit.name}, ${hit.details}`);
      pick.addEventListener('click', () => pickFromTree(hit));
      actions.append(pick);
      li.append(actions);
      return li;
    });
    list.append(...rows);
    const more = document.getElementById('picker-tree-more');
    more.hidden = tree.total <= tree.hits.length;
    more.textContent = data.words.more;
    more.onclick = () => level(tree.trail.at(-1) ?? null, tree.hits.length);
    rows[0]?.querySelector('button:not([disabled])')?.focus();
  }

  function pickFromTree(hit) {
    const input = tree.input;
    refOf(input).value = hit.ref;
    input.value = hit.name;
    input.dataset.pickedName = hit.name;
    showPicked(input, hit);
    dialog.close();
    input.focus();
  }

  if (dialog) {
    document.getElementById('picker-tree-close').addEventListener('click', () => dialog.close());
    document.querySelectorAll('input[data-picker]').forEach(treeButton);
  }

  const isPicker = (el) => el instanceof HTMLInputElement && el.hasAttribute('data-picker');
  const isOpen = (input) => !popup.hidden && state.input === input;

  document.querySelectorAll('input[data-picker]').forEach(enhance);

  document.addEventListener('input', (event) => {
    const input = event.target;
    if (!isPicker(input)) return;
    if (input.value !== input.dataset.pickedName) {
      forget(input);
      refOf(input).value = input.value.trim();
    }
    clearTimeout(state.timer);
    state.timer = setTimeout(() => suggest(input), 200);
  });

  document.addEventListener('keydown', (event) => {
    const input = event.target;
    if (!isPicker(input)) return;
    const shown = isOpen(input);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!shown) return void (state.input === input && state.hits.length && !event.altKey ? (open(input), setActive(0)) : suggest(input));
      if (!event.altKey) setActive(state.active + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter' && shown && state.active >= 0) {
      event.preventDefault();
      choose(state.active);
    } else if (event.key === 'Escape' && shown) {
      event.preventDefault();
      close();
    } else if (event.key === 'Tab' && shown) {
      close();
    }
  });

  // A pointer chooses without taking the focus from the box.
  list.addEventListener('mousedown', (event) => event.preventDefault());
  list.addEventListener('click', (event) => {
    const li = event.target instanceof Element ? event.target.closest('[role="option"]') : null;
    if (li) choose(options().indexOf(li));
  });
  document.addEventListener('focusout', (event) => {
    if (isPicker(event.target) && event.target === state.input) setTimeout(() => { if (document.activeElement !== state.input) close(); }, 0);
  });
})();
