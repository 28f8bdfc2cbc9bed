/* Undersigned — proof-of-work for the endorsement form, on only while a campaign is under attack
   (POW_DIFFICULTY). Finds a number n such that SHA-256(challenge + n) starts with `difficulty` zero
   bits, with the browser's own Web Crypto: no third-party service. No inline script: CSP. */
(function () {
  'use strict';
  var forms = document.querySelectorAll('form[data-pow-difficulty]');
  Array.prototype.forEach.call(forms, setUp);

  function zeroBits(bytes) {
    var bits = 0;
    for (var i = 0; i < bytes.length; i++) {
      var b = bytes[i];
      if (b === 0) {
        bits += 8;
        continue;
      }
      return bits + Math.clz32(b) - 24;
    }
    return bits;
  }

  function setUp(form) {
    var difficulty = Number(form.getAttribute('data-pow-difficulty'));
    var challenge = form.querySelector('input[name="pow_challenge"]');
    var answer = form.querySelector('input[name="pow_nonce"]');
    var status = form.querySelector('[data-pow-status]');
    var button = form.querySelector('button[type="submit"]');
    if (!challenge || !answer || !status || !button) {
      return;
    }
    var noscript = form.querySelector('[data-pow-noscript]');
    if (noscript) {
      noscript.hidden = true;
    }
    if (!window.crypto || !window.crypto.subtle || !window.TextEncoder || !window.fetch) {
      status.textContent = status.getAttribute('data-unsupported');
      return;
    }
    var encoder = new TextEncoder();
    var solving = null;
    var submitWhenDone = false;
    // The challenge comes from its own small request: the page is the same for every reader.
    var ready = fetch(form.getAttribute('data-pow-url'), { credentials: 'same-origin', cache: 'no-store' })
      .then(function (res) {
        return res.json();
      })
      .then(function (data) {
        if (!data.challenge) {
          // Proof-of-work was switched off meanwhile: the form is sent as it is.
          answer.value = 'none';
          return;
        }
        challenge.value = data.challenge;
        difficulty = Number(data.difficulty);
      });
    ready.then(
      function () {
        status.textContent = status.getAttribute('data-ready');
        button.disabled = false;
      },
      function () {
        status.textContent = status.getAttribute('data-unsupported');
      },
    );

    function say(text) {
      status.textContent = text;
    }

    function solve() {
      if (solving) {
        return solving;
      }
      var n = 0;
      var batch = 512;
      var expected = Math.pow(2, difficulty);
      var search = ready.then(function () {
        return answer.value
          ? answer.value
          : new Promise(function (resolve) {
              function step() {
                var tries = [];
                for (var i = 0; i < batch; i++) {
                  tries.push(
                    crypto.subtle.digest('SHA-256', encoder.encode(challenge.value + String(n + i))),
                  );
                }
                Promise.all(tries).then(function (digests) {
                  for (var i = 0; i < digests.length; i++) {
                    if (zeroBits(new Uint8Array(digests[i])) >= difficulty) {
                      return resolve(String(n + i));
                    }
                  }
                  n += batch;
                  // Expected work is 2^difficulty tries; the bar approaches 99 % and waits there if unlucky.
                  var percent = Math.min(99, Math.floor((1 - Math.exp(-n / expected)) * 100));
                  if (submitWhenDone) {
                    say(status.getAttribute('data-working').replace('{percent}', String(percent)));
                  }
                  setTimeout(step, 0);
                });
              }
              step();
            });
      });
      solving = search.then(function (value) {
        answer.value = value;
        say(status.getAttribute('data-done'));
        return value;
      });
      return solving;
    }

    // Start on first contact with the form, so the work is usually done before the person submits.
    form.addEventListener(
      'focusin',
      function () {
        solve();
      },
      { once: true },
    );
    form.addEventListener('submit', function (e) {
      if (answer.value) {
        return;
      }
      e.preventDefault();
      if (submitWhenDone) {
        return;
      }
      submitWhenDone = true;
      button.disabled = true;
      say(status.getAttribute('data-working').replace('{percent}', '0'));
      solve().then(function () {
        button.disabled = false;
        form.submit();
      });
    });
  }
})();
