import { expect, test } from '@playwright/test';
import { anaAndBen } from '../pages/api-peer.ts';

test('web and e-mail addresses in a message are links to a new tab; a javascript: address never is', async ({
  page,
  request,
}) => {
  const { ana, ben, chat } = await anaAndBen(page, request);
  await ben.send(
    chat.id,
    'Docs at https://example.com/a?b=1 or www.example.org, mail ana@example.com. ' +
      'Not javascript:alert(1) nor javascript://example.com/%0aalert(1)',
  );
  await ana.openChat(ben.name);

  const bubble = ana.bubble('Docs at');
  const web = bubble.getByRole('link', { name: 'https://example.com/a?b=1' });
  await expect(web).toHaveAttribute('href', 'https://example.com/a?b=1');
  await expect(web).toHaveAttribute('target', '_blank');
  await expect(web).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(bubble.getByRole('link', { name: 'www.example.org' })).toHaveAttribute('href', 'http://www.example.org');
  const mail = bubble.getByRole('link', { name: 'ana@example.com' });
  await expect(mail).toHaveAttribute('href', 'mailto:ana@example.com');
  await expect(mail).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(bubble.getByRole('link')).toHaveCount(3);
  await expect(bubble.locator('a[href^="javascript:" i]')).toHaveCount(0);
  // The rest stays text, exactly as sent.
  await expect(bubble).toContainText('Not javascript:alert(1) nor javascript://example.com/%0aalert(1)');
  await expect(ana.chatEntry(ben.name).getByRole('link')).toHaveCount(0);
});
