// The verification queue, enhanced (src/staff/views/queue-page.tsx). Everything works without it:
// this adds "select all", brings the row named in the address into focus, and the keyboard
// shortcuts listed on the page (j/k, v, r, x, u, /).
(function () {
  'use strict';
  var page = document.querySelector('[data-queue]');
  if (!page) {
    return;
  }
  var rows = function () {
    return Array.prototype.slice.call(page.querySelectorAll('li[data-row]'));
  };
  var boxes = function () {
    return Array.prototype.slice.call(page.querySelectorAll('input[name="ids"][form="bulk-verify"]'));
  };

  // Select all on this page.
  var all = page.querySelector('[data-select-all]');
  if (all) {
    all.closest('label').hidden = false;
    all.addEventListener('change', function () {
      boxes().forEach(function (b) {
        b.checked = all.checked;
      });
    });
    page.addEventListener('change', function (e) {
      if (e.target && e.target.name === 'ids') {
        var list = boxes();
        all.checked =
          list.length > 0 &&
          list.every(function (b) {
            return b.checked;
          });
      }
    });
  }

  // A similar name's link points at its row on this page; once that row is gone (decided, or on
  // another page) it leads to the endorsement in its list instead.
  Array.prototype.forEach.call(page.querySelectorAll('a[data-elsewhere]'), function (a) {
    if (!document.getElementById(a.getAttribute('href').slice(1))) {
      a.setAttribute('href', a.getAttribute('data-elsewhere'));
    }
  });

  var summaryOf = function (row) {
    return row.querySelector('details.row-body > summary');
  };
  var show = function (row) {
    var details = row.querySelector('details.row-body');
    if (details) {
      details.open = true;
    }
    var s = summaryOf(row);
    if (s) {
      s.focus();
      row.scrollIntoView({ block: 'start' });
    }
  };

  // After a decision the address names the next row (#e123): give it the focus, not only the view.
  var target = /^#e([0-9]+)$/.exec(location.hash);
  if (target) {
    var row = document.getElementById('e' + target[1]);
    if (row && row.hasAttribute('data-row')) {
      show(row);
    }
  }

  var current = function () {
    var list = rows();
    var active = document.activeElement;
    for (var i = 0; i < list.length; i++) {
      if (list[i].contains(active)) {
        return i;
      }
    }
    for (var j = 0; j < list.length; j++) {
      var d = list[j].querySelector('details.row-body');
      if (d && d.open) {
        return j;
      }
    }
    return -1;
  };

  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) {
      return;
    }
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) {
      return;
    }
    var list = rows();
    var i = current();
    var row = list[i];
    var act = function (fn) {
      e.preventDefault();
      fn();
    };
    switch (e.key) {
      case 'j':
      case 'k': {
        var next = list[e.key === 'j' ? Math.min(i + 1, list.length - 1) : Math.max(i - 1, 0)];
        if (next) {
          act(function () {
            show(next);
          });
        }
        break;
      }
      case 'v': {
        var verify = row && row.querySelector('form.verify');
        if (verify) {
          act(function () {
            verify.requestSubmit();
          });
        }
        break;
      }
      case 'r': {
        var reject = row && row.querySelector('details.reject');
        if (reject) {
          act(function () {
            reject.open = true;
            reject.querySelector('textarea').focus();
          });
        }
        break;
      }
      case 'x': {
        var box = row && row.querySelector('input[name="ids"]');
        if (box) {
          act(function () {
            box.checked = !box.checked;
            box.dispatchEvent(new Event('change', { bubbles: true }));
          });
        }
        break;
      }
      case 'u': {
        var undo = page.querySelector('form.undo');
        if (undo) {
          act(function () {
            undo.requestSubmit();
          });
        }
        break;
      }
      case '/': {
        var q = document.getElementById('q');
        if (q) {
          act(function () {
            q.focus();
          });
        }
        break;
      }
    }
  });
})();
