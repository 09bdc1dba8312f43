import { useState } from 'react';
import { useT } from '../../i18n/use-t.ts';
import { notificationPermission, type Permission } from '../../lib/notify.ts';
import { useApp } from '../../stores/app-store.ts';
import {
  disableNotifications,
  enableNotifications,
  setNotificationPreview,
  setNotificationSound,
} from '../../stores/notify-actions.ts';

/**
 * The notification switches of Settings: notifications on or off (turning them on asks the browser's permission
 * now, from this click, never on load), the message preview, and a short sound. A refused permission says so.
 */
export function NotificationSettings() {
  const t = useT();
  const notify = useApp((s) => s.notify);
  const [permission, setPermission] = useState<Permission>(notificationPermission);
  const on = notify.enabled && permission === 'granted';

  const toggle = async (checked: boolean) => {
    if (checked) setPermission(await enableNotifications());
    else await disableNotifications();
  };

  return (
    <fieldset className="notification-settings">
      <legend>{t('notifications')}</legend>
      <Switch
        label={t('notifications')}
        checked={on}
        disabled={permission === 'unsupported'}
        onChange={(checked) => void toggle(checked)}
      />
      <Switch label={t('notify.preview')} checked={notify.preview} disabled={!on} onChange={setNotificationPreview} />
      <Switch label={t('notify.sound')} checked={notify.sound} disabled={!on} onChange={setNotificationSound} />
      {(permission === 'denied' || permission === 'unsupported') && (
        <p className="hint" role="status">
          {t(permission === 'denied' ? 'notify.denied' : 'notify.unsupported')}
        </p>
      )}
    </fieldset>
  );
}

/** A labelled on/off switch (a checkbox with the ARIA `switch` role: screen readers say "on"/"off"). */
function Switch(props: { label: string; checked: boolean; disabled: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="switch">
      <input
        type="checkbox"
        role="switch"
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      {props.label}
    </label>
  );
}
