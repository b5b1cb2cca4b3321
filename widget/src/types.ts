// The widget's view of the chat API, from the contract: types only, so nothing is bundled.
import type { VisitorSettings } from '@clara/contract';

export type { ChatMessage, Rating, Visitor } from '@clara/contract';

/** The visitor-safe workspace settings from `GET /api/widget/:id/config`. */
export type WidgetSettings = VisitorSettings;
