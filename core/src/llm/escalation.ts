import type { ChatMessage } from '../schemas/chat-message';
import type { WorkspaceSettings } from '../schemas/settings';
import { normaliseForMatching } from './normalise-text';

/** Why the booking link is offered. */
export type EscalationReason = 'human' | 'call' | 'demo' | 'quote' | 'repeated_gaps';

const people = `(?:someone|somebody|anyone|anybody|you guys|you all|y'all|an? (?:real |live |actual )?(?:person|human|agent|operator|representative|rep|consultant|expert|specialist|salesperson|advisor|adviser)|(?:a |an )?(?:human|real person|real human|live agent|human agent|operator|customer (?:service|support|care))|(?:your|the|a|an) (?:team|sales(?: team| rep| person)?|founders?|manager|owner|boss|account manager|consultant|expert|specialist|support team|staff|customer (?:service|support|care)(?: team)?)|(?:a )?(?:member of (?:your |the )?(?:team|staff)|staff member)|sales)`;
// Who a visitor asks for by name alone ("I want a human", "operator please"): never a bare
// "person", "owner" or "manager", which other questions name ("is the owner allowed to stay").
const staff = `(?:(?:a |an |the |your |some )?(?:real |live |actual )?(?:human|agent|operator|representative|rep)|(?:a |an |some )?(?:real|live|actual) (?:person|people)|(?:a |your |the )?(?:member of (?:your |the )?staff|staff member|customer (?:service|support|care)(?: team)?))`;
// What may follow such a request: the end, "please", "now", "to talk to", "I can ask"…
const requestEnd = String.raw`(?= (?:please|now|instead|asap|thanks?|thank you)\b|(?: who| that| i can| to (?:talk|speak|chat|help|answer)| here| on the phone)\b|[ .!?,;:]*$)`;

const patterns: [EscalationReason, RegExp][] = [
  [
    'human',
    new RegExp(
      String.raw`\b(?:talk|speak|chat|connect|get in touch|be put in touch|put me through|meet|contact|reach)\b(?: (?:me )?(?:to|with|through to))? ${people}\b`,
    ),
  ],
  ['human', /\b(?:real|live|actual) (?:person|human|agent)\b|\bhuman (?:being|agent|support|help)\b/],
  // "I want a human", "can I get an operator", "representative please", "customer service".
  [
    'human',
    new RegExp(
      String.raw`(?:^|\b(?:want|wanna|need|like|prefer|get|give me|request|ask for|transfer me to|connect me to|is there|are there|have you got|do you have)\b )${staff}${requestEnd}`,
    ),
  ],
  // "I need someone to talk to", "is there somebody I can speak with".
  [
    'human',
    /\b(?:someone|somebody|anyone|anybody|a person|a human)(?: (?:i|we) (?:can|could|may|might) | to )(?:talk|speak|chat)\b/,
  ],
  [
    'call',
    /\b(?:book|schedule|arrange|set up|setup|request|organi[sz]e|plan|hop on|jump on)\b.{0,20}\b(?:call|meeting|consultation|appointment|video ?chat|zoom|teams call)\b/,
  ],
  [
    'call',
    /\b(?:like|want|need|love|prefer|have) (?:to have |to get )?(?:a |an )?(?:quick |short |free |discovery |intro |introductory )?(?:call|meeting|consultation)\b/,
  ],
  [
    'call',
    /\b(?:call|phone|ring) me\b|\b(?:can|could|may|shall) (?:i|we) (?:call|phone|ring)(?: (?:you|your team|someone|somebody|anyone|up|back)\b| the (?:team|shop|salon|office|owner|manager)\b|[ .!?,;:]*$)|\b(?:call|phone|ring) (?:someone|somebody|a person|a human|you guys|your team|the team)\b/,
  ],
  ['demo', /\b(?:demo|demonstration|walk-?through)\b/],
  [
    'quote',
    /\b(?:get|request|send|need|want|give|receive|prepare|provide|ask for|like) (?:me |us )?(?:a |an |your )?(?:custom |personali[sz]ed |rough |free |price |cost )?(?:quote|quotation|estimate|proposal)\b/,
  ],
  ['quote', /\bquote (?:for|on) (?:my|our|a|the)\b/],
];

/** The kind of help asked for when the visitor wants a person, a call, a demo or a quote. */
export function detectEscalationRequest(message: string): EscalationReason | null {
  const text = normaliseForMatching(message);
  for (const [reason, pattern] of patterns) if (pattern.test(text)) return reason;
  return null;
}

/** Unanswered questions in a row at the end of a session's history. */
export function consecutiveGaps(history: readonly ChatMessage[]): number {
  let count = 0;
  for (let i = history.length - 1; i >= 0; i--) {
    const message = history[i];
    if (message?.role !== 'assistant') continue;
    if (!message.gap_detected) break;
    count++;
  }
  return count;
}

export interface EscalationInput {
  settings: Pick<WorkspaceSettings, 'escalation_enabled' | 'booking_url'>;
  message: string;
  /** The session's earlier messages (the seed's ChatMessage, with `gap_detected`). */
  history: readonly ChatMessage[];
  /** Whether this turn is itself a gap. */
  currentGap: boolean;
  /** Gaps in a row that trigger an offer. Default 2. */
  gapStreak?: number;
}

export interface EscalationDecision {
  /** True when the reply should carry the booking link (`escalation_offered`). */
  offer: boolean;
  reason: EscalationReason | null;
}

/**
 * Whether to offer the booking link this turn: the visitor asked for a person, a call, a
 * demo or a quote, or this is the `gapStreak`-th unanswered question in a row (offered once
 * per streak). Never offers without `escalation_enabled` and a `booking_url`.
 */
export function decideEscalation(input: EscalationInput): EscalationDecision {
  const streak = input.gapStreak ?? 2;
  let reason: EscalationReason | null = detectEscalationRequest(input.message);
  if (!reason && input.currentGap) {
    const gaps = consecutiveGaps(input.history) + 1;
    const lastAssistant = [...input.history].reverse().find((m) => m.role === 'assistant');
    if (gaps >= streak && !lastAssistant?.escalation_offered) reason = 'repeated_gaps';
  }
  const enabled = input.settings.escalation_enabled && Boolean(input.settings.booking_url);
  return { offer: enabled && reason !== null, reason };
}
