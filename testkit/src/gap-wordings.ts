/**
 * Five wordings of one thing the groomer's knowledge base (`reply-kinds-kb.ts`) does not say:
 * each is a gap, and the grouped inbox groups them (cosine ≥ 0.65 with the local embedder).
 */
export const giftCardWordings = [
  'Do you sell gift cards?',
  'Can I buy a gift card?',
  'Do you have gift cards?',
  'Are gift cards available?',
  'Can I get a gift card for a friend?',
];
