// Fundwatch UI: CSRF token on every htmx request, charts from their data-option attributes, select-all boxes.
document.addEventListener('htmx:configRequest', function (e) {
  var header = document.querySelector('meta[name="csrf-header"]');
  var token = document.querySelector('meta[name="csrf-token"]');
  if (header && token) { e.detail.headers[header.content] = token.content; }
});

function fundwatchCharts(root) {
  if (typeof echarts === 'undefined') { return; }
  (root || document).querySelectorAll('[data-chart]').forEach(function (el) {
    if (el.dataset.rendered) { return; }
    var option = JSON.parse(el.getAttribute('data-chart'));
    option.animation = false; // a tool, not a show: the figures at once (and screenshots that are whole)
    var chart = echarts.init(el, null, {renderer: 'svg'});
    chart.setOption(option);
    el.dataset.rendered = 'true';
    window.addEventListener('resize', function () { chart.resize(); });
  });
}

document.addEventListener('DOMContentLoaded', function () {
  fundwatchCharts(document);
  document.querySelectorAll('[data-select-all]').forEach(function (box) {
    box.addEventListener('change', function () {
      document.querySelectorAll(box.getAttribute('data-select-all')).forEach(function (b) { b.checked = box.checked; });
    });
  });
});
document.addEventListener('htmx:afterSwap', function (e) { fundwatchCharts(e.target); });
