/** A real local S3 endpoint for tests: s3rver on a free port over a temp folder, one bucket. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

// The SDK's notice that Node 20 support ends in 2027 is for operators, not test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** A running s3rver and the settings that point Carnet at it. */
export interface TestS3 {
  endpoint: string;
  bucket: string;
  port: number;
  /** Every request received, as "METHOD /path?query" (to count what servers did). */
  requests: string[];
  /** CARNET_S3_* settings of this endpoint. */
  env: Record<string, string>;
  /** Stops accepting and cuts every open connection (an S3 outage); `start()` brings it back. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops and removes the folder. */
  close(): Promise<void>;
}

/** Starts s3rver with one bucket; `port` 0 picks a free one. */
export async function startTestS3(bucket = 'carnet-test'): Promise<TestS3> {
  const directory = mkdtempSync(join(tmpdir(), 'carnet-s3rver-'));
  let port = 0;
  let server: S3rver | undefined;
  const requests: string[] = [];
  const start = async () => {
    server = new S3rver({
      address: '127.0.0.1',
      port,
      silent: true,
      directory,
      configureBuckets: [{ name: bucket }],
    });
    port = (await server.run()).port;
    server.httpServer?.prependListener('request', (request: { method?: string; url?: string }) =>
      requests.push(`${request.method} ${request.url}`),
    );
  };
  const stop = async () => {
    const running = server;
    server = undefined;
    if (!running?.httpServer) return;
    const closed = running.close();
    running.httpServer.closeAllConnections();
    await closed;
  };
  await start();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    port,
    requests,
    env: {
      CARNET_S3_BUCKET: bucket,
      CARNET_S3_ENDPOINT: endpoint,
      CARNET_S3_REGION: 'us-east-1',
      CARNET_S3_ACCESS_KEY_ID: 'S3RVER',
      CARNET_S3_SECRET_ACCESS_KEY: 'S3RVER',
    },
    stop,
    start,
    async close() {
      await stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
