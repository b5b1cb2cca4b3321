/**
 * What a chat channel (Slack, Teams) knows about one incoming message, in channel-neutral
 * terms, so that every channel decides "is this a question to Clara?" with the same rule.
 */
export interface IncomingChannelMessage {
  /** Sent by a bot or an app (Clara's own posts included). */
  fromBot: boolean;
  /** A system notice (Slackbot, joins, pins, …) rather than something a person wrote. */
  system: boolean;
  /** An edit or deletion of an earlier message. */
  edit: boolean;
  /** A DM with Clara, a Teams personal chat, or a Slack assistant thread. */
  direct: boolean;
  /** The message @mentions Clara. */
  mentionsClara: boolean;
  /** The message @mentions someone other than Clara (then a thread reply is for them, not Clara). */
  mentionsOthers?: boolean | undefined;
  /**
   * Set when the message is a reply in a thread: whether Clara answered in that thread, and
   * whether anyone other than this message's author (bots aside) has written in it.
   */
  thread?: { claraAnswered: boolean; othersJoined: boolean } | undefined;
}

/** Why a message is, or is not, for Clara (logged, and asserted by the channels' tests). */
export type AddressedReason =
  | 'direct'
  | 'mention'
  | 'follow_up'
  | 'bot'
  | 'system'
  | 'edit'
  | 'not_addressed'
  | 'others_joined';

export interface AddressedDecision {
  addressed: boolean;
  reason: AddressedReason;
}

/**
 * The one rule for every channel. Addressed to Clara: a DM / personal chat; a message that
 * mentions Clara; a reply in a thread Clara answered, written by the person it answered, until
 * someone else joins the thread (from then on the thread is a conversation between people and
 * Clara needs a mention), and not when it @mentions someone else. Never: bots (Clara's own or
 * others'), system notices, edits.
 */
export function isAddressedToClara(message: IncomingChannelMessage): AddressedDecision {
  if (message.fromBot) return { addressed: false, reason: 'bot' };
  if (message.system) return { addressed: false, reason: 'system' };
  if (message.edit) return { addressed: false, reason: 'edit' };
  if (message.direct) return { addressed: true, reason: 'direct' };
  if (message.mentionsClara) return { addressed: true, reason: 'mention' };
  if (message.thread?.claraAnswered) {
    if (message.thread.othersJoined) return { addressed: false, reason: 'others_joined' };
    if (message.mentionsOthers) return { addressed: false, reason: 'not_addressed' };
    return { addressed: true, reason: 'follow_up' };
  }
  return { addressed: false, reason: 'not_addressed' };
}
