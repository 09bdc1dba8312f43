import { useT } from '../i18n/use-t.ts';

/**
 * A search text box named by `label` (its placeholder is just "Search"), as the search box above the chat list,
 * Contacts and the dialogs that search use it. Escape clears a text that is there (and is left to a dialog, to
 * close it, when there is none).
 */
export function SearchField(props: {
  value: string;
  onChange: (q: string) => void;
  label: string;
  maxLength: number;
  autoFocus?: boolean;
}) {
  const t = useT();
  return (
    <input
      type="search"
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && props.value) {
          e.preventDefault();
          props.onChange('');
        }
      }}
      placeholder={t('search')}
      aria-label={props.label}
      maxLength={props.maxLength}
      autoFocus={props.autoFocus}
    />
  );
}
