// Draws the before/after flow (chartjs-chart-sankey) from the page's JSON island (#flow-data).
// The table beside it carries the same pairs and counts, so nothing is lost without JavaScript.
(function () {
  'use strict';
  var island = document.getElementById('flow-data');
  var canvas = document.querySelector('canvas[data-flow]');
  if (!island || !canvas || typeof Chart === 'undefined') return;
  var spec = JSON.parse(island.textContent || '{}');
  var WHOLE = 'rgba(31, 95, 168, 0.45)';
  var PART = 'rgba(183, 121, 31, 0.75)';
  canvas.parentNode.style.height = spec.height + 'px';
  new Chart(canvas, {
    type: 'sankey',
    data: {
      datasets: [{
        data: spec.links,
        labels: spec.labels,
        column: spec.column,
        priority: spec.priority,
        colorFrom: function (c) { return c.raw && c.raw.share === 'part' ? PART : WHOLE; },
        colorTo: function (c) { return c.raw && c.raw.share === 'part' ? PART : WHOLE; },
        colorMode: 'from',
        borderWidth: 0,
        nodeWidth: 8,
        nodePadding: 2,
        size: 'max',
        font: { size: 11 },
      }],
    },
    options: {
      animation: false,
      onClick: function (e, elements, chart) {
        // The country by province: a click on a band opens the flow of the province it goes to.
        var el = elements[0];
        if (!el) return;
        var link = chart.data.datasets[0].data[el.index];
        var to = spec.drill[link.to] || spec.drill[link.from];
        if (to) window.location.href = to;
      },
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: function (c) {
              var r = c.raw;
              return (spec.labels[r.from] || r.from) + ' → ' + (spec.labels[r.to] || r.to) + ' (' + (r.share === 'part' ? spec.words.part : spec.words.whole) + ')';
            },
          },
        },
      },
    },
  });
})();
