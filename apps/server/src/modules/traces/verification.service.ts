/**
 * Tamper evidence (SECURITY.md "Traceability"): recomputes every hash chain from its first link,
 * reports the first broken link of each, and writes or checks a signed checkpoint of the heads, so a
 * tail removed together with its head (which the chain alone cannot reveal) is detected too.
 */
import type { Kysely } from 'kysely';
import { GENESIS_HASH, traceHash } from '../../platform/audit/trace-store.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Signer } from '../../platform/crypto/signing-key.ts';
import type { Database, Db, TraceHeadsTable, TracesTable } from '../../platform/db/schema.ts';
import { createHistoryRepository } from './history.repository.ts';

/** Why a chain is broken. */
export type BreakReason =
  | 'hash' // a trace's content no longer matches its hash (edited)
  | 'link' // a trace does not point to the previous one (reordered or replaced)
  | 'gap' // a sequence number is missing (deleted)
  | 'head' // the chain's head does not match its last trace (tail deleted or added)
  | 'truncated' // the chain is behind a signed checkpoint (tail deleted with its head)
  | 'checkpoint'; // the trace at the checkpoint's head is not the one signed (rewritten)

/** The first broken link of a chain. */
export interface ChainProblem {
  chain: string;
  seq: number;
  reason: BreakReason;
}

/** One chain head as a checkpoint signs it. */
export interface CheckpointHead {
  chain: string;
  seq: number;
  hash: string;
}

/** The file `carnet traces checkpoint` writes. */
export interface CheckpointFile {
  format: 'carnet-trace-checkpoint/1';
  createdAt: string;
  /** The signer's public key (base64 SPKI DER). */
  publicKey: string;
  heads: CheckpointHead[];
  /** Ed25519 signature (base64) of the canonical JSON of the fields above. */
  signature: string;
}

/** What a verification found. */
export interface VerifyReport {
  chains: number;
  traces: number;
  problems: ChainProblem[];
}

const BATCH = 5_000;

/** Incremental form of platform `verifyChain`: same checks, one batch of rows at a time. */
export function createChainVerifier(chain: string) {
  let prev = GENESIS_HASH;
  let expected = 1;
  let problem: ChainProblem | undefined;
  return {
    /** Checks the next row; returns false once the chain is broken. */
    push(row: TracesTable): boolean {
      if (problem) return false;
      const seq = Number(row.seq);
      const { hash, ...rest } = row;
      if (seq !== expected) problem = { chain, seq: expected, reason: 'gap' };
      else if (row.prev_hash !== prev) problem = { chain, seq, reason: 'link' };
      else if (traceHash({ ...rest, seq }) !== hash) problem = { chain, seq, reason: 'hash' };
      if (problem) return false;
      prev = hash;
      expected += 1;
      return true;
    },
    /** The first broken link, checking the head last (a missing head is a break too). */
    finish(head: Pick<TraceHeadsTable, 'seq' | 'hash'> | undefined): ChainProblem | undefined {
      if (problem) return problem;
      const last = expected - 1;
      if (!head) return last === 0 ? undefined : { chain, seq: last, reason: 'head' };
      if (Number(head.seq) !== last || head.hash !== prev)
        return { chain, seq: Math.min(Number(head.seq), last) + 1, reason: 'head' };
      return undefined;
    },
  };
}

/** The canonical bytes a checkpoint signature covers. */
export function checkpointPayload(file: Omit<CheckpointFile, 'signature'>): Buffer {
  const heads = file.heads.map((h) => [h.chain, h.seq, h.hash]);
  return Buffer.from(JSON.stringify([file.format, file.createdAt, file.publicKey, heads]), 'utf8');
}

