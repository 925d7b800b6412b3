import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  digest,
  entryHash,
  GENESIS_HASH,
  type AuditEntry,
  type AuditEntryBody,
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

