// Draws every <canvas data-chart="id"> from the page's JSON island (#chart-data). The page's
// tables carry the same figures, so nothing is lost without JavaScript or when printing.
(function () {
  'use strict';
  var island = document.getElementById('chart-data');
  if (!island || typeof Chart === 'undefined') return;
  var specs = JSON.parse(island.textContent || '[]');
  var PALETTE = ['#1f5fa8', '#c0392b', '#2e8b57', '#b7791f', '#6b46c1'];

  // A dashed vertical line at the deadline, drawn after the datasets.
  var deadlinePlugin = {
    id: 'deadline',
    afterDatasetsDraw: function (chart) {
      var i = chart.options.plugins.deadline && chart.options.plugins.deadline.index;
      if (i === undefined || i < 0) return;
      var x = chart.scales.x.getPixelForValue(i);
      var ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = '#555';
      ctx.setLineDash([4, 4]);
      ctx.beginPath();
      ctx.moveTo(x, chart.chartArea.top);
      ctx.lineTo(x, chart.chartArea.bottom);
      ctx.stroke();
      ctx.restore();
    },
  };

  function dataset(d, i) {
    if (d.kind === 'actual') return { label: d.label, data: d.data, borderColor: PALETTE[0], backgroundColor: PALETTE[0], pointRadius: 2, tension: 0, spanGaps: false };
    if (d.kind === 'milestone') return { label: d.label, data: d.data, showLine: false, pointStyle: 'triangle', pointRadius: 7, borderColor: PALETTE[3], backgroundColor: PALETTE[3] };
    if (d.kind === 'path') return { label: d.label, data: d.data, borderColor: PALETTE[1], borderDash: [6, 4], pointRadius: 0, borderWidth: 1.5 };
    // A reported indicator: its illustrative points faded (their labels say so too), the count from staffing in grey beside it.
    if (d.kind === 'reported') {
      var c = PALETTE[i % PALETTE.length];
      // Illustrative bars fade; the legend keeps the full colour (`solid`, read by legendLabels).
      return { label: d.label, data: d.data, solid: c, borderColor: c, borderWidth: 1, backgroundColor: function (ctx) { return ctx.type === 'data' && d.illustrative && d.illustrative[ctx.dataIndex] ? c + '55' : c; } };
    }
    if (d.kind === 'counted') return { label: d.label, data: d.data, backgroundColor: '#7a7a7a', borderColor: '#555', borderWidth: 1 };
    return { label: d.label, data: d.data, backgroundColor: PALETTE[i % PALETTE.length] };
  }

  // A bar's legend takes its first bar's colour; a reported indicator's first bar may be a faded illustrative one.
  function legendLabels(chart) {
    var items = Chart.defaults.plugins.legend.labels.generateLabels(chart);
    items.forEach(function (it) {
      var ds = chart.data.datasets[it.datasetIndex];
      if (ds && ds.solid) it.fillStyle = ds.solid;
    });
    return items;
  }

  // Each axis says what it counts and in which unit (the view model writes the words).
  function axisTitle(text) {
    return text ? { display: true, text: text, font: { weight: 'bold' } } : { display: false };
  }

  specs.forEach(function (s) {
    var canvas = document.querySelector('canvas[data-chart="' + s.id + '"]');
    if (!canvas) return;
    new Chart(canvas, {
      type: s.type,
      data: { labels: s.labels, datasets: s.datasets.map(dataset) },
      options: {
        animation: false,
        locale: document.documentElement.lang === 'en' ? 'en-GB' : 'vi-VN',
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { position: 'bottom', labels: { generateLabels: legendLabels } }, deadline: { index: s.deadlineIndex } },
        // Category bars keep every label (districts); time lines thin theirs out.
        scales: {
          x: { stacked: !!s.stacked, title: axisTitle(s.xTitle), ticks: s.type === 'bar' ? { autoSkip: false, maxRotation: 45 } : { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } },
          y: { stacked: !!s.stacked, beginAtZero: s.type === 'bar', title: axisTitle(s.yTitle) },
        },
      },
      plugins: [deadlinePlugin],
    });
  });
})();
