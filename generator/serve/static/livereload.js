// planbook serve: shows the rebuilt page as soon as the site was rebuilt,
// keeping the reader's place. When only the page's content changed, the
// new content replaces the old in place (fast, no flash); when the page's
// style sheets or scripts changed, or anything fails, the page reloads.
// Served by planbook serve only; built sites never load it.
(function () {
  'use strict';
  var script = document.currentScript;
  var generation = script ? script.getAttribute('data-generation') : null;
  var key = 'planbook-scroll:' + location.pathname;
  try {
    var saved = sessionStorage.getItem(key);
    if (saved !== null) {
      sessionStorage.removeItem(key);
      window.addEventListener('load', function () { window.scrollTo(0, Number(saved)); });
    }
  } catch (e) { /* storage may be off */ }

  function reload() {
    try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) { /* ignore */ }
    location.reload();
  }

  // resources lists what a document's head loads, apart from this script.
  function resources(doc) {
    var out = [];
    var nodes = doc.head.querySelectorAll('link[href], script[src]');
    for (var i = 0; i < nodes.length; i++) {
      var src = nodes[i].getAttribute('href') || nodes[i].getAttribute('src');
      if (src.indexOf('/_planbook/') !== 0) {
        out.push(src);
      }
    }
    return out.join('\n');
  }

  // keepCharts moves into the new content the drawn charts whose option
  // and figures (the table named by data-table) did not change, so that
  // only changed charts are drawn again.
  function keepCharts(doc) {
    var nodes = doc.querySelectorAll('[data-chart]');
    for (var i = 0; i < nodes.length; i++) {
      var fresh = nodes[i];
      var old = document.getElementById(fresh.id);
      if (old && same(document, old, doc, fresh, 'data-option') && same(document, old, doc, fresh, 'data-table')) {
        fresh.replaceWith(old);
      }
    }
  }

  // same tells whether the elements the two charts name in attribute name
  // have the same text (both missing counts as the same).
  function same(oldDoc, old, newDoc, fresh, name) {
    var a = old.getAttribute(name) && oldDoc.getElementById(old.getAttribute(name));
    var b = fresh.getAttribute(name) && newDoc.getElementById(fresh.getAttribute(name));
    return a ? !!b && a.textContent === b.textContent : !b;
  }

  function swap(gen) {
    var request = new XMLHttpRequest();
    request.open('GET', location.href);
    request.setRequestHeader('Cache-Control', 'no-cache');
    request.onload = function () {
      var doc = new DOMParser().parseFromString(request.responseText, 'text/html');
      if (request.status !== 200 || resources(doc) !== resources(document)) {
        reload();
        return;
      }
      var y = window.scrollY;
      keepCharts(doc);
      document.title = doc.title;
      document.body.replaceWith(document.adoptNode(doc.body));
      window.scrollTo(0, y);
      generation = gen;
      if (window.planbook && window.planbook.start) {
        window.planbook.start();
      }
      // When the new content was shown, for measuring save-to-screen time.
      window.planbookShownAt = performance.timeOrigin + performance.now();
    };
    request.onerror = reload;
    request.send();
  }

  var events = new EventSource('/_planbook/events');
  // On (re)connecting, the server says which build it serves: a page from
  // an older build is brought up to date, so a rebuild missed while away
  // is not lost.
  events.addEventListener('hello', function (e) {
    if (generation !== null && e.data !== generation) {
      swap(e.data);
    }
  });
  events.addEventListener('reload', function (e) { swap(e.data); });
})();
