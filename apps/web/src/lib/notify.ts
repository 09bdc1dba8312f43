import { PushSubscriptionBodySchema, type PushSubscriptionBody } from '@pairchat/schema';
import { z } from 'zod';

/**
 * The browser's notification APIs, wrapped for the app: the Notifications API (permission, `new Notification`), the
 * Push API through the service worker's registration, a short beep (Web Audio), and the election of the one tab
 * that shows notifications (Web Locks, with a BroadcastChannel for which tabs are visible). Nothing here knows the
 * store; `stores/notify-actions.ts` decides when to call it.
 */

/** `Notification.permission`, or 'unsupported' in a browser without notifications. */
export type Permission = NotificationPermission | 'unsupported';

export function notificationPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * Asks for permission; call it only from a person's gesture (a click), never on load: browsers ignore or penalise
 * prompts that come uninvited (Chrome's quieter permission UI, the Notifications API's "user activation" note).
 */
export async function askNotificationPermission(): Promise<Permission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission !== 'default') return Notification.permission;
  return Notification.requestPermission();
}

/** What a shown notification says and what its click does. `tag`: one notification per chat replaces the last. */
export interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  onClick: () => void;
}

/** Shows a notification from the page; a click focuses this tab, then runs `onClick`. */
export function showNotification({ title, body, tag, onClick }: ShownNotification): void {
  if (notificationPermission() !== 'granted') return;
  const notification = new Notification(title, { body, tag, icon: '/icons/icon-192.png' });
  notification.onclick = () => {
    window.focus();
    notification.close();
    onClick();
  };
}

let audio: AudioContext | null = null;

/**
 * Prepares the beep's audio context from a gesture (the switch in Settings): autoplay rules let a page that was
 * never clicked make no sound, and a context made during a click may play later.
 */
export function unlockSound(): void {
  if (typeof AudioContext === 'undefined') return;
  audio ??= new AudioContext();
  void audio.resume().catch(() => undefined);
}

/** A short soft beep (about 150 ms, 880 Hz); silent when the audio context was never unlocked. */
export function beep(): void {
  if (!audio) return;
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  const t = audio.currentTime;
  osc.frequency.value = 880;
  gain.gain.setValueAtTime(0.15, t);
  gain.gain.exponentialRampToValueAtTime(0.001, t + 0.15);
  osc.connect(gain).connect(audio.destination);
  osc.start(t);
  osc.stop(t + 0.16);
}

/** The service worker's registration, or null when none is registered (a dev server, an old browser). */
async function registration(): Promise<ServiceWorkerRegistration | null> {
  if (!('serviceWorker' in navigator) || typeof PushManager === 'undefined') return null;
  if (!(await navigator.serviceWorker.getRegistration())) return null;
  return navigator.serviceWorker.ready;
}

/** A base64url VAPID key as the bytes `applicationServerKey` takes (W3C Push API). */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const text = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Subscribes this browser to Web Push with the server's VAPID key (`userVisibleOnly`: every push shows a
 * notification, which Chrome requires). Null when the browser has no service worker or push; rejects when the
 * browser's push service refuses.
 */
export async function subscribePush(publicKey: string): Promise<PushSubscriptionBody | null> {
  const reg = await registration();
  if (!reg) return null;
  const existing = await reg.pushManager.getSubscription();
  const sub =
    existing ?? (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
  return PushSubscriptionBodySchema.parse(sub.toJSON());
}

/** Ends this browser's push subscription; answers its endpoint (for the server's DELETE), or null if none. */
export async function unsubscribePush(): Promise<string | null> {
  const sub = await (await registration())?.pushManager.getSubscription();
  if (!sub) return null;
  await sub.unsubscribe();
  return sub.endpoint;
}

const LOCK_NAME = 'pairchat-notifier';
const TabNoteSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), tab: z.string(), visible: z.boolean() }),
  z.object({ type: z.literal('gone'), tab: z.string() }),
  z.object({ type: z.literal('roll-call') }),
]);
type TabNote = z.infer<typeof TabNoteSchema>;

const pageVisible = () => document.visibilityState === 'visible';

/**
 * Elects one tab of the app to show notifications, so a message makes one notification however many tabs are
 * open: the tab holding the Web Lock `pairchat-notifier` (held until it closes; then the next waiting tab gets it).
 * Tabs tell each other over a BroadcastChannel whether they are visible: the elected tab notifies only while no
 * tab of the app is visible (a person looking at any tab sees the message there). Without Web Locks every tab
 * counts as elected.
 */
export class NotifierElection {
  private elected = typeof navigator === 'undefined' || !('locks' in navigator);
  private readonly tab = crypto.randomUUID();
  private readonly visibleTabs = new Set<string>();
  private channel: BroadcastChannel | null = null;

  /** Joins the election and starts telling the other tabs this one's visibility. Call once per page. */
  start(): void {
    if (typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(LOCK_NAME);
      this.channel.onmessage = (e: MessageEvent) => this.heard(e.data);
    }
    const announce = () => this.post({ type: 'state', tab: this.tab, visible: pageVisible() });
    document.addEventListener('visibilitychange', announce);
    window.addEventListener('pagehide', () => this.post({ type: 'gone', tab: this.tab }));
    announce();
    if (!this.elected) {
      void navigator.locks.request(LOCK_NAME, () => {
        this.elected = true;
        // The tab elected before may have known who is visible; this one asks everyone again.
        this.post({ type: 'roll-call' });
        return new Promise<never>(() => undefined);
      });
    }
  }

  /** True when this tab should show a notification now: it is elected and no tab of the app is visible. */
  shouldNotify(): boolean {
    return this.elected && !pageVisible() && this.visibleTabs.size === 0;
  }

  private heard(data: unknown): void {
    const note = TabNoteSchema.safeParse(data);
    if (!note.success) return;
    const n = note.data;
    if (n.type === 'roll-call') this.post({ type: 'state', tab: this.tab, visible: pageVisible() });
    else if (n.type === 'state' && n.visible) this.visibleTabs.add(n.tab);
    else this.visibleTabs.delete(n.tab);
  }

  private post(note: TabNote): void {
    this.channel?.postMessage(note);
  }
}
