import { describe, expect, it } from 'vitest';
import { eventIdFor, sessionTokenFor, uuidFromKey } from './keys';

describe('Teams keys', () => {
  it('derives the same UUID for the same activity and different ones otherwise', () => {
    const key = eventIdFor('app', '19:abc@thread.tacv2', '1700000000000');
    expect(uuidFromKey(key)).toBe(uuidFromKey(key));
    expect(uuidFromKey(key)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidFromKey(eventIdFor('other-app', '19:abc@thread.tacv2', '1700000000000'))).not.toBe(
      uuidFromKey(key),
    );
  });

  it('uses teams:{conversation.id} as the session token, hashing ids too long for one', () => {
    expect(sessionTokenFor('a:1xyz')).toBe('teams:a:1xyz');
    const long = `a:${'x'.repeat(300)}`;
    expect(sessionTokenFor(long)).toMatch(/^teams:sha256:[0-9a-f]{64}$/);
    expect(sessionTokenFor(long)).toBe(sessionTokenFor(long));
  });
});
