// htmx sends the session's CSRF token with every call it makes, as forms send theirs in a hidden field.
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="csrf-token"]');
  if (token && token.content) {
    event.detail.headers['X-CSRF-TOKEN'] = token.content;
  }
});

// The browser's time zone, so the portal writes times in it (the server falls back to UTC without it).
(function () {
  var zone = window.Intl && Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && /^[A-Za-z0-9_+\/-]{1,64}$/.test(zone)) {
    document.cookie = 'COSELL_TZ=' + zone + '; path=/; max-age=31536000; SameSite=Lax'
      + (location.protocol === 'https:' ? '; Secure' : '');
  }
})();
