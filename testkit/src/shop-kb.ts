/** A small online shop's knowledge base: the four pairs that the chat, LLM and channel tests share. */
export const shopPairs = [
  {
    question: 'What are your opening hours?',
    answer: 'We are open 9 to 5, Monday to Friday.',
    category: 'general',
  },
  {
    question: 'How much does shipping cost?',
    answer: 'Shipping is free over $50, otherwise $5.',
    category: 'pricing',
  },
  {
    question: 'Can I return an item?',
    answer: 'Returns are accepted within 30 days.',
    category: 'retention',
  },
  { question: 'Do you ship internationally?', answer: 'We ship to 30 countries.', category: 'general' },
];
