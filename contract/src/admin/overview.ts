/** `GET /api/admin/overview`. */
export interface Overview {
  /** The owner's own Q&A pairs (phrasings apart), all and active. */
  pairs: number;
  active_pairs: number;
  /** Active phrasings: visitors' wordings kept from the gap inbox and alternative phrasings. */
  phrasings: number;
  open_gaps: number;
  conversations_7d: number;
  answered_7d: number;
  gaps_7d: number;
  answer_rate_7d: number | null;
  per_day: { day: string; answered: number; gaps: number }[];
}
