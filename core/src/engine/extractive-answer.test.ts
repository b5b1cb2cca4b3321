import { describe, expect, it } from 'vitest';
import {
  bookingLine,
  extractiveReply,
  fallbackAnswer,
  gapAnswer,
  noBookingAnswer,
  noBookingLead,
} from './extractive-answer';

const suggestions = 'In the meantime, one of the suggestions below may help.';
const base = {
  top: null,
  gap: true,
  handoff: false,
  unbookable: false,
  clarify: false,
  chipCount: 0,
  offerBooking: false,
};

describe('the gap reply', () => {
  it("gives the owner's own text word for word, chips and booking link or not", () => {
    const own = 'Sorry, no idea. Call us on 01234 567890.';
    for (const hasChips of [false, true])
      for (const offerBooking of [false, true])
        expect(
          gapAnswer({ ownText: `  ${own} `, hasChips, offerBooking, contact: { email: 'a@b.co' } }),
        ).toBe(own);
    expect(extractiveReply({ ...base, chipCount: 3, offerBooking: true, ownText: own })).toBe(own);
  });

  it("adds Clara's pointer to the chips and the booking line to her own default only", () => {
    expect(gapAnswer({})).toBe(fallbackAnswer);
    expect(gapAnswer({ hasChips: true, offerBooking: true })).toBe(
      `${fallbackAnswer} ${suggestions} ${bookingLine}`,
    );
  });

  it('points to the chips of a "cannot book here" reply when there are some', () => {
    expect(extractiveReply({ ...base, unbookable: true })).toBe(noBookingAnswer);
    expect(extractiveReply({ ...base, unbookable: true, chipCount: 1 })).toBe(
      `${noBookingAnswer} ${suggestions}`,
    );
  });

  it('gives the owner\'s own gap reply word for word after one sentence in a "cannot book here" reply', () => {
    const ownText = 'Not sure… call us on 01234 567890';
    for (const chipCount of [0, 1]) {
      expect(extractiveReply({ ...base, unbookable: true, chipCount, ownText })).toBe(
        `${noBookingLead} ${ownText}`,
      );
    }
    expect(extractiveReply({ ...base, unbookable: true, ownText: '  ' })).toBe(noBookingAnswer);
  });
});
