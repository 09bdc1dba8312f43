/*
 * The offline page comes back by itself. The service worker shows it in place of the page that was asked for when a
 * page load cannot reach the server (src/sw/sw.ts), so the address is still that page's: once the server answers
 * `GET /api/health` again, a reload opens it. It asks at once when the browser says it is online again (the
 * `online` event), and otherwise after 2 s, then 4, 8, 16 and every 30 s (an exponential backoff, so a long outage
 * costs one small request every half minute). "Try again" still reloads at once.
 */
(function () {
  var MAX_DELAY_MS = 30000;
  var delay = 2000;
  var timer;
  function later() {
    clearTimeout(timer);
    timer = setTimeout(check, delay);
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
  function check() {
    clearTimeout(timer);
    fetch('/api/health', { cache: 'no-store' }).then(function (res) {
      if (res.ok) location.reload();
      else later();
    }, later);
  }
  addEventListener('online', check);
  later();
})();
