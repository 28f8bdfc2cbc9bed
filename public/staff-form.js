// The closing-date field speaks the staff member's time zone: remember the browser's zone in a
// cookie and, the first time it differs, reload so the server shows and reads times in it.
// Without JavaScript the field is in UTC, and says so. README.md "Statements".
(function () {
  'use strict';
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return;
  }
  if (!zone) {
    return;
  }
  var field = document.querySelector('input[name="tz"]');
  document.cookie =
    'undersigned_staff_tz=' + encodeURIComponent(zone) + '; path=/admin; max-age=31536000; SameSite=Lax';
  if (field && field.value !== zone && !sessionStorage.getItem('tz-reloaded')) {
    sessionStorage.setItem('tz-reloaded', '1');
    location.reload();
  }
})();
