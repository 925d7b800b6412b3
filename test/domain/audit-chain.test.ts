import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  digest,
  entryHash,
  GENESIS_HASH,
  verifyEntries,
  type AuditEntry,
  type AuditEntryBody,
  type ChainProblem,
} from '../../src/domain/audit-chain.ts';

type Body = Omit<AuditEntryBody, 'seq' | 'prevHash'>;

/** Builds a valid chain from bodies, numbering from `firstSeq` after `prevHash`. */
function chain(bodies: readonly Body[], firstSeq = 1, prevHash = GENESIS_HASH): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = prevHash;
  bodies.forEach((b, i) => {
    const body: AuditEntryBody = { ...b, seq: firstSeq + i, prevHash: prev };
    const hash = entryHash(body);
    out.push({ ...body, hash });
    prev = hash;
  });
  return out;
}

function body(i: number): Body {
  return {
    at: `2022-01-${String(10 + (i % 18)).padStart(2, '0')}T09:00:00.000Z`,
    actor: i % 2 ? 'user:officer-1' : 'user:officer-2',
    action: ['communication.create', 'communication.edit', 'communication.submit', 'communication.send'][i % 4]!,
    recordType: 'communication',
    recordId: `c-${Math.floor(i / 4)}`,
    beforeDigest: i % 4 === 0 ? null : digest({ v: i - 1 }),
    afterDigest: digest({ v: i }),
    details: i % 3 === 0 ? null : JSON.stringify({ note: `entry ${i}` }),
  };
}

const START = { expectSeq: 1, prevHash: GENESIS_HASH };
const kinds = (problems: readonly ChainProblem[]) => problems.map((p) => [p.seq, p.problem]);

describe('digest', () => {
  it('is the SHA-256 of canonical JSON', () => {
    assert.equal(digest({ b: 2, a: 1 }), createHash('sha256').update('{"a":1,"b":2}').digest('hex'));
    assert.equal(digest('x'), createHash('sha256').update('"x"').digest('hex'));
    assert.equal(digest(null), createHash('sha256').update('null').digest('hex'));
    assert.match(digest({}), /^[0-9a-f]{64}$/);
  });

  it('does not depend on key order, at any depth', () => {
    const a = { reference: 'AL KAZ 1/2022', mandates: ['wgad', 'sr-torture'], meta: { x: 1, y: { p: true, q: null } } };
    const b = { meta: { y: { q: null, p: true }, x: 1 }, mandates: ['wgad', 'sr-torture'], reference: 'AL KAZ 1/2022' };
    assert.equal(digest(a), digest(b));
  });

  it('changes with any value, with array order, and with types', () => {
    const base = digest({ a: 1, list: [1, 2] });
    assert.notEqual(digest({ a: 2, list: [1, 2] }), base);
    assert.notEqual(digest({ a: 1, list: [2, 1] }), base);
    assert.notEqual(digest({ a: '1', list: [1, 2] }), base);
    assert.notEqual(digest({ a: 1, list: [1, 2], extra: null }), base);
    assert.notEqual(digest({ A: 1, list: [1, 2] }), base);
  });

  it('entryHash is the digest of the body', () => {
    const [e] = chain([body(0)]);
    const { hash, ...rest } = e!;
    assert.equal(hash, digest(rest));
    assert.equal(entryHash(rest), hash);
    assert.equal(entryHash({ ...rest, details: 'other' }) === hash, false);
  });
});

