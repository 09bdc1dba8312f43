import { describe, expect, it } from 'vitest';
import { notificationPreview, PushEndpointSchema } from '../src/push.ts';

describe('notificationPreview', () => {
  it('shows text on one line, trimmed', () => {
    expect(notificationPreview({ content: '  lunch\n at\tnoon?  ' })).toBe('lunch at noon?');
    expect(notificationPreview({ content: '你好 👋', kind: 'text' })).toBe('你好 👋');
  });

  it('labels a media message by its kind, as WeChat does, whatever it carries as content', () => {
    expect(notificationPreview({ content: '', kind: 'image' })).toBe('[Photo]');
    expect(notificationPreview({ content: '', kind: 'file' })).toBe('[File]');
    expect(notificationPreview({ content: '', kind: 'voice' })).toBe('[Voice]');
  });
});

describe('PushEndpointSchema', () => {
  it.each([
    'https://fcm.googleapis.com/fcm/send/abc',
    'https://203.0.113.7/push',
    // An IPv6 literal, as RFC 3986 writes it: in brackets (whether it is public is the server's check).
    'https://[2a00:1450:4001:82b::200a]/push/abc',
    'https://[::ffff:8.8.8.8]:8443/push',
  ])('takes %s', (endpoint) => {
    expect(PushEndpointSchema.safeParse(endpoint).success).toBe(true);
  });

  it.each([
    'https://push_service/x',
    'https://[2a00::1/x',
    'https://[not:an:ip]/x',
    'ftp://push.example.com/x',
    'push',
  ])('refuses %s', (endpoint) => {
    expect(PushEndpointSchema.safeParse(endpoint).success).toBe(false);
  });
});
