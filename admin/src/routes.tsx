import type { ComponentType } from 'react';
import { EmptyState } from './components/empty-state';
import { ChannelsPage } from './features/channels/channels-page';
import { ConversationsPage } from './features/conversations/conversations-page';
import { GapsPage } from './features/gaps/gaps-page';
import { InstallPage } from './features/install/install-page';
import { KeysPage } from './features/keys/keys-page';
import { KnowledgePage } from './features/knowledge/knowledge-page';
import { OverviewPage } from './features/overview/overview-page';
import { SettingsPage } from './features/settings/settings-page';
import { Link } from './lib/router';

/** App paths below /admin and their pages (thin: each page lives in its feature folder). */
export const routes: Record<string, ComponentType> = {
  '/': OverviewPage,
  '/knowledge': KnowledgePage,
  '/gaps': GapsPage,
  '/conversations': ConversationsPage,
  '/settings': SettingsPage,
  '/install': InstallPage,
  '/keys': KeysPage,
  '/channels': ChannelsPage,
};

/** Unknown paths. */
export function NotFoundPage() {
  return (
    <EmptyState title="Page not found" action={<Link to="/">Back to the overview</Link>}>
      This page does not exist.
    </EmptyState>
  );
}

/** The page for a path (`/conversations/ID` goes to the conversations page). */
export function pageFor(path: string): ComponentType {
  const top = `/${path.split('/')[1] ?? ''}`;
  return routes[top] ?? NotFoundPage;
}
