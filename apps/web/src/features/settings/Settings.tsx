import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../stores/app-store.ts';
import { signOut } from '../../stores/actions.ts';
import { ListTitle } from '../ListTitle.tsx';

export function Settings() {
  const t = useT();
  const { me, lang, setLang } = useApp(useShallow((s) => ({ me: s.me, lang: s.lang, setLang: s.setLang })));
  return (
    <div className="settings">
      <ListTitle title={t('tab.settings')} />
      <p>{t('signedInAs', { name: me?.name ?? '' })}</p>
      <label>
        {t('language')}
        <select value={lang} onChange={(e) => setLang(e.target.value === 'zh' ? 'zh' : 'en')}>
          <option value="en">English</option>
          <option value="zh">中文</option>
        </select>
      </label>
      <button type="button" className="danger" onClick={() => void signOut()}>
        {t('signOut')}
      </button>
    </div>
  );
}
