import type { Message } from '@pairchat/schema';
import type { MessageKey } from '../i18n/index.ts';
import { formatDuration } from './media-format.ts';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * How one message reads in one line (the chat list, a quote, a search result), as WeChat writes it: a recalled
 * message is "You recalled a message" / "ana recalled a message" (你撤回了一条消息 / ana撤回了一条消息), media is its
 * kind in brackets with a file's name or a voice message's length ("[Photo]"/"[图片]", "[File] a.pdf"/"[文件] a.pdf",
 * "[Voice] 0:07"/"[语音] 0:07"), a text is itself. One function for the chat list, the quote in the composer, search
 * results and the page's notifications. `prefixed` says whether the "You: " the chat list puts before my own
 * messages belongs (not before a recall, which names who did it).
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
  if (m.kind === 'file' && m.media) return { text: `${kind} ${m.media.name}`, prefixed: true };
  if (m.kind === 'voice' && m.media?.durationMs !== undefined) {
    return { text: `${kind} ${formatDuration(m.media.durationMs)}`, prefixed: true };
  }
  return { text: kind, prefixed: true };
}
