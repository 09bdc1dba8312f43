import { useT } from '../../i18n/use-t.ts';

/** WeChat's 搜索 box above the chat list: contacts, chats and messages as you type; Escape clears it. */
export function SearchBox({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  const t = useT();
  return (
    <div className="search">
      <input
        type="search"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && value) {
            e.preventDefault();
            onChange('');
          }
        }}
        placeholder={t('search')}
        aria-label={t('searchAll')}
        maxLength={100}
      />
    </div>
  );
}
