/* Undersigned — live signatory counts and list (Server-Sent Events). The page is complete without
   this script; it only keeps the numbers and page 1 of the list current. No inline script: CSP. */
(function () {
  'use strict';
  var roots = document.querySelectorAll('[data-live-events]');
  if (!roots.length || !window.EventSource) {
    return;
  }
  var lang = document.documentElement.lang || 'en';
  // The server's numbering system (src/i18n/i18n.ts NUMBERING_SYSTEM), so an Arabic page keeps the
  // digits it was served with instead of the browser's default for the language.
  var numberingSystem = roots[0].getAttribute('data-numbering') || 'latn';
  var numberFmt = new Intl.NumberFormat(lang, { numberingSystem: numberingSystem });
  var pluralRules = new Intl.PluralRules(lang);
  var regions = window.Intl && Intl.DisplayNames ? new Intl.DisplayNames([lang], { type: 'region' }) : null;
  var collator = new Intl.Collator(lang, { sensitivity: 'base' });
  // Per list on the page: the counts per country of the last `count` event, for a map inlined later.
  var latestByCountry = new WeakMap();
  function countryName(code) {
    try {
      return (regions && regions.of(code)) || code;
    } catch {
      return code;
    }
  }
  function fmt(n) {
    return numberFmt.format(n);
  }

  Array.prototype.forEach.call(roots, function (root) {
    var labels;
    try {
      labels = JSON.parse(root.getAttribute('data-type-labels') || '{}');
    } catch {
      labels = {};
    }
    labels.__earlier = root.getAttribute('data-earlier-label') || '';
    connect(root, labels, false);
    inlineMaps(root);
  });

  // The browser reconnects by itself after a dropped stream, sending Last-Event-ID; the server
  // replays what was missed. A refused stream (429/503 while the server is at its limits) is not
  // retried by the browser: try again later, spread out, and reload the list once back.
  function connect(root, labels, stale) {
    var source = new EventSource(root.getAttribute('data-live-events'));
    source.addEventListener('open', function () {
      if (stale) {
        stale = false;
        refresh(root);
      }
    });
    source.addEventListener('error', function () {
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(
          function () {
            connect(root, labels, true);
          },
          30000 + Math.random() * 60000,
        );
      }
    });
    source.addEventListener('count', function (e) {
      updateCounts(root, JSON.parse(e.data));
    });
    source.addEventListener('signatory', function (e) {
      insert(root, labels, JSON.parse(e.data));
    });
    source.addEventListener('withdrawn', function (e) {
      remove(root, JSON.parse(e.data).id);
    });
    // Too far behind to replay: fetch the list again (the next `count` brings the numbers).
    source.addEventListener('reset', function () {
      refresh(root);
    });
  }

  function updateCounts(root, c) {
    ['total', 'countries', 'members'].forEach(function (key) {
      var el = root.querySelector('[data-count="' + key + '"]');
      if (el && typeof c[key] === 'number') {
        setCount(el, c[key]);
      }
    });
    var box = root.querySelector('[data-breakdowns]');
    if (box) {
      box.hidden = !c.total;
    }
    var pictures = root.querySelector('[data-pictures]');
    if (pictures) {
      pictures.hidden = !c.total;
      // A page first shown with nobody signed has no pictures yet: fetch them with the first signatory.
      if (c.total && !pictures.querySelector('svg')) {
        loadPictures(pictures);
      }
    }
    if (c.byCountry) {
      latestByCountry.set(root, c.byCountry);
      Array.prototype.forEach.call(root.querySelectorAll('svg[data-map]'), function (map) {
        recolour(map, c.byCountry);
      });
    }
    var byCountry = root.querySelector('[data-breakdown="country"]');
    if (byCountry && c.byCountry) {
      fillTable(
        byCountry,
        Object.keys(c.byCountry)
          .sort(function (a, b) {
            return c.byCountry[b] - c.byCountry[a] || collator.compare(countryName(a), countryName(b));
          })
          .map(function (code) {
            return [countryName(code), c.byCountry[code]];
          }),
      );
    }
    var byType = root.querySelector('[data-breakdown="type"]');
    var labels = JSON.parse(root.getAttribute('data-type-labels') || '{}');
    if (byType && c.byType) {
      fillTable(
        byType,
        Object.keys(c.byType)
          .sort(function (a, b) {
            return c.byType[b] - c.byType[a];
          })
          .map(function (type) {
            return [labels[type] || type, c.byType[type]];
          }),
      );
    }
    if (c.byCountry) {
      Array.prototype.forEach.call(root.querySelectorAll('.country-group'), function (g) {
        var n = g.querySelector('[data-country-count]');
        var v = c.byCountry[g.getAttribute('data-country')];
        if (n && typeof v === 'number') {
          n.textContent = '(' + fmt(v) + ')';
        }
      });
    }
  }

  /** The number, and the words around it in the plural form n takes ("1 country", "3 دول"). */
  function setCount(el, n) {
    el.textContent = fmt(n);
    var host = el.parentNode;
    var forms;
    try {
      forms = host && JSON.parse(host.getAttribute('data-forms') || 'null');
    } catch {
      forms = null;
    }
    if (!forms) {
      return;
    }
    var parts = (forms[pluralRules.select(n)] || forms.other).split('{count}');
    var nodes = [document.createTextNode(parts[0] || ''), el, document.createTextNode(parts[1] || '')];
    while (host.firstChild) {
      host.removeChild(host.firstChild);
    }
    nodes.forEach(function (node) {
      host.appendChild(node);
    });
  }

  /** Shade the map's countries by their new counts, with the classes and colours the map carries. */
  function recolour(map, byCountry) {
    var breaks = (map.getAttribute('data-breaks') || '').split(',').map(Number);
    var fills = (map.getAttribute('data-fills') || '').split(',');
    var outline = map.getAttribute('data-outline') || '#000';
    var template = map.getAttribute('data-title') || '{country}: {count}';
    Array.prototype.forEach.call(map.querySelectorAll('[data-cc]'), function (el) {
      var cc = el.getAttribute('data-cc');
      var n = byCountry[cc] || 0;
      var title = el.querySelector('title');
      if (n > 0) {
        var k = 0;
        breaks.forEach(function (b, i) {
          if (n >= b) {
            k = i;
          }
        });
        el.setAttribute('data-n', String(n));
        el.setAttribute('fill', fills[k] || fills[fills.length - 1]);
        el.setAttribute('stroke', outline);
        el.removeAttribute('display');
        if (!title) {
          title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
          el.appendChild(title);
        }
        title.textContent = template
          .replace('{country}', function () {
            return countryName(cc);
          })
          .replace('{count}', function () {
            return fmt(n);
          });
      } else {
        ['data-n', 'fill', 'stroke'].forEach(function (a) {
          el.removeAttribute(a);
        });
        if (el.tagName.toLowerCase() === 'circle') {
          el.setAttribute('display', 'none');
        }
        if (title) {
          el.removeChild(title);
        }
      }
    });
  }

  function fillTable(tbody, rows) {
    while (tbody.firstChild) {
      tbody.removeChild(tbody.firstChild);
    }
    rows.forEach(function (r) {
      var tr = document.createElement('tr');
      var a = document.createElement('td');
      var b = document.createElement('td');
      a.textContent = r[0];
      b.textContent = fmt(r[1]);
      tr.appendChild(a);
      tr.appendChild(b);
      tbody.appendChild(tr);
    });
  }

  function line(labels, item) {
    var li = document.createElement('li');
    li.setAttribute('data-id', String(item.id));
    li.setAttribute('data-name', String(item.name).toLowerCase());
    var name;
    if (item.website && /^https?:\/\//i.test(item.website)) {
      name = document.createElement('a');
      name.href = item.website;
      name.rel = 'nofollow ugc noopener';
    } else {
      name = document.createElement('span');
      name.className = 'name';
    }
    name.textContent = item.name;
    li.appendChild(name);
    var meta = document.createElement('span');
    meta.className = 'meta';
    meta.textContent = ' · ' + (labels[item.type] || item.type) + (item.city ? ' · ' + item.city : '');
    li.appendChild(meta);
    // Endorsed an earlier version of the text (README "Amending a statement"): the page's own words.
    var earlier = labels.__earlier;
    if (item.currentVersion === false && earlier) {
      var mark = document.createElement('span');
      mark.className = 'earlier-version';
      mark.textContent = ' · ' + earlier;
      li.appendChild(mark);
    }
    return li;
  }

  function insert(root, labels, item) {
    var old = root.querySelector('li[data-id="' + Number(item.id) + '"]');
    if (old) {
      // An update of someone already shown: in place when it stays in the same country.
      var g = old.parentNode && old.parentNode.parentNode;
      if (g && g.getAttribute('data-country') === item.country) {
        old.parentNode.replaceChild(line(labels, item), old);
        return;
      }
      remove(root, item.id);
    }
    // Only page 1 of the unfiltered list changes under the reader's eyes.
    if (root.getAttribute('data-live-list') !== 'true') {
      return;
    }
    var groups = root.querySelector('[data-groups]');
    var group = root.querySelector('.country-group[data-country="' + item.country + '"]');
    if (!group) {
      // A new country group only when the page shows the whole list; otherwise it may belong on a later page.
      if (root.getAttribute('data-complete') !== 'true') {
        return;
      }
      if (!groups) {
        refresh(root);
        return;
      }
      group = document.createElement('section');
      group.className = 'country-group';
      group.setAttribute('data-country', item.country);
      group.setAttribute('data-country-name', countryName(item.country));
      var h = document.createElement('h3');
      h.textContent = countryName(item.country) + ' ';
      var n = document.createElement('span');
      n.className = 'muted';
      n.setAttribute('data-country-count', '');
      h.appendChild(n);
      group.appendChild(h);
      var ul = document.createElement('ul');
      ul.className = 'signatories';
      group.appendChild(ul);
      var before = null;
      Array.prototype.some.call(groups.children, function (g) {
        if (collator.compare(g.getAttribute('data-country-name') || '', countryName(item.country)) > 0) {
          before = g;
          return true;
        }
        return false;
      });
      groups.insertBefore(group, before);
    }
    var list = group.querySelector('ul');
    var key = String(item.name).toLowerCase();
    var next = null;
    Array.prototype.some.call(list.children, function (li) {
      if ((li.getAttribute('data-name') || '') > key) {
        next = li;
        return true;
      }
      return false;
    });
    list.insertBefore(line(labels, item), next);
  }

  function remove(root, id) {
    var li = root.querySelector('li[data-id="' + Number(id) + '"]');
    if (!li) {
      return;
    }
    var list = li.parentNode;
    list.removeChild(li);
    if (list.children.length) {
      return;
    }
    var group = list.parentNode;
    var groups = group && group.parentNode;
    if (group && group.classList.contains('country-group')) {
      groups.removeChild(group);
    }
    // The page emptied: let the server say what is there now (the next page, or the empty state).
    if (groups && !groups.children.length) {
      refresh(root);
    }
  }

  /**
   * The statement page's map arrives as an <img> of map.svg (most of the page's weight, so its own
   * cacheable request). Swap it for the same SVG inline, which recolour() can shade, then shade it
   * with the latest counts heard meanwhile. On any failure the image simply stays.
   */
  function inlineMaps(scope) {
    if (!window.fetch || !window.DOMParser) {
      return;
    }
    var root = scope.closest ? scope.closest('[data-live-events]') || scope : scope;
    Array.prototype.forEach.call(scope.querySelectorAll('img[data-map-img]'), function (img) {
      if (img.getAttribute('data-loading')) {
        return;
      }
      img.setAttribute('data-loading', 'true');
      fetch(img.getAttribute('src'), { credentials: 'same-origin' })
        .then(function (r) {
          return r.ok ? r.text() : Promise.reject(r.status);
        })
        .then(function (text) {
          var svg = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
          if (!svg || svg.nodeName.toLowerCase() !== 'svg' || !img.parentNode) {
            return Promise.reject('not a map');
          }
          var map = document.importNode(svg, true);
          img.parentNode.replaceChild(map, img);
          var byCountry = latestByCountry.get(root);
          if (byCountry) {
            recolour(map, byCountry);
          }
        })
        .catch(function () {
          img.removeAttribute('data-loading');
        });
    });
  }

  /** Fill the empty pictures block from a fresh copy of this page (the map then recolours live). */
  function loadPictures(box) {
    if (box.getAttribute('data-loading') || !window.fetch || !window.DOMParser) {
      return;
    }
    box.setAttribute('data-loading', 'true');
    fetch(location.href, { credentials: 'same-origin', cache: 'no-cache', headers: { Accept: 'text/html' } })
      .then(function (r) {
        return r.ok ? r.text() : Promise.reject(r.status);
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-pictures]');
        if (fresh && fresh.querySelector('svg')) {
          box.innerHTML = fresh.innerHTML;
          inlineMaps(box);
        }
      })
      .catch(function () {
        /* a reload will show them */
      })
      .then(function () {
        box.removeAttribute('data-loading');
      });
  }

  /** Replace the list with a fresh copy of this very page (same search, same page). */
  function refresh(root) {
    var list = root.querySelector('#signatory-list');
    if (!list || !window.fetch || !window.DOMParser) {
      return;
    }
    fetch(location.href, { credentials: 'same-origin', cache: 'no-cache', headers: { Accept: 'text/html' } })
      .then(function (r) {
        return r.ok ? r.text() : Promise.reject(r.status);
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var fresh = doc.getElementById('signatory-list');
        var section = doc.getElementById('signatories');
        if (fresh) {
          list.innerHTML = fresh.innerHTML;
        }
        if (section) {
          ['data-live-list', 'data-complete'].forEach(function (a) {
            if (section.hasAttribute(a)) {
              root.setAttribute(a, section.getAttribute(a));
            } else {
              root.removeAttribute(a);
            }
          });
        }
      })
      .catch(function () {
        /* the next reset or a reload will do */
      });
  }

  // The embed snippets: one click selects the whole code, ready to copy.
  Array.prototype.forEach.call(document.querySelectorAll('[data-select-all]'), function (el) {
    el.addEventListener('focus', function () {
      el.select();
    });
  });
})();
