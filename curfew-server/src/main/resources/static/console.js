// Progressive enhancement for the Curfew admin console. Every page works without it; the server checks
// everything again. Loaded as an external file: the console's Content-Security-Policy forbids inline script.
(function () {
  'use strict';

  function announce(message) {
    var live = document.getElementById('flash');
    if (live) {
      live.textContent = '';
      var p = document.createElement('p');
      p.className = 'flash';
      p.textContent = message;
      live.appendChild(p);
    }
  }

  // "Select all on this page": shown only when it can work.
  document.querySelectorAll('[data-select-all]').forEach(function (all) {
    var form = all.form;
    var name = all.getAttribute('data-select-all');
    var boxes = function () { return form.querySelectorAll('input[type=checkbox][name="' + name + '"]'); };
    all.hidden = false;
    all.addEventListener('change', function () {
      boxes().forEach(function (b) { b.checked = all.checked; });
    });
    form.addEventListener('change', function (e) {
      if (e.target !== all && e.target.name === name) {
        var list = Array.prototype.slice.call(boxes());
        all.checked = list.every(function (b) { return b.checked; });
        all.indeterminate = !all.checked && list.some(function (b) { return b.checked; });
      }
    });
  });

  // "Sign out selected" with nothing selected: say so here instead of a round trip.
  var selected = document.getElementById('sign-out-selected');
  if (selected) {
    selected.addEventListener('click', function (e) {
      if (!selected.form.querySelector('input[name="sessionId"]:checked')) {
        e.preventDefault();
        announce('Select at least one session to sign out.');
      }
    });
  }

  // Typed confirmation: the button stays disabled until the text matches.
  document.querySelectorAll('[data-must-equal]').forEach(function (input) {
    var button = document.getElementById(input.getAttribute('data-enables'));
    if (!button) {
      return;
    }
    var update = function () { button.disabled = input.value !== input.getAttribute('data-must-equal'); };
    input.addEventListener('input', update);
    update();
  });
})();
