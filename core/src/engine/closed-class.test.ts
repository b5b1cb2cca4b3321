import { describe, expect, it } from 'vitest';
import { closedClassClash, closedValues } from './closed-class';

const values = (text: string) =>
  Object.fromEntries([...closedValues(text)].map(([cls, v]) => [cls, [...v].sort()]));

describe('closedValues', () => {
  it('reads weekdays, expanding ranges, weekdays and weekends', () => {
    expect(values('We deliver on Fridays and Saturdays.')).toEqual({ weekday: ['friday', 'saturday'] });
    expect(values('Open Monday to Wednesday, and Thu–Sat 9am to 1pm').weekday).toHaveLength(6);
    expect(values('Mon-Fri 9-5, Sat 10-2')).toEqual({
      weekday: ['friday', 'monday', 'saturday', 'thursday', 'tuesday', 'wednesday'],
    });
    expect(values('I sat down on sunday')).toEqual({ weekday: ['sunday'] });
    expect(values('open on weekends')).toEqual({ weekday: ['saturday', 'sunday'] });
    expect(values('We are open every day').weekday).toHaveLength(7);
  });

  it('reads months (ranges too), seasons, parts of the day and ways to pay', () => {
    expect(values('Courses start in January, April and October.')).toEqual({
      month: ['april', 'january', 'october'],
    });
    expect(values('closed from march to may').month).toEqual(['april', 'march', 'may']);
    expect(values('in the summer evenings')).toEqual({ season: ['summer'], daypart: ['evening'] });
    expect(values('We accept cash, credit cards and Apple Pay.')).toEqual({
      payment: ['apple pay', 'card', 'cash'],
    });
  });

  it('leaves out words that are not a value of the class', () => {
    expect(values('You may pay monthly; march to the desk. Do you sell gift cards?')).toEqual({});
    expect(values('Do I need my insurance card? What is on the menu?')).toEqual({});
  });
});

describe('closedClassClash', () => {
  it('is 1 when the pair names other values of the class the query names', () => {
    expect(
      closedClassClash('do you deliver on sundays?', 'Do you deliver? We deliver on Fridays and Saturdays.'),
    ).toBe(1);
    expect(closedClassClash('can I pay with paypal', 'We take cash and all major credit cards.')).toBe(1);
    expect(
      closedClassClash('are evening classes available', 'Classes run in the morning and afternoon.'),
    ).toBe(1);
  });

  it('is 0 when the pair names the value (in a range, or to say no) or none of the class', () => {
    expect(closedClassClash('do you deliver on a wednesday', 'We deliver Monday to Friday.')).toBe(0);
    expect(
      closedClassClash('can you come on a sunday', 'Monday to Saturday; we never clean on Sundays.'),
    ).toBe(0);
    expect(closedClassClash('do you deliver on sundays?', 'We deliver within 5 miles for $4.')).toBe(0);
    expect(closedClassClash('do you deliver?', 'We deliver on Fridays and Saturdays.')).toBe(0);
  });
});
