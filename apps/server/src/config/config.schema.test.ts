import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.schema.ts';

describe('configuration', () => {
  it('applies the documented defaults when nothing is set', () => {
    const config = parseConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('./data');
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.maxDocumentBytes).toBe(5 * 1024 * 1024);
  });

  it('names every bad setting at once', () => {
    try {
      parseConfig({ CARNET_PORT: 'abc', CARNET_PUBLIC_URL: 'not a url', CARNET_LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('CARNET_PORT');
      expect(message).toContain('CARNET_PUBLIC_URL');
      expect(message).toContain('CARNET_LOG_LEVEL');
    }
  });
});
