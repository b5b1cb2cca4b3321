/** Where a gap stands. */
export type GapStatus = 'open' | 'resolved' | 'dismissed';

/**
 * The asker of a gap's question: Clara never writes to a website visitor itself, so the admin
 * shows their email for the owner to reply.
 */
export interface AskedBy {
  name: string | null;
  email: string | null;
}

/** A gap as the inbox lists it (`GET /api/admin/gaps`). */
export interface Gap {
  id: string;
  question: string;
  ai_answer: string | null;
  similarity_score: number | null;
  status: GapStatus;
  session_id: string | null;
  created_at: string;
  /** The nearest pair when the gap was filed (however unrelated; not a suggestion). */
  best_match: { id: string; question: string } | null;
  /** The pairs the visitor was offered as "Did you mean…?", in the order shown: the only one-click answers. */
  offered_pairs: { id: string; question: string }[];
  resolved_qa: { id: string; question: string } | null;
  /**
   * Who resolved it: `visitor` (they picked an offered question in the chat; `resolved_qa` is
   * their pick) or `owner` (answered or linked in the inbox); null unless resolved.
   */
  resolved_by: 'visitor' | 'owner' | null;
  /** Who asked, as their conversation knows them (a widget visitor's name and email), or null. */
  asked_by: AskedBy | null;
  /** The conversation's channel (`web`, `slack`, `teams`); null when the conversation is gone. */
  channel: string | null;
  /**
   * Dismissed: how many times visitors asked its question again since (same wording, case and
   * punctuation aside); those asks are kept on it, never reopened as open gaps. 0 otherwise.
   */
  asks_since_dismissed: number;
  /** When its question was last asked: when it was filed, or the latest ask recorded on it. */
  last_asked_at: string;
}

/** An open gap inside a group: where it was asked and how often. */
export interface GroupGap {
  id: string;
  question: string;
  ai_answer: string | null;
  similarity_score: number | null;
  created_at: string;
  /** The nearest pair when the gap was filed (however unrelated; not a suggestion). */
  best_match: { id: string; question: string } | null;
  /** The pairs the visitor was offered as "Did you mean…?", in the order shown. */
  offered_pairs: { id: string; question: string }[];
  channel: string | null;
  /** Filed by a thumbs-down: `ai_answer` is the answer the visitor disliked. */
  disliked: boolean;
  /**
   * A visitor rated down the reply they got for this wording: the "Did you mean…?" (`clarify`)
   * or the gap reply (`gap`), the latest such; null when none was.
   */
  disliked_reply: 'clarify' | 'gap' | null;
  /** Filed from a visitor's request for a person, a call, a demo or a quote. */
  asked_for_person: boolean;
  asks: number;
  last_asked_at: string;
  asked_by: AskedBy | null;
}

/** Open gaps about the same thing (grouped by meaning on the server; `GET /api/admin/gaps/groups`). */
export interface GapGroup {
  id: string;
  question: string;
  asks: number;
  first_asked_at: string;
  last_asked_at: string;
  channels: string[];
  disliked: number;
  /** Its question's nearest active pairs as the engine ranks them now (else when filed; not suggestions). */
  closest_pairs: { id: string; question: string }[];
  /**
   * The pair Clara now answers its title question with (confidence at or above the threshold),
   * else null; never a pair a visitor disliked for one of its gaps. `gap_ids`: the wordings it
   * answers now (the title's and each other wording re-run that gets this pair), `confidence` the
   * lowest of theirs; the other wordings would still not be answered with it.
   */
  answered_by: { id: string; question: string; confidence: number; gap_ids: string[] } | null;
  /** The pairs the engine would answer with or offer now, then those its visitors were offered: the only one-click answers (never a disliked pair). */
  offered_pairs: { id: string; question: string }[];
  /** The pairs whose answers visitors disliked (thumbs-down) for its gaps: shown, never offered in one click. */
  disliked_pairs: { id: string; question: string }[];
  gaps: GroupGap[];
  /** The gaps to pre-tick: the title's and its near-duplicate wordings' (others are grouped, unticked). */
  ticked: string[];
}

/** A visitor's pick among "Did you mean…?" questions, waiting for the owner's review. */
export interface ChoiceToReview {
  gap_id: string;
  question: string;
  chosen_qa_id: string;
  chosen_question: string;
  chosen_answer: string;
  chosen_at: string;
  /**
   * The chosen question's content words the visitor's wording lacks, when the wording has none
   * of its own beyond the chosen question's (e.g. "can i rent" for "Do you rent electric
   * bikes?": electric, bikes): the wording is broader than the pair, and as its phrasing every
   * such question would get this narrow answer. Empty when the wording is as specific.
   */
  narrower_by: string[];
}

/**
 * `GET /api/admin/gaps`: a page of the inbox in one status, and how many gaps stand in each. Its
 * suggestions are those stored when each gap was filed (not re-run through the engine, unlike
 * `GET /api/admin/gaps/groups`, whose `answered_by` and `closest_pairs` are live).
 */
export interface GapList {
  items: Gap[];
  counts: Record<GapStatus, number>;
}

/** `GET /api/admin/gaps/groups`: open gaps grouped by meaning, and the similarity that groups them. */
export interface GapGroupList {
  groups: GapGroup[];
  counts: Record<GapStatus, number>;
  similarity: number;
}

/** `GET /api/admin/gaps/choices/pending`. */
export interface ChoicesToReview {
  choices: ChoiceToReview[];
}
