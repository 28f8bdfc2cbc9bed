/* Undersigned — an update's progress (queued / sent / failed) kept current while it drains.
   The staff page is complete without this script: reloading it shows the same numbers. */
(function () {
  'use strict';
  var root = document.getElementById('update-progress');
  if (!root || !window.fetch) {
    return;
  }
  var url = root.getAttribute('data-progress-url');
  var numberFmt = new Intl.NumberFormat(document.documentElement.lang || 'en', {
    numberingSystem: root.getAttribute('data-numbering') || 'latn',
  });
  var delay = 1000;
  function show(progress) {
    ['queued', 'sent', 'failed'].forEach(function (key) {
      var cell = root.querySelector('[data-count="' + key + '"]');
      if (cell && typeof progress[key] === 'number') {
        cell.textContent = numberFmt.format(progress[key]);
      }
    });
  }
  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (res) {
        return res.ok ? res.json() : Promise.reject(new Error(String(res.status)));
      })
      .then(function (progress) {
        show(progress);
        root.setAttribute('data-queued', String(progress.queued));
        delay = 1000;
        if (progress.queued > 0) {
          setTimeout(poll, delay);
        }
      })
      .catch(function () {
        // Signed out, or the server restarting: try again more slowly.
        delay = Math.min(delay * 2, 30000);
        setTimeout(poll, delay);
      });
  }
  poll();
})();
