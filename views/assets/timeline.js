// The timeline as a slider over the dates on which the scope changed (#timeline-data). The links
// beside it work without JavaScript; the slider only moves faster between them. Each position is
// a page with ?at=: moving the slider shows the step at once and opens its page after a pause (or
// at once with Enter or on release of the mouse), and the slider keeps the focus across the load.
(function () {
  'use strict';
  var island = document.getElementById('timeline-data');
  var box = document.querySelector('[data-timeline] .tl-slider');
  var range = document.getElementById('tl-range');
  var now = document.getElementById('tl-now');
  if (!island || !box || !range || !now) return;
  var spec = JSON.parse(island.textContent || '{}');
  var FOCUS = 'timeline-focus';
  var timer = null;
  box.hidden = false;

  function stop() { return spec.stops[Number(range.value)]; }

  function go() {
    clearTimeout(timer);
    var s = stop();
    if (!s || Number(range.value) === spec.index) return;
    try { sessionStorage.setItem(FOCUS, '1'); } catch (e) { /* private mode: the focus is not kept */ }
    window.location.assign(spec.url.replace('at=AT', 'at=' + encodeURIComponent(s[0])));
  }

  range.addEventListener('input', function () {
    var s = stop();
    if (!s) return;
    range.setAttribute('aria-valuetext', s[1]);
    now.textContent = s[1];
    clearTimeout(timer);
    timer = setTimeout(go, 700);
  });
  range.addEventListener('pointerup', go);
  range.addEventListener('keydown', function (e) { if (e.key === 'Enter') go(); });

  var keep = false;
  try { keep = sessionStorage.getItem(FOCUS) === '1'; sessionStorage.removeItem(FOCUS); } catch (e) { /* ignore */ }
  if (keep) range.focus({ preventScroll: false });
})();
