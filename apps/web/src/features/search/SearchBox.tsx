import { SEARCH_QUERY_MAX } from '@pairchat/schema';
import { useT } from '../../i18n/use-t.ts';
import { SearchField } from '../SearchField.tsx';

/** WeChat's 搜索 box above the chat list: contacts, chats and messages as you type; Escape clears it. */
export function SearchBox({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  const t = useT();
  return (
    <div className="search">
      <SearchField value={value} onChange={onChange} label={t('searchAll')} maxLength={SEARCH_QUERY_MAX} />
    </div>
  );
}
