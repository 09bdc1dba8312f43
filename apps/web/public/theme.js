/*
 * The person's colour scheme, applied before first paint: a classic script in <head> (external, so the strict
 * CSP's script-src 'self' allows it) that blocks rendering for the moment it takes. It copies the choice saved
 * by Settings (lib/theme.ts: THEME_KEY) to <html data-theme>, which the stylesheet turns into `color-scheme`;
 * "system" (nothing saved) leaves the attribute off, so prefers-color-scheme decides. When another tab of the
 * app changes the choice, the `storage` event brings it here too.
 */
(function () {
  var KEY = 'pairchat.theme';
  function apply(choice) {
    if (choice === 'light' || choice === 'dark') document.documentElement.dataset.theme = choice;
    else delete document.documentElement.dataset.theme;
  }
  try {
    apply(localStorage.getItem(KEY));
  } catch {
    // no storage (a locked-down browser): follow the system
  }
  addEventListener('storage', function (event) {
    if (event.key === KEY || event.key === null) apply(event.newValue);
  });
})();
