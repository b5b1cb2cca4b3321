import type { WorkspaceSettings } from '@clara/core';
import { escapeMrkdwn, escapeUrl } from './mrkdwn';
import type { KnowledgeTopic } from './ports';
import type { SlackBlock } from './render-reply';

/** How many categories the Home tab lists. */
export const homeTopicCount = 8;

/** What the Home tab shows when the knowledge base is still empty. */
export const emptyHomeText = 'Nothing to show yet: my knowledge base is empty for now.';

/** The blocks of the Home tab: Clara's message blocks and a header. */
export type HomeBlock =
  | SlackBlock
  | { type: 'header'; text: { type: 'plain_text'; text: string } }
  | { type: 'divider' };

const section = (text: string): HomeBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

// Slack's limit for a section's text is 3,000 characters; the settings keep us far below it.
const bullets = (lines: string[]) => lines.map((line) => `• ${line}`).join('\n');

/** What only the workspace's owner (the Slack user who installed Clara) sees on the Home tab. */
export interface OwnerHomeFacts {
  openGaps: number;
  /** The admin's gap inbox; absent without CLARA_PUBLIC_URL. */
  gapsUrl?: string | undefined;
}

/** The owner's section: the open gaps and where to answer them. */
export function ownerSection(owner: OwnerHomeFacts): HomeBlock {
  const count =
    owner.openGaps === 0
      ? 'No open gaps: every question so far had an answer.'
      : `*${owner.openGaps} open ${owner.openGaps === 1 ? 'gap' : 'gaps'}*: ${owner.openGaps === 1 ? 'a question' : 'questions'} I could not answer yet.`;
  const link = owner.gapsUrl ? ` <${escapeUrl(owner.gapsUrl)}|Answer them in the admin>` : '';
  return section(`*For you, as the owner*\n${count}${owner.openGaps > 0 ? link : ''}`);
}

/**
 * The App Home tab (`views.publish`): what Clara can answer, from the workspace's suggested
 * questions and its largest knowledge-base categories (and, for the owner, the open gaps). Owner text is escaped for mrkdwn, so a
 * question or category cannot mention `@channel` or forge a link.
 */
export function renderHomeView(
  settings: Pick<WorkspaceSettings, 'display_name' | 'welcome_message' | 'suggested_messages'>,
  topics: readonly KnowledgeTopic[],
  owner?: OwnerHomeFacts,
): { type: 'home'; blocks: HomeBlock[] } {
  const blocks: HomeBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `What ${settings.display_name} can answer` } },
  ];
  if (owner) blocks.push(ownerSection(owner), { type: 'divider' });
  if (settings.welcome_message) blocks.push(section(escapeMrkdwn(settings.welcome_message)));
  if (settings.suggested_messages.length > 0) {
    blocks.push(section(`*Try asking*\n${bullets(settings.suggested_messages.map((q) => escapeMrkdwn(q)))}`));
  }
  if (topics.length > 0) {
    const lines = topics.map(
      (t) => `${escapeMrkdwn(t.category)}: ${t.pairs} ${t.pairs === 1 ? 'answer' : 'answers'}`,
    );
    blocks.push(section(`*Topics*\n${bullets(lines)}`));
  }
  if (settings.suggested_messages.length === 0 && topics.length === 0) blocks.push(section(emptyHomeText));
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: 'Ask me in the Messages tab, or mention me in a channel I’m in.',
      },
    ],
  });
  return { type: 'home', blocks };
}