describe('verifyEntries', () => {
  const entries = chain(Array.from({ length: 10 }, (_, i) => body(i)));

  it('passes a valid chain and reports its head', () => {
    const r = verifyEntries(entries, START);
    assert.deepEqual(r, { problems: [], lastSeq: 10, lastHash: entries[9]!.hash });
    assert.equal(entries[0]!.prevHash, GENESIS_HASH);
    assert.equal(GENESIS_HASH, '0'.repeat(64));
  });

  it('passes an empty batch and hands its start back', () => {
    assert.deepEqual(verifyEntries([], START), { problems: [], lastSeq: 0, lastHash: GENESIS_HASH });
    assert.deepEqual(verifyEntries([], { expectSeq: 6, prevHash: 'abc' }), { problems: [], lastSeq: 5, lastHash: 'abc' });
  });

  it('detects an edited entry as hash_mismatch at that entry only', () => {
    const edited = entries.map((e) => ({ ...e }));
    edited[4] = { ...edited[4]!, actor: 'user:intruder' };
    const r = verifyEntries(edited, START);
    assert.deepEqual(kinds(r.problems), [[5, 'hash_mismatch']]);
    assert.equal(r.problems[0]!.message, 'entry 5 was altered after it was written');
  });

  for (const field of ['at', 'action', 'recordType', 'recordId', 'beforeDigest', 'afterDigest', 'details'] as const) {
    it(`detects an edit of ${field}`, () => {
      const edited = entries.map((e) => ({ ...e }));
      edited[2] = { ...edited[2]!, [field]: 'tampered' };
      assert.deepEqual(kinds(verifyEntries(edited, START).problems), [[3, 'hash_mismatch']]);
    });
  }

  it('detects an edited entry whose hash was recomputed, at the entry after it', () => {
    const edited = entries.map((e) => ({ ...e }));
    const { hash: _old, ...b } = edited[4]!;
    const forged = { ...b, details: 'rewritten' };
    edited[4] = { ...forged, hash: entryHash(forged) };
    assert.deepEqual(kinds(verifyEntries(edited, START).problems), [[6, 'prev_hash_mismatch']]);
  });

  it('detects a deleted entry as a gap (and a broken link) at the entry after it', () => {
    const deleted = entries.filter((e) => e.seq !== 4);
    const r = verifyEntries(deleted, START);
    assert.deepEqual(kinds(r.problems), [
      [5, 'gap'],
      [5, 'prev_hash_mismatch'],
    ]);
    assert.equal(r.problems[0]!.message, 'entry 5 found where 4 was expected');
    assert.equal(r.lastSeq, 10);
  });

  it('detects a deleted first entry', () => {
    const r = verifyEntries(entries.slice(1), START);
    assert.deepEqual(kinds(r.problems), [
      [2, 'gap'],
      [2, 'prev_hash_mismatch'],
    ]);
  });

  it('detects reordered entries', () => {
    const swapped = [...entries];
    [swapped[3], swapped[4]] = [swapped[4]!, swapped[3]!];
    const r = verifyEntries(swapped, START);
    assert.deepEqual(kinds(r.problems), [
      [5, 'gap'],
      [5, 'prev_hash_mismatch'],
      [4, 'gap'],
      [4, 'prev_hash_mismatch'],
      [6, 'gap'],
      [6, 'prev_hash_mismatch'],
    ]);
  });

  it('detects reordered entries renumbered to hide it (seq rewritten), as altered and unlinked', () => {
    const swapped = [...entries];
    [swapped[3], swapped[4]] = [{ ...entries[4]!, seq: 4 }, { ...entries[3]!, seq: 5 }];
    const r = verifyEntries(swapped, START);
    assert.deepEqual(kinds(r.problems), [
      [4, 'prev_hash_mismatch'],
      [4, 'hash_mismatch'],
      [5, 'prev_hash_mismatch'],
      [5, 'hash_mismatch'],
      [6, 'prev_hash_mismatch'],
    ]);
  });

  it('detects an inserted entry, even one with a valid own hash and link', () => {
    const before = entries[2]!; // seq 3
    const forgedBody: AuditEntryBody = { ...body(99), seq: 4, prevHash: before.hash };
    const forged: AuditEntry = { ...forgedBody, hash: entryHash(forgedBody) };
    const inserted = [...entries.slice(0, 3), forged, ...entries.slice(3)];
    const r = verifyEntries(inserted, START);
    assert.deepEqual(kinds(r.problems), [
      [4, 'gap'],
      [4, 'prev_hash_mismatch'],
    ]);
    assert.equal(r.lastSeq, 10);
  });

  it('detects an inserted entry with a duplicate sequence number', () => {
    // A copy of entry 4 (keeping its hash) with other details: the entry after it still links to entry 4's hash.
    const dup: AuditEntry = { ...entries[3]!, details: 'duplicate' };
    const inserted = [...entries.slice(0, 4), dup, ...entries.slice(4)];
    const r = verifyEntries(inserted, START);
    assert.deepEqual(kinds(r.problems), [
      [4, 'gap'],
      [4, 'prev_hash_mismatch'],
      [4, 'hash_mismatch'],
    ]);
  });

  it('detects a chain that does not start at the genesis hash', () => {
    const other = chain([body(0), body(1)], 1, 'f'.repeat(64));
    assert.deepEqual(kinds(verifyEntries(other, START).problems), [[1, 'prev_hash_mismatch']]);
  });

  it('gives the same result in two batches as in one, for every split point', () => {
    const whole = verifyEntries(entries, START);
    for (let cut = 0; cut <= entries.length; cut++) {
      const first = verifyEntries(entries.slice(0, cut), START);
      const second = verifyEntries(entries.slice(cut), { expectSeq: first.lastSeq + 1, prevHash: first.lastHash });
      assert.deepEqual([...first.problems, ...second.problems], whole.problems, `cut at ${cut}`);
      assert.equal(second.lastSeq, whole.lastSeq);
      assert.equal(second.lastHash, whole.lastHash);
    }
  });

  it('finds the same problems in batches as in one pass for a damaged chain', () => {
    const damaged = entries.filter((e) => e.seq !== 6).map((e) => (e.seq === 3 ? { ...e, action: 'x' } : e));
    const whole = verifyEntries(damaged, START);
    assert.deepEqual(kinds(whole.problems), [
      [3, 'hash_mismatch'],
      [7, 'gap'],
      [7, 'prev_hash_mismatch'],
    ]);
    for (let cut = 0; cut <= damaged.length; cut++) {
      const first = verifyEntries(damaged.slice(0, cut), START);
      const second = verifyEntries(damaged.slice(cut), { expectSeq: first.lastSeq + 1, prevHash: first.lastHash });
      assert.deepEqual([...first.problems, ...second.problems], whole.problems, `cut at ${cut}`);
      assert.deepEqual([second.lastSeq, second.lastHash], [whole.lastSeq, whole.lastHash]);
    }
  });

  it('continues a chain built from a later start', () => {
    const head = chain([body(0), body(1), body(2)]);
    const tail = chain([body(3), body(4)], 4, head[2]!.hash);
    assert.deepEqual(verifyEntries(tail, { expectSeq: 4, prevHash: head[2]!.hash }), {
      problems: [],
      lastSeq: 5,
      lastHash: tail[1]!.hash,
    });
    assert.deepEqual(verifyEntries([...head, ...tail], START).problems, []);
  });
});
