// The only custom script: htmx requests from outside a form still carry the CSRF token.
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

// A "select all" checkbox (data-select-all="name") ticks every enabled checkbox of that name in its form. It is
// hidden until this script runs: without it, each row is still selected on its own.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('input[data-select-all]').forEach(function (all) {
    var name = all.getAttribute('data-select-all');
    var boxes = function () {
      return all.form.querySelectorAll('input[type="checkbox"][name="' + name + '"]:not(:disabled)');
    };
    all.closest('label').hidden = false;
    all.addEventListener('change', function () {
      boxes().forEach(function (box) { box.checked = all.checked; });
    });
  });
});
