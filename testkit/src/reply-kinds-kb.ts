import type { QaPairInput } from '@clara/core';

/**
 * A small dog groomer's knowledge base, written as an owner writes one, with the visitor
 * questions that get each kind of reply from the real engine (tried, not tuned): a paraphrase
 * that is answered, a vaguer question answered with "Did you mean…?" and an unrelated one.
 */
export const groomerPairs: QaPairInput[] = [
  {
    question: 'What are your opening hours?',
    answer: 'We are open Tuesday to Saturday, 8am to 5pm. We are closed on Sundays and Mondays.',
    category: 'general',
  },
  {
    question: 'How much does a full groom cost?',
    answer:
      'A full groom starts at $55 for small dogs and $85 for large breeds, bath and nail trim included.',
    category: 'pricing',
  },
  {
    question: 'Do you groom cats?',
    answer: 'Sorry, we only groom dogs.',
    category: 'services',
  },
  {
    question: 'Can I stay with my dog during the groom?',
    answer:
      'For nervous dogs you are welcome to stay; otherwise we ask owners to wait outside so dogs stay calm.',
    category: 'visits',
  },
  {
    question: 'How do I book an appointment?',
    answer: 'Book online through our website or call us on 555-0142. We recommend booking two weeks ahead.',
    category: 'booking',
  },
  {
    question: 'What is your cancellation policy?',
    answer: 'Please cancel at least 24 hours before your appointment; late cancellations are charged $20.',
    category: 'booking',
  },
  {
    question: 'Do you offer nail trims without a full groom?',
    answer: 'Yes, walk-in nail trims are $15, no appointment needed.',
    category: 'services',
  },
  {
    question: 'Where are you located?',
    answer: 'We are at 12 Elm Street, next to the bakery, with free parking behind the shop.',
    category: 'general',
  },
  {
    question: 'Do you use hypoallergenic shampoo?',
    answer: 'Yes, we use a gentle oatmeal shampoo and can use a medicated one you bring.',
    category: 'services',
  },
  {
    question: 'How long does a groom take?',
    answer: 'Most grooms take 2 to 3 hours depending on size and coat; we text you when your dog is ready.',
    category: 'visits',
  },
];

/** Visitor questions for `groomerPairs`, with the reply the real engine gives each. */
export const replyKindQuestions = {
  /** A paraphrase of "What are your opening hours?": answered. */
  paraphrase: 'when are you open?',
  paraphraseAnswer: 'We are open Tuesday to Saturday, 8am to 5pm.',
  /** Vaguer: "Did you mean…?" with the pricing question among the chips. */
  vague: 'do you charge a lot',
  vagueChoice: 'How much does a full groom cost?',
  /** More vague questions with the same chip (each files a gap of its own). */
  vagueOthers: ['whats ur price', 'what do you charge for a wash', 'is it a lot of money'],
  vagueAnswer: 'A full groom starts at $55 for small dogs and $85 for large breeds',
  /** Nothing in the knowledge base is close: the honest fallback. */
  unrelated: 'do you sell car insurance?',
} as const;
