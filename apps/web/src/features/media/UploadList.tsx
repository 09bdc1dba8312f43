import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n/use-t.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { useApp, type UploadItem } from '../../stores/app-store.ts';
import { cancelUpload, EMPTY_FILE, retryUpload } from '../../stores/media-actions.ts';

/**
 * Why an upload failed, in words: an empty file (never sent: the server refuses it), too large (413), a type the
 * server cannot read (415), or anything else.
 */
function failureKey(error: string | null): MessageKey {
  if (error === EMPTY_FILE) return 'uploadEmpty';
  if (error === 'payload_too_large') return 'uploadTooLarge';
  if (error === 'unsupported_media_type') return 'uploadUnsupported';
  return 'uploadFailed';
}

/**
 * A file refused for what it is: empty, too large, unreadable, or any other 400 (the same bytes get the same
 * answer). Retrying could only fail again. A network error or a 5xx may pass next time.
 */
const refusedForGood = (error: string | null) => failureKey(error) !== 'uploadFailed' || error === 'bad_request';

/**
 * The uploads of this chat above the message box: each with a progress bar and Cancel while it goes up; when it
 * failed, the reason with Retry and Cancel, or only Dismiss when retrying could only fail again (an empty file, 400,
 * 413, 415). A finished upload leaves this list and shows as a message.
 */
export function UploadList({ chatId }: { chatId: string }) {
  const t = useT();
  const uploads = useApp(useShallow((s) => Object.values(s.uploads).filter((u: UploadItem) => u.chatId === chatId)));
  if (uploads.length === 0) return null;
  return (
    <ul className="upload-list" aria-label={t('uploads')}>
      {uploads.map((u) => {
        // Refused for what it is: the same file would be refused again, so it can only be dismissed.
        const final = u.status !== 'uploading' && refusedForGood(u.error);
        return (
          <li key={u.id} className={`upload ${u.status}`}>
            {u.status === 'uploading' ? (
              <>
                <span className="upload-name" dir="auto">
                  {u.name}
                </span>
                <progress aria-label={t('uploading', { name: u.name })} max={1} value={u.progress} />
              </>
            ) : (
              <>
                <span className="upload-name" role="alert">
                  {t(failureKey(u.error), { name: u.name })}
                </span>
                {!final && (
                  <button
                    type="button"
                    onClick={() => retryUpload(u.id)}
                    aria-label={t('retryUpload', { name: u.name })}
                  >
                    {t('retry')}
                  </button>
                )}
              </>
            )}
            <button
              type="button"
              onClick={() => cancelUpload(u.id)}
              aria-label={t(final ? 'dismissUpload' : 'cancelUpload', { name: u.name })}
            >
              {t(final ? 'dismiss' : 'cancel')}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
