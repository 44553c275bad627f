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
      if (observer) {
        observer.unobserve(c.getDom());
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
      // Tooltips drawn in the chart, as its labels are: the library's HTML
      // tooltips carry style attributes, which the pages' security policy
      // refuses.
      [].concat(option.tooltip || []).forEach(function (tooltip) {
        tooltip.renderMode = 'richText';
      });
      fill(option, document.getElementById(el.getAttribute('data-table')));
      everyCategory(option);
      if (printing) {
        forPaper(option);
      }
      // Paper is wider than a phone: a booklet takes the phone's layout
      // only on a phone's screen.
      option = { baseOption: option, media: [{ query: { maxWidth: narrow }, option: forPhone(option) }] };
      var chart = window.echarts.init(el, null, { renderer: 'svg' });
      chart.setOption(option);
      charts.push(chart);
      if (observer) {
        observer.observe(el);
      }
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

  // narrow is the widest chart, in pixels, drawn as on a phone.
  var narrow = 480;

  // forPhone returns what changes in a chart's option when its box is
  // narrow (the chart library applies it as a media query, again on every
  // resize): the legend on one line that scrolls, so that it cannot run
  // into the axis labels, smaller pies, whose labels then fit beside them
  // and wrap rather than being cut, and smaller axis labels.
  function forPhone(option) {
    var axis = function (axes, vertical) {
      return [].concat(axes || []).map(function (a, i) {
        var label = { fontSize: 10 };
        if (a.axisLabel && a.axisLabel.width > 110) {
          label.width = 110; // a timeline's names: room for its dates
        }
        var name = { fontSize: 10 };
        if (vertical) {
          // A value axis' name over the axis, reaching into the chart
          // rather than out of its box.
          name.align = i === 0 ? 'left' : 'right';
        }
        return { axisLabel: label, nameTextStyle: name };
      });
    };
    return {
      // A legend of another type is a new component: it keeps its place
      // only when told again.
      legend: [].concat(option.legend || []).map(function (legend) {
        return Object.assign({}, legend, { type: 'scroll', itemGap: 8, itemWidth: 16 });
      }),
      xAxis: axis(option.xAxis, false),
      yAxis: axis(option.yAxis, true),
      series: [].concat(option.series || []).map(function (series) {
        if (series.type !== 'pie') {
          return {};
        }
        return { radius: ['26%', '46%'], label: { fontSize: 11, overflow: 'break' }, labelLine: { length: 6, length2: 6 } };
      })
    };
  }

  // everyCategory labels every category of an axis of a few (quarters,
  // regions, product lines): the chart library would leave some out when
  // space is short, as on a phone. Long names wrap instead.
  function everyCategory(option) {
    var dataset = Array.isArray(option.dataset) ? option.dataset[0] : option.dataset;
    [].concat(option.xAxis || []).forEach(function (axis) {
      var n = axis.data ? axis.data.length : dataset && dataset.source ? dataset.source.length : 0;
      if (axis.type === 'category' && n > 0 && n <= 6) {
        axis.axisLabel = Object.assign({ interval: 0 }, axis.axisLabel);
      }
    });
  }

  // fill gives an option with a dataset the figures of the table beside
  // its chart: a page writes each figure once, in the table, and the chart
  // shows what the table says. The dataset has a row per body row of the
  // table; for the table's column j, dimension 2j holds the cell's figure
  // (a number, 0 for "–"; a name or other text as it is) and dimension
  // 2j+1 its text as the table shows it ("" for "–"), named by the
  // column's header, so that labels and tooltips show a figure as the
  // table writes it. The option's series say which dimensions they show.
  function fill(option, holder) {
    var dataset = Array.isArray(option.dataset) ? option.dataset[0] : option.dataset;
    if (!dataset) {
      return;
    }
    var table = holder && holder.querySelector('table');
    var rows = table && table.tBodies.length ? table.tBodies[0].rows : [];
    var heads = table && table.tHead ? table.tHead.rows[0].cells : [];
    var source = [];
    var numeric = [];
    for (var i = 0; i < rows.length; i++) {
      var cells = rows[i].cells;
      var row = [];
      for (var j = 0; j < cells.length; j++) {
        var text = cells[j].textContent.trim();
        numeric[j] = cells[j].classList.contains('num');
        row.push(numeric[j] ? figure(text) : text, text === '–' ? '' : text);
      }
      source.push(row);
    }
    var dimensions = [];
    for (var k = 0; k < numeric.length; k++) {
      var name = heads[k] ? heads[k].textContent.trim() : String(k);
      // A text dimension is 'ordinal' whatever it holds: "975" beside
      // "1,072" must not be read as a number.
      dimensions.push({ name: '#' + k, type: numeric[k] ? 'number' : 'ordinal' }, { name: name, type: 'ordinal' });
    }
    dataset.source = source;
    dataset.sourceHeader = false;
    dataset.dimensions = dimensions;
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

  // A chart follows the width of its box: when the window is resized or a
  // phone rotated, and when the page's layout changes the box without
  // either (fonts arriving, a table beside it growing). Drawn once the
  // changes settle.
  var pending = 0;
  function later() {
    window.clearTimeout(pending);
    pending = window.setTimeout(resize, 100);
  }
  window.addEventListener('resize', later);
  var observer = window.ResizeObserver ? new window.ResizeObserver(later) : null;
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
