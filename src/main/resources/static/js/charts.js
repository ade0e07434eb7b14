// Draws each <figure data-chart> with uPlot (served from its webjar): counts per bucket on the left axis,
// median and p99 latency in milliseconds on the right. Once drawn, the figure's table steps back to screen
// readers only; without this script (or uPlot) the table stays the chart.
(function () {
  'use strict';

  var HEIGHT = 240;
  var COLORS = {
    matched: '#2f5bea', delivered: '#1a7f37', failed: '#d9480f', dead: '#b42318', median: '#6741d9', p99: '#868e96'
  };

  function series(name, label, scale, dash) {
    return {
      label: label,
      scale: scale,
      stroke: COLORS[name],
      width: 2,
      dash: dash,
      spanGaps: scale === 'ms',
      points: { show: true, size: 5 },
      value: function (u, v) { return v == null ? '–' : v + (scale === 'ms' ? ' ms' : ''); }
    };
  }

  function draw(figure) {
    var box = figure.querySelector('.chart-canvas');
    if (!box || typeof uPlot === 'undefined') {
      return;
    }
    var data = JSON.parse(figure.getAttribute('data-chart'));
    var names = data.names;
    // A bucket's start in UTC: 2026-11-27 for a day, 2026-11-27 14:00 for an hour.
    var label = function (t) {
      var iso = new Date(t * 1000).toISOString();
      return data.unit === 'day' ? iso.slice(0, 10) : iso.slice(0, 10) + ' ' + iso.slice(11, 16);
    };
    var opts = {
      width: Math.max(box.clientWidth, 300),
      height: HEIGHT,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); },
      scales: { x: { time: true }, n: { range: function (u, min, max) { return [0, Math.max(max, 1)]; } }, ms: {} },
      series: [
        { label: names.when, value: function (u, t) { return t == null ? '–' : label(t); } },
        series('matched', names.matched, 'n'),
        series('delivered', names.delivered, 'n'),
        series('failed', names.failed, 'n'),
        series('dead', names.dead, 'n'),
        series('median', names.median, 'ms', [6, 4]),
        series('p99', names.p99, 'ms', [2, 4])
      ],
      axes: [
        {
          // One tick per day, or every third hour; labelled in UTC like the table (11-27, or 11-27 14:00).
          splits: function () {
            return data.t.filter(function (t, i) { return data.unit === 'day' || i % 3 === 0; });
          },
          values: function (u, ticks) {
            return ticks.map(function (t) { return label(t).slice(5); });
          }
        },
        { scale: 'n' },
        { scale: 'ms', side: 1, grid: { show: false },
          values: function (u, ticks) { return ticks.map(function (v) { return v + ' ' + data.ms; }); } }
      ]
    };
    var rows = [data.t, data.matched, data.delivered, data.failed, data.dead, data.median, data.p99];
    var plot = new uPlot(opts, rows, box);
    figure.classList.add('drawn');
    window.addEventListener('resize', function () {
      plot.setSize({ width: Math.max(box.clientWidth, 300), height: HEIGHT });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('figure[data-chart]').forEach(draw);
  });
})();
