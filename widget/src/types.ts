/** The visitor-safe workspace settings from `GET /api/widget/:id/config`. */
export interface WidgetSettings {
  display_name: string;
  welcome_message: string;
  placeholder_text: string;
  suggested_messages: string[];
  booking_url: string | null;
  primary_color: string;
  bubble_color: string;
  bubble_position: 'left' | 'right';
  avatar_url: string | null;
  chat_icon_url: string | null;
  escalation_enabled: boolean;
  powered_by_clara: boolean;
}

/** One message of a chat session, as the API returns it. */
export interface ChatMessage {
  message_id: string;
  role: 'user' | 'assistant';
  content: string;
  timestamp?: string;
  suggestion_chips?: string[];
  escalation_offered?: boolean;
  /** `clarify`: "Did you mean…?" with the closest questions as `suggestion_chips`. */
  reply_kind?: 'answer' | 'clarify' | 'gap';
  /** The visitor's rating, when the server returns it with history. */
  feedback?: Rating | null;
}

/** A thumbs rating on an assistant message. */
export type Rating = 'up' | 'down';

/** Who the visitor is, set by `Clara.identify()`. */
export interface Visitor {
  name?: string;
  email?: string;
}
