import { describe, expect, it } from 'vitest';
import { tidyQuestion } from './tidy-question';

describe('tidyQuestion', () => {
  it('capitalises, collapses whitespace and ends a question with "?"', () => {
    expect(tidyQuestion('do you sell board games')).toBe('Do you sell board games?');
    expect(tidyQuestion('  any   boardgames ')).toBe('Any boardgames?');
    expect(tidyQuestion('can i order a book in')).toBe('Can I order a book in?');
    expect(tidyQuestion('where are you?')).toBe('Where are you?');
    expect(tidyQuestion('élan vital café')).toBe('Élan vital café');
  });

  it('adds no "?" to a wording that is not a question or already ends with a sign', () => {
    expect(tidyQuestion('opening hours')).toBe('Opening hours');
    expect(tidyQuestion('do you deliver.')).toBe('Do you deliver.');
    expect(tidyQuestion('wifi password please')).toBe('Wifi password please');
    expect(tidyQuestion('')).toBe('');
  });
});
