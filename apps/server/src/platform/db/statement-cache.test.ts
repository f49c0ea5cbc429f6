import SqliteDatabase from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { withStatementCache } from './statement-cache.ts';

function database() {
  const raw = new SqliteDatabase(':memory:');
  raw.exec('create table t (n integer)');
  raw.exec('insert into t values (1), (2), (3)');
  return raw;
}

describe('the SQLite statement cache', () => {
  test('hands out the statement already prepared for the same SQL text', () => {
    const cached = withStatementCache(database());
    const first = cached.prepare('select n from t order by n');
    expect(cached.prepare('select n from t order by n')).toBe(first);
    expect(cached.prepare('select n from t order by n desc')).not.toBe(first);
    expect(first.all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    cached.close();
  });

  test('never hands out a statement still iterating (a streamed query)', () => {
    const cached = withStatementCache(database());
    const streaming = cached.prepare('select n from t order by n');
    const rows = streaming.iterate([]);
    expect(rows.next().value).toEqual({ n: 1 });
    const other = cached.prepare('select n from t order by n');
    expect(other).not.toBe(streaming);
    expect(other.all([])).toHaveLength(3);
    expect([...rows]).toEqual([{ n: 2 }, { n: 3 }]);
    cached.close();
  });

  test('keeps at most its bound, dropping the least recently used', () => {
    const cached = withStatementCache(database(), 2);
    const a = cached.prepare('select 1');
    cached.prepare('select 2');
    expect(cached.prepare('select 1')).toBe(a); // now the most recently used
    cached.prepare('select 3'); // drops "select 2"
    expect(cached.cachedStatements).toBe(2);
    expect(cached.prepare('select 1')).toBe(a);
    cached.close();
  });

  test('a statement kept across a schema change still answers right', () => {
    const cached = withStatementCache(database());
    expect(cached.prepare('select * from t where n = 1').all([])).toEqual([{ n: 1 }]);
    cached.prepare('alter table t add column m integer default 7').run([]);
    expect(cached.prepare('select * from t where n = 1').all([])).toEqual([{ n: 1, m: 7 }]);
    cached.close();
  });
});
