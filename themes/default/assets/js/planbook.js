// planbook: starts every chart of a page. Each element with data-chart
// names, in data-option, the script element holding its option as JSON,
// and in data-table the element holding the table of its figures. Charts
// draw as SVG so that they print sharply and stay selectable.
(function () {
  'use strict';

  var charts = [];

  // start draws every chart of the page that is not drawn yet, and lets go
  // of charts no longer on the page (the live preview replaces a page's
  // content in place, keeping the charts whose figures did not change).
  function start() {
    if (!window.echarts) {
      return;
    }
    charts = charts.filter(function (c) {
      if (document.body.contains(c.getDom())) {
        return true;
      }
      c.dispose();
      return false;
    });
    var printing = document.documentElement.classList.contains('print');
    var nodes = document.querySelectorAll('[data-chart]');
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      var source = document.getElementById(el.getAttribute('data-option'));
      if (!source || window.echarts.getInstanceByDom(el)) {
        continue;
      }
      var height = el.getAttribute('data-height');
      if (height) {
        el.style.height = height + 'px';
      }
      var option = JSON.parse(source.textContent);
      // Chart text in the page's font (a booklet's print font, which
      // embeds in PDFs), not the chart library's default sans-serif.
      option.textStyle = option.textStyle || {};
      option.textStyle.fontFamily = option.textStyle.fontFamily || window.getComputedStyle(el).fontFamily;
      fill(option, document.getElementById(el.getAttribute('data-table')));
      if (printing) {
        forPaper(option);
      }
      var chart = window.echarts.init(el, null, { renderer: 'svg' });
      chart.setOption(option);
      charts.push(chart);
    }
  }

  // forPaper changes a chart's option for a page made for paper (a
  // booklet): no animation, every category labelled (a printed chart
  // cannot show the others on hover), labels wrapped rather than cut,
  // and no white halo around labels, which PDF printers turn into
  // unnamed Type 3 fonts.
  function forPaper(option) {
    option.animation = false;
    [].concat(option.xAxis || [], option.yAxis || []).forEach(function (axis) {
      if (axis.type === 'category') {
        axis.axisLabel = Object.assign({ interval: 0, fontSize: 10 }, axis.axisLabel);
      }
    });
    [].concat(option.series || []).forEach(function (series) {
      series.label = series.label || {};
      series.label.textBorderColor = 'none';
      series.label.textBorderWidth = 0;
      if (series.type === 'pie') {
        series.label.overflow = 'break';
      }
    });
  }

  // fill gives an option with a dataset the figures of the table beside
  // its chart: a page writes each figure once, in the table, and the chart
  // shows what the table says. The dataset has a row per body row of the
  // table; for the table's column j, dimension 2j holds the cell's figure
  // (a number, 0 for "–"; a name or other text as it is) and dimension
  // 2j+1 its text as the table shows it ("" for "–"). The option's series
  // say which dimensions they show.
  function fill(option, holder) {
    var dataset = Array.isArray(option.dataset) ? option.dataset[0] : option.dataset;
    if (!dataset) {
      return;
    }
    var table = holder && holder.querySelector('table');
    var rows = table && table.tBodies.length ? table.tBodies[0].rows : [];
    var source = [];
    for (var i = 0; i < rows.length; i++) {
      var cells = rows[i].cells;
      var row = [];
      for (var j = 0; j < cells.length; j++) {
        var text = cells[j].textContent.trim();
        row.push(cells[j].classList.contains('num') ? figure(text) : text, text === '–' ? '' : text);
      }
      source.push(row);
    }
    dataset.source = source;
    dataset.sourceHeader = false;
  }

  // figure reads a figure as a table writes it: "1,234.5", "18.0%",
  // "+2.5%", or "–" for none.
  function figure(text) {
    var n = parseFloat(text.replace(/,/g, '').replace(/^\+/, ''));
    return isNaN(n) ? 0 : n;
  }

  function resize() {
    for (var i = 0; i < charts.length; i++) {
      charts[i].resize();
    }
  }

  var pending = 0;
  window.addEventListener('resize', function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(resize, 100);
  });
  // Print at the page's width: charts are redrawn for the paper and back.
  window.addEventListener('beforeprint', resize);
  window.addEventListener('afterprint', resize);

  window.planbook = { start: start };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
