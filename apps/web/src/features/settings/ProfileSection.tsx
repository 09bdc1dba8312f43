import { useRef, useState } from 'react';
import { DISPLAY_NAME_MAX, type User } from '@pairchat/schema';
import { useT } from '../../i18n/use-t.ts';
import { setAvatar, setDisplayName } from '../../stores/account-actions.ts';
import { Avatar } from '../Avatar.tsx';
import { OutcomeLine, useOutcome } from '../people/outcome.tsx';

/**
 * My profile on the Me tab (WeChat's 个人信息): my picture, changed by choosing an image (uploaded like a photo in
 * a chat; the server crops it square) or removed, and my display name (1–32 characters of any text; my sign-in
 * name stays). Everyone with a chat or a contact with me sees the change at once.
 */
export function ProfileSection({ me }: { me: User }) {
  const t = useT();
  const [name, setName] = useState(me.displayName ?? '');
  const picture = useOutcome();
  const naming = useOutcome();
  const file = useRef<HTMLInputElement>(null);
  const saved = me.displayName ?? '';
  return (
    <section className="profile" aria-labelledby="profile-title">
      <h2 id="profile-title">{t('profile')}</h2>
      <div className="profile-picture">
        <Avatar user={me} size={64} />
        <div className="profile-picture-actions">
          <input
            ref={file}
            id="avatar-file"
            type="file"
            accept="image/*"
            hidden
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              e.target.value = '';
              if (chosen) void picture.run(() => setAvatar(chosen), null);
            }}
          />
          <button type="button" disabled={picture.busy} onClick={() => file.current?.click()}>
            {t('changeAvatar')}
          </button>
          {me.avatar && (
            <button type="button" disabled={picture.busy} onClick={() => void picture.run(() => setAvatar(null), null)}>
              {t('removeAvatar')}
            </button>
          )}
          <OutcomeLine outcome={picture.outcome} t={t} />
        </div>
      </div>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void naming.run(() => setDisplayName(name), 'saved');
        }}
      >
        <label>
          {t('displayName')}
          <input
            value={name}
            placeholder={me.name}
            maxLength={DISPLAY_NAME_MAX * 4}
            onChange={(e) => setName(e.target.value)}
            dir="auto"
          />
        </label>
        <button type="submit" disabled={naming.busy || name.trim() === '' || name.trim() === saved}>
          {t('save')}
        </button>
        <OutcomeLine outcome={naming.outcome} t={t} />
      </form>
    </section>
  );
}
