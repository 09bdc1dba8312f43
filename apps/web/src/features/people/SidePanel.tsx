import type { Panel } from '../../stores/app-store.ts';
import { AddContactsPage } from '../contacts/AddContactsPage.tsx';
import { PersonPage } from '../contacts/PersonPage.tsx';
import { RequestsPage } from '../contacts/RequestsPage.tsx';
import { AccountPage } from '../settings/AccountPage.tsx';

/** The page shown beside the list instead of a chat (see `Panel`). */
export function SidePanel({ panel }: { panel: Panel }) {
  switch (panel.kind) {
    case 'person':
      return <PersonPage key={panel.user.id} user={panel.user} />;
    case 'requests':
      return <RequestsPage />;
    case 'add':
      return <AddContactsPage />;
    case 'account':
      return <AccountPage />;
  }
}
