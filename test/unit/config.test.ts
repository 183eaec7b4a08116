import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { ValidationError } from '../../src/domain/errors.js';

describe('configuration', () => {
  it('when nothing is set, then the embedded defaults apply', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ PORT: 3978, DATA_DIR: './data', KNOWLEDGE_DIR: './knowledge', LOG_LEVEL: 'info' });
    // The shipped sentence model is on unless turned off (it answers more on outside knowledge).
    expect(c.EMBEDDINGS).toBe('local');
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.MicrosoftAppId).toBeUndefined();
  });

  it('when several values are invalid, then one error lists every problem', () => {
    try {
      parseConfig({ PORT: 'abc', LOG_LEVEL: 'loud', ANSWER_MIN_CONFIDENCE: '3' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const issues = (error as ValidationError).issues.join('\n');
      expect(issues).toMatch(/PORT/);
      expect(issues).toMatch(/LOG_LEVEL/);
      expect(issues).toMatch(/ANSWER_MIN_CONFIDENCE/);
    }
  });

  it('when an app id is set without a password, then start-up is refused', () => {
    expect(() => parseConfig({ MicrosoftAppId: 'abc' })).toThrow(/MicrosoftAppPassword/);
  });

  it('when a single-tenant app has no tenant id, then start-up is refused', () => {
    expect(() => parseConfig({ MicrosoftAppId: 'a', MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' })).toThrow(
      /MicrosoftAppTenantId/,
    );
  });

  it('when blank strings are given for optional keys, then they count as unset', () => {
    expect(parseConfig({ DATABASE_URL: '  ', MicrosoftAppId: '' }).DATABASE_URL).toBeUndefined();
  });
});
