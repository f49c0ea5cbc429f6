/** Every CARNET_* setting: name, type, default and doc, in one schema. */
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const url = z.url();
const optionalUrl = z.union([z.literal(''), z.url()]).optional();
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** One documented setting. */
interface Setting<S extends z.ZodType> {
  env: string;
  schema: S;
  default: string;
  doc: string;
}

const setting = <S extends z.ZodType>(
  env: string,
  schema: S,
  dflt: string,
  doc: string,
): Setting<S> => ({
  env,
  schema,
  default: dflt,
  doc,
});

/** The settings, keyed by their name in the Config object. */
export const settings = {
  dataDir: setting(
    'CARNET_DATA_DIR',
    z.string().min(1),
    './data',
    'Data folder: SQLite database, blobs, key file, outbox.',
  ),
  port: setting('CARNET_PORT', port, '3000', 'HTTP port.'),
  host: setting(
    'CARNET_HOST',
    z.string().min(1),
    '127.0.0.1',
    'Address to listen on (0.0.0.0 behind a proxy or in a container).',
  ),
  publicUrl: setting(
    'CARNET_PUBLIC_URL',
    url,
    'http://localhost:3000',
    'Public base URL: links in e-mails, allowed Origin, cookie security.',
  ),
  databaseUrl: setting(
    'CARNET_DATABASE_URL',
    optionalUrl,
    '',
    'PostgreSQL URL (postgres://user@host:5432/db). Empty: SQLite in the data folder.',
  ),
  smtpUrl: setting(
    'CARNET_SMTP_URL',
    optionalUrl,
    '',
    'SMTP URL (smtp://user:pass@host:587). Empty: mails are written as .eml files to <data>/outbox/.',
  ),
  mailFrom: setting(
    'CARNET_MAIL_FROM',
    z.string().min(3),
    'Carnet <ne-pas-repondre@carnet.localhost>',
    'Sender of e-mails.',
  ),
  smsGatewayUrl: setting(
    'CARNET_SMS_GATEWAY_URL',
    optionalUrl,
    '',
    'HTTP SMS gateway (POST JSON {to, text}). Empty: SMS are written as .txt files to <data>/outbox/.',
  ),
  masterKey: setting(
    'CARNET_MASTER_KEY',
    z.string(),
    '',
    'Master key(s), base64 32 bytes, or "v1:<b64>,v2:<b64>" (last is current). Empty: <data>/master.key, generated on first start (mode 0600).',
  ),
  traceSigningKey: setting(
    'CARNET_TRACE_SIGNING_KEY',
    z.string(),
    '',
    'Ed25519 private key signing trace checkpoints (PKCS#8, PEM or base64 DER). Empty: <data>/trace-signing.key, generated on first checkpoint (mode 0600).',
  ),
  logLevel: setting(
    'CARNET_LOG_LEVEL',
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    'info',
    'Log level.',
  ),
  sessionIdleMinutes: setting(
    'CARNET_SESSION_IDLE_MINUTES',
    positiveInt,
    '15',
    'Idle session timeout (minutes).',
  ),
  sessionAbsoluteHours: setting(
    'CARNET_SESSION_ABSOLUTE_HOURS',
    positiveInt,
    '12',
    'Absolute session lifetime (hours).',
  ),
  maxDocumentBytes: setting(
    'CARNET_MAX_DOCUMENT_BYTES',
    positiveInt,
    '5242880',
    'Largest accepted document file (bytes).',
  ),
  emergencyWindowMinutes: setting(
    'CARNET_EMERGENCY_WINDOW_MINUTES',
    positiveInt,
    '240',
    'Length of an emergency access opened by a professional (minutes).',
  ),
  medecinTraitantSeesMasked: setting(
    'CARNET_MEDECIN_TRAITANT_SEES_MASKED',
    bool,
    'false',
    'The médecin traitant sees documents masked to professionals (off, as in today’s MES).',
  ),
  trustProxy: setting(
    'CARNET_TRUST_PROXY',
    bool,
    'false',
    'Trust X-Forwarded-* headers (behind a reverse proxy).',
  ),
  s3Bucket: setting(
    'CARNET_S3_BUCKET',
    z.string(),
    '',
    'S3 bucket holding the encrypted document files (it must exist). Empty: files in <data>/blobs/. Set it when several servers run.',
  ),
  s3Endpoint: setting(
    'CARNET_S3_ENDPOINT',
    optionalUrl,
    '',
    'S3 endpoint URL (MinIO, Garage, Ceph, OVH, Scaleway…; path-style addressing). Empty: AWS.',
  ),
  s3Region: setting('CARNET_S3_REGION', z.string(), 'us-east-1', 'S3 region.'),
  s3AccessKeyId: setting(
    'CARNET_S3_ACCESS_KEY_ID',
    z.string(),
    '',
    'S3 access key id. Empty: the AWS SDK default chain (environment, instance role…).',
  ),
  s3SecretAccessKey: setting(
    'CARNET_S3_SECRET_ACCESS_KEY',
    z.string(),
    '',
    'S3 secret access key.',
  ),
  deletionDelayDays: setting(
    'CARNET_DELETION_DELAY_DAYS',
    z.coerce.number().int().min(0).max(92),
    '90',
    'Days between a closure with a deletion request and the deletion of the data (R1111-36: at most 3 months).',
  ),
  operatorName: setting(
    'CARNET_OPERATOR_NAME',
    z.string().trim().min(1).max(80),
    'Carnet',
    'Name of the operator of this Carnet, shown in the header, the footer and e-mails.',
  ),
  operatorIsState: setting(
    'CARNET_OPERATOR_IS_STATE',
    bool,
    'false',
    'The operator is a French State service: the header shows the bloc-marque (Marianne, "Liberté Égalité Fraternité"); otherwise a neutral Carnet logo.',
  ),
  webDir: setting(
    'CARNET_WEB_DIR',
    z.string(),
    '',
    'Folder of the built web app. Empty: apps/web/dist of this checkout.',
  ),
} as const;

type Settings = typeof settings;

/** The parsed configuration. */
export type Config = { [K in keyof Settings]: z.output<Settings[K]['schema']> };

/** Raised when one or more settings are invalid; the message names every one. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment into a Config, collecting every bad setting before failing. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, s] of Object.entries(settings)) {
    const raw = env[s.env];
    const parsed = s.schema.safeParse(raw === undefined ? s.default : raw);
    if (parsed.success) out[key] = parsed.data;
    else problems.push(`${s.env}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out as Config;
}

/** Human-readable table of every setting with its current value (secrets masked). */
export function describeConfig(env: Record<string, string | undefined>): string {
  const secret = new Set([
    'CARNET_MASTER_KEY',
    'CARNET_SMTP_URL',
    'CARNET_DATABASE_URL',
    'CARNET_TRACE_SIGNING_KEY',
    'CARNET_S3_SECRET_ACCESS_KEY',
  ]);
  return Object.values(settings)
    .map((s) => {
      const value = env[s.env];
      const shown =
        value === undefined ? `(default) ${s.default}` : secret.has(s.env) && value ? '***' : value;
      return `${s.env}=${shown}\n    ${s.doc}`;
    })
    .join('\n');
}
