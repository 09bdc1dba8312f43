import { useState } from 'react';
import type { MessageKey } from '../../i18n/index.ts';
import { errorText } from '../../stores/actions.ts';

/** What a form says after its call: done (a status), or why not (an alert), as an i18n key. */
export type Outcome = { ok: true; key: MessageKey } | { ok: false; key: MessageKey } | null;

/**
 * Runs a person's action and keeps its outcome for the form to show: `done` on success, else the message for the
 * error's code (`special` first, for a code that means something particular here, then `error.<code>`).
 */
export function useOutcome() {
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  async function run(
    action: () => Promise<void>,
    done: MessageKey | null,
    special: Partial<Record<string, MessageKey>> = {},
  ): Promise<boolean> {
    setBusy(true);
    setOutcome(null);
    try {
      await action();
      if (done) setOutcome({ ok: true, key: done });
      return true;
    } catch (err) {
      const code = errorText(err);
      setOutcome({ ok: false, key: special[code] ?? errorKey(code) });
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { outcome, busy, run, clear: () => setOutcome(null) };
}

const KNOWN: readonly string[] = [
  'unauthorized',
  'conflict',
  'bad_request',
  'rate_limited',
  'network',
  'unavailable',
  'forbidden',
  'not_found',
  'payload_too_large',
  'unsupported_media_type',
];

/** The i18n key of an error code; anything unexpected reads as "try again". */
function errorKey(code: string): MessageKey {
  return KNOWN.includes(code) ? (`error.${code}` as MessageKey) : 'actionFailed';
}

/** The outcome's line: a status that is read out politely, or an alert. */
export function OutcomeLine({ outcome, t }: { outcome: Outcome; t: (key: MessageKey) => string }) {
  if (!outcome) return null;
  return outcome.ok ? (
    <p className="form-status" role="status">
      {t(outcome.key)}
    </p>
  ) : (
    <p className="form-error" role="alert">
      {t(outcome.key)}
    </p>
  );
}
