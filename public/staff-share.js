// The "Now live" panel: Copy buttons (the page works without them: each field is read-only and
// selects itself on focus). README.md "Opening a statement".
(function () {
  'use strict';
  var status = document.querySelector('[data-copy-status]');
  Array.prototype.forEach.call(document.querySelectorAll('[data-select-all]'), function (el) {
    el.addEventListener('focus', function () {
      el.select();
    });
  });
  if (!navigator.clipboard) {
    return;
  }
  Array.prototype.forEach.call(document.querySelectorAll('[data-copy]'), function (button) {
    var field = document.getElementById(button.getAttribute('data-copy'));
    if (!field) {
      return;
    }
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(field.value).then(function () {
        var label = button.textContent;
        button.textContent = button.getAttribute('data-copied');
        if (status) {
          status.textContent = button.getAttribute('data-copied');
        }
        setTimeout(function () {
          button.textContent = label;
        }, 2000);
      });
    });
  });
})();
