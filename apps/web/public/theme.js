/*
 * The person's colour scheme, applied before first paint: a classic script in <head> (external, so the strict
 * CSP's script-src 'self' allows it) that blocks rendering for the few microseconds it takes. It copies the
 * choice saved by Settings (lib/theme.ts: THEME_KEY) to <html data-theme>, which the stylesheet turns into
 * `color-scheme`. "system" (or nothing saved) leaves the attribute off, so prefers-color-scheme decides.
 */
try {
  var choice = localStorage.getItem('pairchat.theme');
  if (choice === 'light' || choice === 'dark') document.documentElement.dataset.theme = choice;
} catch {
  // no storage (a locked-down browser): follow the system
}
