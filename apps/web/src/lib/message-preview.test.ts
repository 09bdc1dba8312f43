import { describe, expect, it } from 'vitest';
import { format, LANGS, type Lang, type MessageKey } from '../i18n/index.ts';
import { msg } from '../stores/test-fixtures.ts';
import { messagePreview } from './message-preview.ts';

const tr = (lang: Lang) => (key: MessageKey, vars?: Record<string, string | number>) => format(LANGS[lang][key], vars);
const media = { id: 'm', name: 'report.pdf', mime: 'application/pdf', size: 2048 };

describe('messagePreview', () => {
  it('writes media as WeChat does, in English and Chinese', () => {
    const photo = msg(1, { kind: 'image', content: '', media: { ...media, mime: 'image/png', width: 4, height: 3 } });
    const file = msg(2, { kind: 'file', content: '', media });
    const voice = msg(3, { kind: 'voice', content: '', media: { ...media, mime: 'audio/ogg', durationMs: 7_200 } });
    expect(messagePreview(photo, 'b', tr('en')).text).toBe('[Photo]');
    expect(messagePreview(photo, 'b', tr('zh')).text).toBe('[图片]');
    expect(messagePreview(file, 'b', tr('en')).text).toBe('[File] report.pdf');
    expect(messagePreview(file, 'b', tr('zh')).text).toBe('[文件] report.pdf');
    expect(messagePreview(voice, 'b', tr('en')).text).toBe('[Voice] 0:07');
    expect(messagePreview(voice, 'b', tr('zh')).text).toBe('[语音] 0:07');
  });

  it('a voice message without a known length is just its kind; text is itself; a recall names who did it', () => {
    const voice = msg(1, { kind: 'voice', content: '', media: { ...media, mime: 'audio/webm' } });
    expect(messagePreview(voice, 'b', tr('en'))).toEqual({ text: '[Voice]', prefixed: true });
    expect(messagePreview(msg(2), 'b', tr('en'))).toEqual({ text: 'message 2', prefixed: true });
    expect(messagePreview(msg(3, { recalled: true }), 'a', tr('en'))).toEqual({
      text: 'You recalled a message',
      prefixed: false,
    });
  });
});
