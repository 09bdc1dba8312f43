/**
 * The colour scheme the person chose in Settings: follow the system (prefers-color-scheme), or always light, or
 * always dark. The choice lives in localStorage under THEME_KEY and shows as `<html data-theme="light|dark">`
 * (no attribute for "system"); the stylesheet maps the attribute to `color-scheme`, and every colour is a
 * `light-dark()` pair (styles/base.css), so nothing else has to know the scheme.
 *
 * At load, before first paint, public/theme.js copies the saved choice to the attribute (a tiny classic script:
 * the CSP forbids inline ones, and the app's module runs too late to avoid a flash). From then on the
 * attribute is the truth, which is why `currentTheme` reads it rather than storage; theme.js also follows a
 * choice made in another tab (the `storage` event).
 */

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** The localStorage key; public/theme.js reads the same one. */
export const THEME_KEY = 'pairchat.theme';

/** Any stored or submitted value as a choice: anything unknown (or missing) is "system". */
export function parseThemeChoice(value: unknown): ThemeChoice {
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** The choice in force on a document, read from its `data-theme`. */
export function currentTheme(root: HTMLElement = document.documentElement): ThemeChoice {
  return parseThemeChoice(root.dataset.theme);
}

/**
 * Calls `onChange` whenever the choice in force changes (here or, through public/theme.js, in another tab);
 * answers the unsubscribe function. Shaped for React's useSyncExternalStore with `currentTheme`.
 */
export function subscribeTheme(onChange: () => void, root: HTMLElement = document.documentElement): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(root, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

/**
 * Applies a choice at once and keeps it for the next load. Without storage (a locked-down browser) the choice
 * still applies to this page.
 */
export function chooseTheme(choice: ThemeChoice, root: HTMLElement = document.documentElement): void {
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  try {
    if (choice === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, choice);
  } catch {
    // not kept: follows the system on the next load
  }
}
