import type { QaPairInput } from '@clara/core';

/**
 * A small bakery's knowledge base, written as an owner writes one (the one a newcomer worked the
 * gap inbox with): used to check which closest pair the inbox may offer as a one-click answer.
 */
export const bakeryPairs: QaPairInput[] = [
  {
    question: 'What are your opening hours?',
    answer: 'We are open Monday to Saturday from 7am to 6pm, and Sunday from 8am to 1pm.',
    category: 'general',
  },
  {
    question: 'Where are you located?',
    answer: 'Our bakery is at 8 Mill Lane, opposite the library. Street parking is free after 6pm.',
    category: 'general',
  },
  {
    question: 'Do you have gluten-free bread?',
    answer: 'Yes, we bake a gluten-free loaf and gluten-free rolls every Tuesday and Friday.',
    category: 'products',
  },
  {
    question: 'Do you deliver?',
    answer: 'We deliver within 5 miles for orders over $30; delivery costs $4.',
    category: 'orders',
  },
  {
    question: 'Can I order a custom birthday cake?',
    answer: 'Yes, order a custom cake at least 3 days ahead in the shop or by phone on 555-0199.',
    category: 'orders',
  },
  {
    question: 'Do you have dairy-free or vegan options?',
    answer: 'Our sourdough, baguettes and fruit buns are vegan; ask at the counter for the daily list.',
    category: 'products',
  },
  {
    question: 'How much is a sourdough loaf?',
    answer: 'A large sourdough loaf is $7 and a small one $4.50.',
    category: 'pricing',
  },
  {
    question: 'Do you sell coffee?',
    answer: 'Yes, we serve espresso drinks and filter coffee from our counter all day.',
    category: 'products',
  },
];
