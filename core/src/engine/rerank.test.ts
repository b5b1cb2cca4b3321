import { describe, expect, it } from 'vitest';
import type { QaMatch } from '../schemas/qa-pair';
import { rankMatches, rankWeights, rerankPool } from './rerank';

const match = (id: string, similarity: number, question: string, answer = 'An answer.'): QaMatch => ({
  id,
  question,
  answer,
  category: 'general',
  similarity,
});

describe('rankMatches', () => {
  it('keeps matches above the floor, at most the pool, scored similarity + weighted alignment and coverage', () => {
    const many = Array.from({ length: 25 }, (_, i) => match(String(i), 0.9 - i * 0.01, 'Where is the shop?'));
    const ranked = rankMatches([...many, match('low', 0.05, 'Where is the shop?')], 'where is the shop', 0.1);
    expect(ranked).toHaveLength(rerankPool);
    expect(ranked.every((m) => m.similarity > 0.1)).toBe(true);
    for (const m of ranked)
      expect(m.score).toBeCloseTo(
        m.similarity + rankWeights.align * m.align + rankWeights.cover * m.cover,
        10,
      );
  });

  it('moves a pair whose words the query shares above a slightly more similar one', () => {
    const ranked = rankMatches(
      [
        match('fitting', 0.6, 'Do you do bike fitting?', 'A fitting takes an hour.'),
        match('kids', 0.58, 'Do you rent kids bikes or child seats?', 'Kids bikes from 10 a day.'),
      ],
      'can I hire a bike for my child',
      0.1,
    );
    expect(ranked.map((m) => m.id)).toEqual(['kids', 'fitting']);
    expect(ranked[0]?.similarity).toBe(0.58);
  });

  it("matches a visitor's joined spelling of a short-prefixed compound (ebike ~ e-bike), keeping its pieces", () => {
    const pairs = [
      match('week', 0.5, 'Can I rent a bike for a week?', 'Weekly rental is £90 for any bike.'),
      match(
        'ebike',
        0.48,
        'Do you rent e-bikes?',
        'Yes, six e-bikes at £45 a day; riders must be 16 or over.',
      ),
    ];
    expect(rankMatches(pairs, 'can i hire an ebike', 0.1).map((m) => m.id)).toEqual(['ebike', 'week']);
    // "in person" still meets "in-person" word for word.
    const [both] = rankMatches(
      [match('both', 0.5, 'What is the difference between online and in-person classes?')],
      'in person classes',
      0.1,
    );
    expect(both?.exact).toBe(1);
  });

  it('reads chat shorthand (u, r, pls) as the words it stands for, not as words no pair holds', () => {
    const pairs = [
      match('ebikes', 0.5, 'Do you fix e-bikes?', 'Yes, we repair most e-bike motors and batteries.'),
      match('punctures', 0.49, 'Do you fix punctures?', 'Yes, a puncture repair is £12 while you wait.'),
    ];
    const [top] = rankMatches(pairs, 'do u fix punctures pls', 0.1);
    expect(top?.id).toBe('punctures');
    expect(top?.cover).toBeCloseTo(1, 5);
  });

  it('credits words found only in the answer, and typos of them', () => {
    const ranked = rankMatches(
      [
        match('hours', 0.42, 'What are your opening hours?', 'We open at 9 every weekday.'),
        match(
          'vacc',
          0.4,
          'How much is a dog vaccination?',
          'Vaccinations cost £45, including kennel cough.',
        ),
      ],
      'price of vaccinatons incl kennel cough',
      0.1,
    );
    expect(ranked[0]?.id).toBe('vacc');
    expect(ranked[0]?.exact).toBeGreaterThan(0.3);
    expect(ranked[1]?.exact).toBe(0);
  });

  it('weighs a word that every candidate shares less than a word that tells them apart', () => {
    const ranked = rankMatches(
      [
        match('a', 0.5, 'How much is a dog vaccination?', 'Dog vaccinations cost £45.'),
        match('b', 0.5, 'Do you microchip dogs?', 'Microchipping a dog costs £22.'),
        match('c', 0.5, 'Can my dog stay overnight?', 'Dogs can stay overnight after surgery.'),
      ],
      'microchip for my dog',
      0.1,
    );
    expect(ranked[0]?.id).toBe('b');
    expect(ranked[0]?.cover).toBeGreaterThan((ranked[1]?.cover ?? 1) + 0.3);
  });

  it('puts a pair that names other weekdays than the question below its neighbours, by the clash weight', () => {
    const ranked = rankMatches(
      [
        match('deliver', 0.7, 'Do you deliver?', 'We deliver on Fridays and Saturdays.'),
        match('hours', 0.5, 'What are your opening hours?', 'Monday to Saturday 8 to 6, Sunday 9 to 1.'),
      ],
      'do you deliver on sundays?',
      0.1,
    );
    expect(ranked.map((m) => [m.id, m.clash])).toEqual([
      ['hours', 0],
      ['deliver', 1],
    ]);
    const deliver = ranked[1] as (typeof ranked)[number];
    expect(deliver.score).toBeCloseTo(
      deliver.similarity +
        rankWeights.align * deliver.align +
        rankWeights.cover * deliver.cover +
        rankWeights.kind * deliver.kind -
        rankWeights.clash,
      10,
    );
  });
});
