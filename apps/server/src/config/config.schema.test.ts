import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, parseConfig } from './config.schema.ts';

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

  it('reads the S3 settings, and masks the secret key in `carnet config`', () => {
    const env = {
      CARNET_S3_BUCKET: 'carnet-documents',
      CARNET_S3_ENDPOINT: 'https://s3.example.org',
      CARNET_S3_ACCESS_KEY_ID: 'AKIA-TEST',
      CARNET_S3_SECRET_ACCESS_KEY: 'very-secret',
    };
    expect(parseConfig(env)).toMatchObject({
      s3Bucket: 'carnet-documents',
      s3Endpoint: 'https://s3.example.org',
      s3Region: 'us-east-1',
      s3AccessKeyId: 'AKIA-TEST',
      s3SecretAccessKey: 'very-secret',
    });
    const described = describeConfig(env);
    expect(described).toContain('CARNET_S3_BUCKET=carnet-documents');
    expect(described).toContain('CARNET_S3_SECRET_ACCESS_KEY=***');
    expect(described).not.toContain('very-secret');
    expect(() => parseConfig({ CARNET_S3_ENDPOINT: 'not a url' })).toThrow('CARNET_S3_ENDPOINT');
  });
});