/** Verification and checkpoints over the trace store. */
export function createVerificationService(deps: { db: Kysely<Database>; clock: Clock }) {
  /** Runs `work` on one consistent snapshot (a chain read while appends go on stays coherent). */
  const inSnapshot = <T>(work: (trx: Db) => Promise<T>): Promise<T> =>
    deps.db.transaction().setIsolationLevel('repeatable read').execute(work);

  async function verifyIn(trx: Db, only: string[] | undefined) {
    const repository = createHistoryRepository(trx);
    const chains = only ?? (await repository.chains());
    const problems: ChainProblem[] = [];
    const heads = new Map<string, TraceHeadsTable>();
    let traces = 0;
    for (const chain of chains) {
      const verifier = createChainVerifier(chain);
      let after = 0;
      for (;;) {
        const rows = await repository.chainRows(chain, after, BATCH);
        traces += rows.length;
        if (!rows.every((row) => verifier.push(row)) || rows.length < BATCH) break;
        after = Number(rows.at(-1)!.seq);
      }
      const head = await repository.head(chain);
      if (head) heads.set(chain, head);
      const problem = verifier.finish(head);
      if (problem) problems.push(problem);
    }
    return { report: { chains: chains.length, traces, problems }, heads };
  }

  /** Each chain a checkpoint names must still reach its signed head, with the signed hash there. */
  async function compareIn(trx: Db, file: CheckpointFile, only: string[] | undefined) {
    const repository = createHistoryRepository(trx);
    const problems: ChainProblem[] = [];
    for (const signed of file.heads) {
      if (only && !only.includes(signed.chain)) continue;
      const head = await repository.head(signed.chain);
      if (!head || Number(head.seq) < signed.seq) {
        const seq = head ? Number(head.seq) + 1 : 1;
        problems.push({ chain: signed.chain, seq, reason: 'truncated' });
        continue;
      }
      const row = await repository.rowAt(signed.chain, signed.seq);
      if (!row || row.hash !== signed.hash)
        problems.push({ chain: signed.chain, seq: signed.seq, reason: 'checkpoint' });
    }
    return problems;
  }

  return {
    /**
     * Recomputes every chain (or only `chains`) and reports the first broken link of each; with a
     * checkpoint (its signature checked by the caller), also each chain that fell behind it.
     */
    async verify(
      options: { chains?: string[]; checkpoint?: CheckpointFile } = {},
    ): Promise<VerifyReport> {
      return inSnapshot(async (trx) => {
        const { report } = await verifyIn(trx, options.chains);
        if (!options.checkpoint) return report;
        const broken = new Set(report.problems.map((p) => p.chain));
        const behind = await compareIn(trx, options.checkpoint, options.chains);
        const problems = [...report.problems, ...behind.filter((p) => !broken.has(p.chain))];
        problems.sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
        return { ...report, problems };
      });
    },

    /**
     * Verifies every chain, then signs their heads. Refuses (returns the problems, no file) when a
     * chain is already broken: a checkpoint must never vouch for tampered traces.
     */
    async checkpoint(signer: Signer): Promise<{ file?: CheckpointFile; report: VerifyReport }> {
      const { report, heads } = await inSnapshot((trx) => verifyIn(trx, undefined));
      if (report.problems.length > 0) return { report };
      const unsigned = {
        format: 'carnet-trace-checkpoint/1' as const,
        createdAt: deps.clock.now().toISOString(),
        publicKey: signer.publicKey,
        heads: [...heads.values()]
          .map((h) => ({ chain: h.chain, seq: Number(h.seq), hash: h.hash }))
          .sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0)),
      };
      return { report, file: { ...unsigned, signature: signer.sign(checkpointPayload(unsigned)) } };
    },
  };
}

/** Why a checkpoint file cannot be trusted, or undefined when its signature holds under `signer`. */
export function checkCheckpointFile(value: unknown, signer: Signer): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not a checkpoint file';
  const file = value as Partial<CheckpointFile>;
  if (file.format !== 'carnet-trace-checkpoint/1') return 'unknown checkpoint format';
  if (
    typeof file.createdAt !== 'string' ||
    typeof file.publicKey !== 'string' ||
    typeof file.signature !== 'string' ||
    !Array.isArray(file.heads) ||
    !file.heads.every(
      (h: unknown) =>
        typeof h === 'object' &&
        h !== null &&
        typeof (h as CheckpointHead).chain === 'string' &&
        Number.isInteger((h as CheckpointHead).seq) &&
        typeof (h as CheckpointHead).hash === 'string',
    )
  )
    return 'malformed checkpoint file';
  // The key named in the file proves nothing (anyone can re-sign with their own): only ours counts.
  if (file.publicKey !== signer.publicKey) return 'signed by another key';
  if (!signer.verify(checkpointPayload(file as CheckpointFile), file.signature))
    return 'signature does not match';
  return undefined;
}

/** The verification service. */
export type VerificationService = ReturnType<typeof createVerificationService>;
