import { avatarColor, initials } from '../lib/avatar.ts';

export function Avatar({ id, name, online, size = 40 }: { id: string; name: string; online?: boolean; size?: number }) {
  return (
    <span
      className="avatar"
      style={{ width: size, height: size, background: avatarColor(id), fontSize: size * 0.4 }}
      aria-hidden="true"
    >
      {initials(name)}
      {online && <span className="online-dot" />}
    </span>
  );
}
