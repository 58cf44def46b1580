// Progressive enhancement only: every page works without this file.
'use strict';

// Tree: a branch whose units were not sent loads them when it is opened.
document.addEventListener('toggle', async (event) => {
  const details = event.target;
  if (!(details instanceof HTMLDetailsElement) || !details.open || !details.dataset.src || details.dataset.loaded) return;
  details.dataset.loaded = 'loading';
  try {
    const response = await fetch(details.dataset.src, { headers: { Accept: 'text/html' } });
    if (!response.ok) throw new Error(String(response.status));
    const note = details.querySelector(':scope > .lazy-note');
    const holder = document.createElement('div');
    holder.innerHTML = await response.text();
    note?.replaceWith(...holder.childNodes);
    details.dataset.loaded = 'yes';
  } catch {
    delete details.dataset.loaded;
  }
}, true);

// Unit picker: type part of a name (with or without diacritics) or a code, choose from the list.
const list = document.getElementById('suggestions');
let timer;
let target;

function choose(input, hit) {
  input.value = `id:${hit.id}`;
  input.dataset.label = hit.name;
  input.title = hit.name;
  let label = input.nextElementSibling;
  if (!label || !label.classList.contains('picked')) {
    label = document.createElement('span');
    label.className = 'hint picked';
    input.after(label);
  }
  label.textContent = `${hit.name}${hit.code ? ` (${hit.code})` : ''}${hit.path.length ? ` — ${hit.path.join(' › ')}` : ''}`;
  list.hidden = true;
}

async function suggest(input) {
  const q = input.value.trim();
  if (q.length < 2 || /^id:\d+$/.test(q)) { list.hidden = true; return; }
  const at = document.querySelector('input[name="effectiveOn"]')?.value || '';
  const response = await fetch(`/api/search?q=${encodeURIComponent(q)}&at=${encodeURIComponent(at)}`);
  if (!response.ok) return;
  const { hits } = await response.json();
  list.replaceChildren(...hits.filter((h) => h.alive).map((hit) => {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = `${hit.name}${hit.code ? ` (${hit.code})` : ''}${hit.path.length ? ` — ${hit.path.join(' › ')}` : ''}`;
    button.addEventListener('click', () => { choose(input, hit); input.focus(); });
    li.append(button);
    return li;
  }));
  list.hidden = list.children.length === 0;
  input.after(list);
}

if (list) {
  document.addEventListener('input', (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.hasAttribute('data-picker')) return;
    target = input;
    clearTimeout(timer);
    timer = setTimeout(() => suggest(target), 200);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') list.hidden = true;
  });
}
