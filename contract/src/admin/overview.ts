/** `GET /api/admin/overview`. */
export interface Overview {
  pairs: number;
  active_pairs: number;
  open_gaps: number;
  conversations_7d: number;
  answered_7d: number;
  gaps_7d: number;
  answer_rate_7d: number | null;
  per_day: { day: string; answered: number; gaps: number }[];
}
