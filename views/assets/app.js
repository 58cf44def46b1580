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

// A destructive form (<form data-confirm="question">) asks in a native dialog and, on OK, sends the
// confirmation itself; without JavaScript the server answers the unconfirmed post with a page that asks.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.confirm || form.querySelector('input[name=confirmed]')) return;
  if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); return; }
  const yes = document.createElement('input');
  yes.type = 'hidden';
  yes.name = 'confirmed';
  yes.value = 'yes';
  form.append(yes);
});
