// planbook: explains a page's figures. Every element with data-k shows a
// figure of the plan (data-k is its value key); its text becomes a button
// that, pointed at, tapped, or pressed with Enter or Space, opens a small
// popover saying how the figure is computed. Escape closes it.
//
// The explanations are in files of the site, each loaded with a script
// element the first time one of its figures is asked about; it hands them
// to planbook.explained. A script element works on a server and on a page
// opened from disk alike, under the pages' security policy (scripts from
// the site itself, no inline code). A figure is explained once per site:
// a region's figures (regions.ID.…, teams.ID.…) in one of the files
// regions/explain-N.js, a person's (people.ID.…) in one of
// people/explain-N.js, when the main element lists the kind in
// data-explain-homes with how many files it has ("regions:125
// people:1250"): N is the 32-bit FNV-1a hash of the id modulo that
// number, as the site's generator computes it; data-explain-root leads
// from the page to the site's root. Any other figure is in the page's
// own file, named in data-explain ("index.explain.js", or "" when it has
// none), which is also where a figure is looked for when its home does
// not explain it.
(function () {
  'use strict';

  var planbook = window.planbook = window.planbook || {};
  var files = {};       // the files of explanations asked for, by address
  var generation = 0;   // the page they are for: the live preview replaces it
  var pop = null;       // the popover element
  var opener = null;    // the button whose figure it explains
  var pinned = false;   // opened by a tap, a click or a key: stays until closed
  var timer = 0;
  var loads = 0;
  var canHover = window.matchMedia && window.matchMedia('(hover: hover) and (pointer: fine)').matches;

  function main() {
    return document.querySelector('main[data-explain]');
  }

  function words(name, fallback) {
    var m = main();
    return (m && m.getAttribute('data-explain-' + name)) || fallback;
  }

  // enhance turns every figure of the page into a button, once. A page the
  // live preview replaced is enhanced again, and its explanations read
  // again when asked for.
  function enhance() {
    var m = main();
    if (!m) {
      return;
    }
    if (m !== enhance.main) {
      enhance.main = m;
      generation++;
      files = {};
      close(false);
    }
    var nodes = m.querySelectorAll('[data-k]');
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      if (el.firstElementChild && el.firstElementChild.className === 'fig') {
        continue;
      }
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'fig';
      button.setAttribute('aria-haspopup', 'dialog');
      button.setAttribute('aria-expanded', 'false');
      while (el.firstChild) {
        button.appendChild(el.firstChild);
      }
      el.appendChild(button);
    }
  }

  // address returns where a file named from the page is.
  function address(name) {
    return new URL(name, document.baseURI).href;
  }

  // sources returns the files that may explain the figure at key, in the
  // order to look in them: its home's, then the page's own.
  function sources(key) {
    var m = main();
    var list = [];
    var parts = key.split('.');
    var kind = parts[0] === 'teams' ? 'regions' : parts[0];
    var homes = (m.getAttribute('data-explain-homes') || '').split(' ');
    for (var i = 0; i < homes.length && parts.length > 2; i++) {
      var h = homes[i].split(':');
      if (h[0] === kind && +h[1] > 0) {
        list.push(address((m.getAttribute('data-explain-root') || '') + kind + '/explain-' + (fnv(parts[1]) % +h[1]) + '.js'));
      }
    }
    var own = m.getAttribute('data-explain');
    if (own && list.indexOf(address(own)) < 0) {
      list.push(address(own));
    }
    return list;
  }

  // fnv returns the 32-bit FNV-1a hash of the UTF-8 bytes of s.
  function fnv(s) {
    var b = new TextEncoder().encode(s);
    var h = 0x811c9dc5;
    for (var i = 0; i < b.length; i++) {
      h = Math.imul(h ^ b[i], 0x01000193) >>> 0;
    }
    return h;
  }

  // load loads a file of explanations once, then calls then with it.
  function load(src, then) {
    var f = files[src];
    if (!f) {
      f = files[src] = { data: null, done: false, waiting: [] };
      var script = document.createElement('script');
      script.planbookFile = f;
      script.src = /^https?:$/.test(location.protocol) ? src + '?' + (++loads) + '-' + Date.now() : src; // the live preview may have rebuilt it
      script.onload = script.onerror = function () {
        f.done = true;
        // Its work is done: the page's head lists only what the page
        // loads itself, which the live preview compares to swap a rebuilt
        // page in place.
        script.parentNode.removeChild(script);
        flush(f);
      };
      document.head.appendChild(script);
    }
    if (f.done) {
      then(f);
    } else {
      f.waiting.push(then);
    }
  }

  function flush(f) {
    var list = f.waiting;
    f.waiting = [];
    for (var i = 0; i < list.length; i++) {
      list[i](f);
    }
  }

  // planbook.explained takes the explanations of the file that calls it.
  planbook.explained = function (d) {
    var s = document.currentScript;
    if (s && s.planbookFile) {
      s.planbookFile.data = d;
    }
  };

  // lookup calls then with the words of the figure at key, or with null
  // when no file explains it (or none could be loaded).
  function lookup(key, then) {
    var list = sources(key), gen = generation;
    (function next(i) {
      if (i === list.length) {
        then(null);
        return;
      }
      load(list[i], function (f) {
        if (gen !== generation) {
          return;
        }
        var w = f.data && unpack(f.data, key);
        if (w) {
          then(w);
        } else {
          next(i + 1);
        }
      });
    })(0);
  }

  // unpack returns the words of the figure at key in a file's data: its
  // texts are listed once, in d.s, and named by their place there; a list
  // of places is its texts joined.
  function unpack(d, key) {
    var e = d.k && d.k[key];
    if (!e) {
      return null;
    }
    function text(x) {
      if (typeof x === 'number') {
        return d.s[x] || '';
      }
      var out = '';
      for (var i = 0; x && i < x.length; i++) {
        out += d.s[x[i]] || '';
      }
      return out;
    }
    var w = { label: text(e[0]), value: text(e[1]), rule: text(e[2]), formula: text(e[3]), rounding: text(e[4]), inputs: [] };
    var inputs = e[5] || [];
    for (var i = 0; i < inputs.length; i++) {
      var x = inputs[i];
      w.inputs.push({ role: text(x[0]), value: text(x[1]), label: text(x[2]), where: text(x[3]), text: text(x[4]), via: x[5] ? { formula: text(x[5]) } : null });
    }
    return w;
  }

  function keyOf(button) {
    return button.parentNode.getAttribute('data-k');
  }

  function popover() {
    if (pop && document.body.contains(pop)) {
      return pop;
    }
    pop = document.createElement('div');
    pop.className = 'explain-pop';
    pop.id = 'explain-pop';
    pop.setAttribute('role', 'dialog');
    pop.setAttribute('aria-modal', 'false');
    pop.setAttribute('aria-labelledby', 'explain-pop-title');
    pop.tabIndex = -1;
    pop.hidden = true;
    pop.addEventListener('mouseenter', function () { window.clearTimeout(timer); });
    pop.addEventListener('mouseleave', leave);
    document.body.appendChild(pop);
    return pop;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) {
      e.className = cls;
    }
    if (text) {
      e.textContent = text;
    }
    return e;
  }

  // fill writes an explanation into the popover; without one, that it is
  // loading, or, done, that it could not be loaded.
  function fill(p, w, key, done) {
    p.textContent = '';
    var head = el('div', 'explain-pop__head');
    var title = el('h2', 'explain-pop__title', w ? w.label : '');
    title.id = 'explain-pop-title';
    head.appendChild(title);
    var x = el('button', 'explain-pop__close', '×');
    x.type = 'button';
    x.setAttribute('aria-label', words('close', 'Close'));
    x.addEventListener('click', function () { close(true); });
    head.appendChild(x);
    p.appendChild(head);
    if (!w) {
      title.textContent = words('title', 'How this figure is computed');
      p.appendChild(el('p', 'explain-pop__rule', done ? words('error', 'The explanations could not be loaded.') : '…'));
      return;
    }
    p.appendChild(el('p', 'explain-pop__value', w.value));
    p.appendChild(el('p', 'explain-pop__rule', w.rule));
    if (w.formula) {
      p.appendChild(el('p', 'explain-pop__formula', w.formula));
    }
    if (w.rounding) {
      p.appendChild(el('p', 'explain-pop__rounding', w.rounding));
    }
    var inputs = w.inputs || [];
    if (inputs.length) {
      var ul = el('ul', 'explain-pop__inputs');
      for (var i = 0; i < inputs.length; i++) {
        ul.appendChild(input(inputs[i]));
      }
      p.appendChild(ul);
    }
    p.setAttribute('data-k', key);
  }

  function input(iw) {
    var li = el('li');
    li.appendChild(el('span', 'explain-pop__role', iw.role));
    li.appendChild(el('strong', 'explain-pop__figure', iw.value));
    var where = [iw.label, iw.where].filter(Boolean).join(' · ');
    if (where) {
      li.appendChild(el('span', 'explain-pop__where', where));
    }
    if (iw.text) {
      li.appendChild(el('code', 'explain-pop__text', iw.text));
    }
    if (iw.via && iw.via.formula) {
      li.appendChild(el('span', 'explain-pop__via', iw.via.formula));
    }
    return li;
  }

  // place puts the popover by its figure, or, on a narrow screen, along
  // the bottom of the screen: of what the screen shows, which is less than
  // the page's width when the page is wider or zoomed.
  function place(p, button) {
    var v = window.visualViewport || { width: window.innerWidth, height: window.innerHeight, offsetLeft: 0, offsetTop: 0 };
    var sheet = v.width <= 600;
    p.classList.toggle('explain-pop--sheet', sheet);
    if (sheet) {
      p.style.width = v.width + 'px';
      p.style.maxHeight = Math.round(v.height * 0.65) + 'px';
      p.style.left = v.offsetLeft + 'px';
      p.style.top = (v.offsetTop + v.height - p.offsetHeight) + 'px';
      return;
    }
    p.style.width = p.style.maxHeight = '';
    var r = button.getBoundingClientRect();
    var width = p.offsetWidth, height = p.offsetHeight;
    var left = Math.min(Math.max(8, r.left), window.innerWidth - width - 8);
    var top = r.bottom + 6;
    if (top + height > window.innerHeight && r.top - height - 6 > 0) {
      top = r.top - height - 6;
    }
    p.style.left = (left + window.scrollX) + 'px';
    p.style.top = (top + window.scrollY) + 'px';
  }

  function open(button, pin) {
    window.clearTimeout(timer);
    if (opener && opener !== button) {
      opener.setAttribute('aria-expanded', 'false');
    }
    opener = button;
    pinned = pin;
    button.setAttribute('aria-expanded', 'true');
    var p = popover();
    var key = keyOf(button);
    var show = function (w, done) {
      if (opener !== button) {
        return;
      }
      fill(p, w, key, done);
      p.hidden = false;
      place(p, button);
      if (pin) {
        p.focus({ preventScroll: true });
      }
    };
    var answered = false;
    lookup(key, function (w) {
      answered = true;
      show(w, true);
    });
    if (!answered) {
      show(null, false); // loading
    }
  }

  function close(returnFocus) {
    window.clearTimeout(timer);
    if (pop) {
      pop.hidden = true;
    }
    if (opener) {
      opener.setAttribute('aria-expanded', 'false');
      if (returnFocus && document.body.contains(opener)) {
        opener.focus({ preventScroll: true });
      }
    }
    opener = null;
    pinned = false;
  }

  function leave() {
    if (!pinned) {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { close(false); }, 250);
    }
  }

  document.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('button.fig');
    if (button && main() && main().contains(button)) {
      if (opener === button && pinned) {
        close(true);
      } else {
        open(button, true);
      }
      return;
    }
    if (opener && pop && !pop.contains(e.target)) {
      close(false);
    }
  });

  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && opener) {
      e.preventDefault();
      close(true);
    }
  });

  document.addEventListener('focusin', function (e) {
    if (opener && pinned && pop && !pop.contains(e.target) && e.target !== opener) {
      close(false);
    }
  });

  if (canHover) {
    document.addEventListener('mouseover', function (e) {
      var button = e.target.closest && e.target.closest('button.fig');
      if (!button || pinned || button === opener) {
        return;
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { open(button, false); }, 350);
    });
    document.addEventListener('mouseout', function (e) {
      var button = e.target.closest && e.target.closest('button.fig');
      if (button && !(e.relatedTarget && button.contains(e.relatedTarget))) {
        leave();
      }
    });
  }

  // The live preview calls planbook.start after replacing a page.
  var start = planbook.start;
  planbook.start = function () {
    if (start) {
      start();
    }
    enhance();
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', enhance);
  } else {
    enhance();
  }
})();
