import { useSyncExternalStore } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n/use-t.ts';
import { chooseTheme, currentTheme, parseThemeChoice, subscribeTheme, THEME_CHOICES } from '../../lib/theme.ts';
import { useApp } from '../../stores/app-store.ts';
import { signOut } from '../../stores/actions.ts';
import { ListTitle } from '../ListTitle.tsx';
import { NotificationSettings } from './NotificationSettings.tsx';
import { ProfileSection } from './ProfileSection.tsx';

/**
 * The Me tab: who is signed in, my profile (picture, display name), Account and security, the language, the colour scheme (System/Light/Dark), notifications, signing out.
 */
export function Settings() {
  const t = useT();
  const { me, lang, setLang, setPanel } = useApp(
    useShallow((s) => ({ me: s.me, lang: s.lang, setLang: s.setLang, setPanel: s.setPanel })),
  );
  const theme = useSyncExternalStore(subscribeTheme, currentTheme);
  return (
    <div className="settings">
      <ListTitle title={t('tab.settings')} />
      <p>{t('signedInAs', { name: me?.name ?? '' })}</p>
      {me && <ProfileSection me={me} />}
      <button type="button" className="settings-link" onClick={() => setPanel({ kind: 'account' })}>
        {t('account')}
      </button>
      <label>
        {t('language')}
        <select value={lang} onChange={(e) => setLang(e.target.value === 'zh' ? 'zh' : 'en')}>
          <option value="en">English</option>
          <option value="zh">中文</option>
        </select>
      </label>
      <label>
        {t('theme')}
        <select value={theme} onChange={(e) => chooseTheme(parseThemeChoice(e.target.value))}>
          {THEME_CHOICES.map((c) => (
            <option key={c} value={c}>
              {t(`theme.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <NotificationSettings />
      <button type="button" className="danger" onClick={() => void signOut()}>
        {t('signOut')}
      </button>
    </div>
  );
}
