/** GET /api/public-config (issue 14): the operator's identity, neutral unless it is a State service. */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../config/config.schema.ts';
import { createTestApp } from '../../../test/test-app.ts';

describe('the public config', () => {
  it('is neutral by default: no bloc-marque for an operator that is not the State', async () => {
    const t = await createTestApp();
    try {
      const answer = await t.app.inject({ method: 'GET', url: '/api/public-config' });
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toEqual({ operatorName: 'Carnet', operatorIsState: false });
    } finally {
      await t.close();
    }
  });

  it('names the operator and shows the bloc-marque only when it is a State service', async () => {
    const t = await createTestApp({
      CARNET_OPERATOR_NAME: 'Assurance Maladie',
      CARNET_OPERATOR_IS_STATE: 'true',
    });
    try {
      const answer = await t.app.inject({ method: 'GET', url: '/api/public-config' });
      expect(answer.json()).toEqual({ operatorName: 'Assurance Maladie', operatorIsState: true });
    } finally {
      await t.close();
    }
  });

  it('refuses bad settings at start-up, naming each', () => {
    expect(() =>
      parseConfig({
        CARNET_OPERATOR_IS_STATE: 'peut-être',
        CARNET_OPERATOR_NAME: '  ',
        CARNET_DELETION_DELAY_DAYS: '400',
      }),
    ).toThrow(ConfigError);
    const error: unknown = (() => {
      try {
        parseConfig({ CARNET_OPERATOR_IS_STATE: 'peut-être', CARNET_DELETION_DELAY_DAYS: '-1' });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/CARNET_OPERATOR_IS_STATE/);
    expect((error as ConfigError).message).toMatch(/CARNET_DELETION_DELAY_DAYS/);
    expect(parseConfig({}).deletionDelayDays).toBe(90);
  });
});
