import { useState, type FormEvent } from 'react';
import { UserNameSchema } from '@pairchat/schema';
import { useT } from '../../i18n/use-t.ts';
import { errorText, signIn } from '../../stores/actions.ts';
import type { MessageKey } from '../../i18n/index.ts';

export function AuthScreen() {
  const t = useT();
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (mode === 'register' && (!UserNameSchema.safeParse(name).success || password.length < 8)) {
      setError(t('error.bad_request'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(mode, name, password);
    } catch (err) {
      const code = errorText(err);
      // REGISTRATION=closed refuses a new account with 403: accounts come from the server's owner then.
      setError(
        mode === 'register' && code === 'forbidden' ? t('registrationClosed') : t(`error.${code}` as MessageKey),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="auth">
      <form className="auth-card" onSubmit={(e) => void submit(e)} aria-labelledby="auth-title">
        <div className="auth-logo" aria-hidden="true">
          <img src="/favicon.svg" alt="" width="56" height="56" />
        </div>
        <h1 id="auth-title">{mode === 'login' ? t('signIn') : t('register')}</h1>
        <label>
          {t('name')}
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="username"
            required
            dir="auto"
            autoFocus
          />
          {mode === 'register' && <small>{t('nameHint')}</small>}
        </label>
        <label>
          {t('password')}
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            required
            maxLength={128}
          />
          {mode === 'register' && <small>{t('passwordHint')}</small>}
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {mode === 'login' ? t('signIn') : t('register')}
        </button>
        <button
          type="button"
          className="link"
          onClick={() => {
            setMode(mode === 'login' ? 'register' : 'login');
            setError(null);
          }}
        >
          {mode === 'login' ? t('noAccount') : t('haveAccount')}
        </button>
      </form>
    </main>
  );
}
