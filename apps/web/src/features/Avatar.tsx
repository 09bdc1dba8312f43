import { useState } from 'react';
import type { User } from '@pairchat/schema';
import { avatarColor, initials } from '../lib/avatar.ts';
import { thumbnailUrl } from '../lib/media-url.ts';
import { useName } from './people/use-name.ts';

/**
 * A person's picture, wherever they are shown: their avatar (the server's square crop, through the media
 * thumbnail) or, without one or while it cannot load, the initials of the name I see for them on a colour of
 * their own. Decorative: the name beside it says who it is.
 */
export function Avatar({ user, online, size = 40 }: { user: User; online?: boolean; size?: number }) {
  const name = useName(user);
  const [broken, setBroken] = useState<string | null>(null);
  const picture = user.avatar && !user.deleted && broken !== user.avatar ? user.avatar : null;
  return (
    <span
      className={`avatar${picture ? ' picture' : ''}`}
      style={{ width: size, height: size, background: avatarColor(user.id), fontSize: size * 0.4 }}
      aria-hidden="true"
    >
      {picture ? (
        <img src={thumbnailUrl(picture)} alt="" width={size} height={size} onError={() => setBroken(picture)} />
      ) : (
        initials(name)
      )}
      {online && <span className="online-dot" />}
    </span>
  );
}
