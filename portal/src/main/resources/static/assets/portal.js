// htmx sends the session's CSRF token with every call it makes, as forms send theirs in a hidden field.
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="csrf-token"]');
  if (token && token.content) {
    event.detail.headers['X-CSRF-TOKEN'] = token.content;
  }
});
