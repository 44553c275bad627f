// planbook: explains a page's figures. Every element with data-k shows a
// figure of the plan (data-k is its value key); its text becomes a button
// that, pointed at, tapped, or pressed with Enter or Space, opens a small
// popover saying how the figure is computed. Escape closes it.
//
// The explanations are in a file beside the page, named in the main
// element's data-explain ("index.explain.js"): it is loaded with a script
// element the first time a figure is asked about, and hands them to
// planbook.explained. A script element works on a server and on a page
// opened from disk alike, under the pages' security policy (scripts from
// the site itself, no inline code).
(function () {
  'use strict';

  var planbook = window.planbook = window.planbook || {};
  var data = null;      // the explanations, by value key, once loaded
  var failed = false;   // the file could not be loaded
  var script = null;    // the script element loading it
  var waiting = [];     // what to do once it is loaded
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
      data = null;
      failed = false;
      script = null;
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

  function load(then) {
    if (data || failed) {
      then();
      return;
    }
    waiting.push(then);
    if (script) {
      return;
    }
    script = document.createElement('script');
    var src = main().getAttribute('data-explain');
    if (/^https?:$/.test(location.protocol)) {
      src += '?' + (++loads) + '-' + Date.now(); // the live preview may have rebuilt it
    }
    script.src = src;
    script.onerror = function () {
      failed = true;
      flush();
    };
    document.head.appendChild(script);
  }

  planbook.explained = function (d) {
    data = d;
    flush();
  };

  function flush() {
    var list = waiting;
    waiting = [];
    for (var i = 0; i < list.length; i++) {
      list[i]();
    }
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

  // fill writes an explanation into the popover.
  function fill(p, w, key) {
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
      p.appendChild(el('p', 'explain-pop__rule', failed ? words('error', 'The explanations could not be loaded.') : '…'));
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
    var show = function () {
      if (opener !== button) {
        return;
      }
      fill(p, data && data[key], key);
      p.hidden = false;
      place(p, button);
      if (pin) {
        p.focus({ preventScroll: true });
      }
    };
    show();
    load(show);
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
