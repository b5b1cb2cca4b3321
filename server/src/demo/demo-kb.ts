/**
 * The demo knowledge base: Brightside Bike Works, a fictional bicycle shop written for
 * Clara's first run. Every fact here is invented.
 */
export const demoBusiness = {
  name: 'Brightside Bike Works',
  settings: {
    display_name: 'Clara',
    welcome_message:
      'Hi! I’m Clara from Brightside Bike Works. Ask me about repairs, rentals or opening hours.',
    placeholder_text: 'Ask about repairs, rentals, hours…',
    suggested_messages: [
      'What are your opening hours?',
      'How much is a basic tune-up?',
      'Do you rent e-bikes?',
    ],
    booking_url: 'https://cal.example.com/brightside-bike-works',
    primary_color: '#0f766e',
    personality_prompt: `### Business Context
Brightside Bike Works is an independent bicycle shop at 14 Canal Street: repairs and servicing for every kind of bike, e-bike and city-bike rentals, and new and second-hand bikes. Most visitors are local commuters, families and weekend riders; many are not bike experts.

### Role
You are Clara, Brightside's friendly assistant. Answer questions about repairs, servicing, rentals, prices and opening hours from the knowledge base, in plain words a non-cyclist understands. Be warm and practical, like a helpful mechanic at the counter.

### Constraints
1. Only answer from the knowledge base context provided.
2. If you don't have enough information, say so honestly and suggest booking a time with the team.
3. Never invent prices, opening times, stock or repair estimates.
4. Keep responses concise: 2-4 sentences for simple questions.`,
  },
};

export const demoQaPairs: { question: string; answer: string; category: string }[] = [
  {
    question: 'What are your opening hours?',
    answer:
      'We are open Tuesday to Saturday, 9:00 to 18:00, and Sunday 10:00 to 15:00. We are closed on Mondays.',
    category: 'general',
  },
  {
    question: 'Where is the shop?',
    answer:
      'Brightside Bike Works is at 14 Canal Street, next to the river footbridge. There is bike parking in front and a public car park 100 m away.',
    category: 'general',
  },
  {
    question: 'How much is a basic tune-up?',
    answer:
      'A basic tune-up costs $65: gears and brakes adjusted, tyres pumped, chain cleaned and lubricated, and a safety check.',
    category: 'pricing',
  },
  {
    question: 'What is included in a full service?',
    answer:
      'The full service ($140) adds a strip-down clean of the drivetrain, wheel truing, bearing checks and new cables where needed. Parts are extra.',
    category: 'pricing',
  },
  {
    question: 'How long does a repair take?',
    answer:
      'Most tune-ups are ready the same day if you drop the bike off before 11:00. Full services take two to three working days.',
    category: 'process',
  },
  {
    question: 'Do I need an appointment for a repair?',
    answer:
      'Walk-ins are welcome for small fixes like punctures. For tune-ups and services, booking a slot guarantees same-week turnaround.',
    category: 'process',
  },
  {
    question: 'Can you fix a flat tyre while I wait?',
    answer:
      'Yes. Puncture repairs take about 20 minutes and cost $15 plus the inner tube if it needs replacing ($9).',
    category: 'pricing',
  },
  {
    question: 'Do you rent e-bikes?',
    answer:
      'Yes, we rent e-bikes for $45 per day or $25 for four hours, including a helmet and a lock. Bring a photo ID.',
    category: 'pricing',
  },
  {
    question: 'Do you rent kids bikes or child seats?',
    answer: 'We have kids bikes from 16-inch wheels up, child seats and a trailer, each $15 per day.',
    category: 'pricing',
  },
  {
    question: 'Do you sell second-hand bikes?',
    answer: 'Yes. Every used bike is fully serviced and comes with a 3-month warranty on parts and labour.',
    category: 'general',
  },
  {
    question: 'Which payment methods do you accept?',
    answer: 'We accept cash, all major debit and credit cards, Apple Pay and Google Pay.',
    category: 'general',
  },
  {
    question: 'Do you offer a warranty on repairs?',
    answer:
      'All repairs carry a 30-day labour warranty: if something we adjusted goes out of true, bring it back and we fix it free.',
    category: 'retention',
  },
  {
    question: 'Can I return a product I bought?',
    answer:
      'Unused products can be returned within 30 days with the receipt for a full refund. Custom-fitted parts cannot be returned.',
    category: 'retention',
  },
  {
    question: 'Do you do bike fitting?',
    answer:
      'Yes. A professional bike fit takes about 90 minutes and costs $120, including saddle, bar and cleat adjustments.',
    category: 'pricing',
  },
  {
    question: 'Do you repair electric bikes?',
    answer:
      'We service e-bikes from Bosch, Shimano Steps and Bafang systems, including diagnostics and firmware updates. Battery repairs go to the manufacturer.',
    category: 'process',
  },
  {
    question: 'Do you offer a membership or service plan?',
    answer:
      'The Brightside Care plan is $99 per year: two tune-ups, 10% off parts and free puncture repairs.',
    category: 'retention',
  },
  {
    question: 'Can you collect my bike from home?',
    answer: 'Yes, within 5 km of the shop we collect and return bikes for $20 on Tuesdays and Thursdays.',
    category: 'process',
  },
  {
    question: 'Do you run bike maintenance classes?',
    answer:
      'We run a two-hour basic maintenance class on the first Saturday of each month for $35. Spaces are limited to eight people.',
    category: 'general',
  },
  {
    question: 'Are you cheaper than the big chain stores?',
    answer:
      'Our tune-up prices are in line with the big chains, but every job is done by a certified mechanic and includes the 30-day labour warranty.',
    category: 'comparisons',
  },
  {
    question: 'Do you offer discounts for students?',
    answer: 'Students get 10% off labour and rentals with a valid student card.',
    category: 'pricing',
  },
  {
    question: 'Can I store my bike with you over winter?',
    answer:
      'Winter storage runs November to March for $80, including a spring tune-up before you collect it.',
    category: 'pricing',
  },
];
