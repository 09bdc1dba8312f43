import type { Message } from '@pairchat/schema';
import type { MessageKey } from '../i18n/index.ts';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * How one message reads in one line (the chat list, a quote, a search result), as WeChat writes it: a recalled
 * message is "You recalled a message" / "ana recalled a message" (你撤回了一条消息 / ana撤回了一条消息), media is its
 * kind in brackets ([Photo], [图片]) with a file's name, a text is itself. `prefixed` says whether the "You: "
 * the chat list puts before my own messages belongs (not before a recall, which names who did it).
 */
export function messagePreview(
  m: Pick<Message, 'recalled' | 'kind' | 'content' | 'media' | 'from' | 'name'>,
  meId: string | undefined,
  t: Translate,
): { text: string; prefixed: boolean } {
  if (m.recalled) {
    return { text: m.from === meId ? t('recalledByMe') : t('recalledBy', { name: m.name }), prefixed: false };
  }
  if (m.kind === 'text') return { text: m.content, prefixed: true };
  const kind = t(`kind.${m.kind}`);
  return { text: m.kind === 'file' && m.media ? `${kind} ${m.media.name}` : kind, prefixed: true };
}
