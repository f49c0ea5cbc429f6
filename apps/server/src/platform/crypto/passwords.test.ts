import { hash as argon2Hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { PASSWORD_HASH_PARAMS, createHashGate, createPasswordHasher } from './passwords.ts';

const hasher = createPasswordHasher();

describe('password hasher', () => {
  it('hashes with argon2id at m=19456 KiB, t=2, p=1 and a fresh salt each time', async () => {
    const a = await hasher.hash('Carnet-demo-2026');
    const b = await hasher.hash('Carnet-demo-2026');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hasher.hash('Carnet-demo-2026');
    expect(await hasher.verify(stored, 'Carnet-demo-2026')).toBe(true);
    expect(await hasher.verify(stored, 'Carnet-demo-2027')).toBe(false);
  });

  it('never truncates: a 128-character password differing only in its last character is refused', async () => {
    const long = 'é'.repeat(127);
    const stored = await hasher.hash(`${long}a`);
    expect(await hasher.verify(stored, `${long}a`)).toBe(true);
    expect(await hasher.verify(stored, `${long}b`)).toBe(false);
  });

  it('verifies the same password typed precomposed or decomposed (NFKC)', async () => {
    const stored = await hasher.hash('h\u00e9risson quatorze');
    expect(await hasher.verify(stored, 'he\u0301risson quatorze')).toBe(true);
  });

  it('answers false for an unknown account after spending the time of a real verification', async () => {
    const stored = await hasher.hash('Carnet-demo-2026');
    const time = async (run: () => Promise<unknown>) => {
      const started = performance.now();
      for (let i = 0; i < 3; i++) await run();
      return performance.now() - started;
    };
    await hasher.verifyDummy('warm-up');
    const real = await time(() => hasher.verify(stored, 'wrong password'));
    const dummy = await time(() => hasher.verifyDummy('wrong password'));
    expect(await hasher.verifyDummy('Carnet-demo-2026')).toBe(false);
    // Same parameters, same work; the margin absorbs a busy CI machine, while a skipped or
    // cheaper dummy (no argon2 at all, or weaker parameters) would be an order of magnitude off.
    expect(dummy).toBeGreaterThan(real / 3);
    expect(dummy).toBeLessThan(real * 3);
  });

  it('does not block the event loop while hashing', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    await Promise.all([hasher.hash('a'), hasher.hash('b'), hasher.hash('c')]);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });

  it('asks for a rehash when a stored hash is weaker than the current parameters, not otherwise', async () => {
    expect(hasher.needsRehash(await hasher.hash('x'))).toBe(false);
    const weaker = await argon2Hash('x', { ...PASSWORD_HASH_PARAMS, memoryCost: 4096 });
    const fewerPasses = await argon2Hash('x', { ...PASSWORD_HASH_PARAMS, timeCost: 1 });
    const argon2i = await argon2Hash('x', { ...PASSWORD_HASH_PARAMS, algorithm: 1 as never });
    const stronger = await argon2Hash('x', {
      ...PASSWORD_HASH_PARAMS,
      memoryCost: 65_536,
      timeCost: 3,
    });
    expect(hasher.needsRehash(weaker)).toBe(true);
    expect(hasher.needsRehash(fewerPasses)).toBe(true);
    expect(hasher.needsRehash(argon2i)).toBe(true);
    expect(hasher.needsRehash(stronger)).toBe(false);
    expect(hasher.needsRehash('$2b$10$notargon')).toBe(true);
  });
});

describe('the hash gate', () => {
  it('runs at most its number of hashes at once, in order, and frees a slot on failure', async () => {
    const gated = createHashGate(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const task = (n: number, fail = false) =>
      gated(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        order.push(n);
        if (fail) throw new Error(`task ${n} failed`);
        return n;
      });
    const results = await Promise.allSettled([
      task(1, true),
      task(2),
      task(3, true),
      task(4),
      task(5),
    ]);
    expect(most).toBe(2);
    expect(results.map((r) => r.status)).toEqual([
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect(order.slice(0, 2).sort()).toEqual([1, 2]);
    expect(await gated(async () => 'free')).toBe('free');
  });
});
