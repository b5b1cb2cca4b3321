import { describe, expect, it } from 'vitest';
import { sampleTranscript } from '../../../test/admin/sample-transcript';
import { extractHeuristically, guessCategory, isQuestionSentence } from './heuristic-extractor';
import { parseTranscript } from './parse-transcript';

describe('parseTranscript', () => {
  it('reads speakers and timestamps, joins continuation lines and merges consecutive turns', () => {
    const turns = parseTranscript(sampleTranscript);
    expect(turns[0]).toMatchObject({ speaker: 'Sam Rivera', line: 1 });
    const discount = turns.find((t) => t.text.includes('fifteen percent'));
    expect(discount?.speaker).toBe('Sam Rivera');
    expect(discount?.text).toContain('dedicated onboarding manager at no cost.');
    // Dana's two lines in a row are one turn.
    expect(turns.find((t) => t.text.startsWith('We have about forty agents'))?.text).toContain(
      'do you offer a discount',
    );
  });

  it('reads WebVTT voice tags and SRT cues', () => {
    const vtt =
      'WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\n<v Ana>Is there a free trial?</v>\n\n2\n00:00:04.000 --> 00:00:07.000\n<v Ben>Yes, fourteen days with every feature.</v>\n';
    expect(parseTranscript(vtt)).toEqual([
      { speaker: 'Ana', text: 'Is there a free trial?', line: 5 },
      { speaker: 'Ben', text: 'Yes, fourteen days with every feature.', line: 9 },
    ]);
    // The answer keeps its "Yes".
    expect(extractHeuristically(parseTranscript(vtt))[0]?.answer).toBe(
      'Yes, fourteen days with every feature.',
    );
    const srt =
      '1\n00:00:01,000 --> 00:00:03,000\nAna: Do you ship to Canada?\n\n2\n00:00:04,000 --> 00:00:06,500\nBen: We ship to Canada in five working days.\n';
    expect(parseTranscript(srt).map((t) => t.speaker)).toEqual(['Ana', 'Ben']);
  });

  it('reads Otter-style speaker headers', () => {
    const otter =
      'Ana Diaz  0:01\nWhat payment methods do you accept?\n\nBen Okafor  0:05\nCards, bank transfer and PayPal.\n';
    expect(parseTranscript(otter)).toEqual([
      { speaker: 'Ana Diaz', text: 'What payment methods do you accept?', line: 2 },
      { speaker: 'Ben Okafor', text: 'Cards, bank transfer and PayPal.', line: 5 },
    ]);
  });
});

describe('extractHeuristically', () => {
  it("pairs each real question with the next speaker's answer, skipping small talk and clarifications", () => {
    const pairs = extractHeuristically(parseTranscript(sampleTranscript));
    expect(pairs.map((p) => p.question)).toEqual([
      'What made you look at Brightdesk?',
      'Do you offer a discount for teams over twenty-five seats?',
      'How long does onboarding usually take?',
      'Can we cancel anytime if it does not work out?',
    ]);
    const discount = pairs[1];
    expect(discount).toMatchObject({
      asked_by: 'Dana Lee',
      answered_by: 'Sam Rivera',
      category: 'pricing',
      line: 4,
    });
    // Filler removed, both lines of the answer kept.
    expect(discount?.answer).toBe(
      'Teams over twenty-five seats get fifteen percent off the annual plan, and we add a dedicated onboarding manager at no cost.',
    );
    expect(pairs[2]).toMatchObject({
      category: 'process',
      answer: expect.stringMatching(/^Most teams are live in two weeks/),
    });
    expect(pairs[3]?.category).toBe('retention');
    // "Does it integrate with Salesforce?" got a question back and a one-word reply: no pair.
    expect(pairs.some((p) => p.question.includes('Salesforce'))).toBe(false);
  });

  it('needs speakers: an unattributed wall of text proposes nothing', () => {
    expect(
      extractHeuristically(parseTranscript('do you ship abroad? yes we ship everywhere in the world.')),
    ).toEqual([]);
  });

  it('knows questions from statements', () => {
    expect(isQuestionSentence('How long does onboarding usually take')).toBe(true);
    expect(isQuestionSentence('How we do it is simple.')).toBe(false);
    expect(isQuestionSentence('Can you hear me okay?')).toBe(false);
    expect(isQuestionSentence('Right?')).toBe(false);
    expect(guessCategory('Do you have an API for tickets?')).toBe('developers');
  });
});

describe('speaker labels and greetings', () => {
  const labelled = [
    'Sam (Brightside): Hi, thanks for calling Brightside Bike Works.',
    'Jo (customer): Hi Sam, do you service e-bikes as well as normal bikes?',
    'Sam (Brightside): Yes, we service e-bikes: motor diagnostics and firmware updates included.',
    'Jo (customer): Hello again. Thanks! And how long does a full service take?',
    'Sam (Brightside): Usually two working days, and we text you when it is ready.',
  ].join('\n');

  it('reads `Name (Side): …` speakers, keeping the side in the name', () => {
    const turns = parseTranscript(labelled);
    expect(turns.map((t) => t.speaker)).toEqual([
      'Sam (Brightside)',
      'Jo (customer)',
      'Sam (Brightside)',
      'Jo (customer)',
      'Sam (Brightside)',
    ]);
    expect(
      parseTranscript('Ana [00:12]: Do you deliver?\nBen (0:15): Yes, within the city.').map(
        (t) => t.speaker,
      ),
    ).toEqual(['Ana', 'Ben']);
  });

  it('extracts the pairs, without the greeting in front of a question', () => {
    const pairs = extractHeuristically(parseTranscript(labelled));
    expect(pairs.map((p) => p.question)).toEqual([
      'Do you service e-bikes as well as normal bikes?',
      'How long does a full service take?',
    ]);
    expect(pairs[0]).toMatchObject({ asked_by: 'Jo (customer)', answered_by: 'Sam (Brightside)' });
    expect(isQuestionSentence('Hi there, is the shop open on Sundays?')).toBe(true);
    expect(isQuestionSentence('His bike is ready?')).toBe(true);
  });
});
