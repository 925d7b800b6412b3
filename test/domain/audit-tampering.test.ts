import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { digest, entryHash, GENESIS_HASH, type AuditEntry, type AuditEntryBody } from '../../src/domain/audit-chain.ts';
import { ChainInspector, type CheckpointClaim } from '../../src/domain/audit-tampering.ts';

/** A valid chain of n entries. */
function chain(n: number, prevHash = GENESIS_HASH, firstSeq = 1): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = prevHash;
  for (let i = 0; i < n; i++) {
    const body: AuditEntryBody = {
      seq: firstSeq + i,
      at: `2022-01-18T09:${String(i % 60).padStart(2, '0')}:00.000Z`,
      actor: 'Test Officer',
      action: 'communication.edit',
      recordType: 'communication',
      recordId: `c-${i % 3}`,
      beforeDigest: digest({ v: i - 1 }),
      afterDigest: digest({ v: i }),
      details: null,
      prevHash: prev,
    };
    out.push({ ...body, hash: entryHash(body) });
    prev = out[out.length - 1]!.hash;
  }
  return out;
}

const headOf = (entries: readonly AuditEntry[]) => ({ lastSeq: entries.at(-1)?.seq ?? 0, lastHash: entries.at(-1)?.hash ?? GENESIS_HASH });

/** Runs the inspector over entries (in batches of `batch`), with the head of `original` unless given. */
function inspect(entries: AuditEntry[], head = headOf(entries), checkpoints: CheckpointClaim[] = [], batch = 7) {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  const inspector = new ChainInspector(checkpoints.map((c) => c.seq));
  for (let i = 0; i < sorted.length; i += batch) inspector.inspect(sorted.slice(i, i + batch));
  return inspector.finish({ before: head, after: head }, checkpoints).map((f) => [f.problem, f.seq]);
}

/** Gives entries new numbers: `map` from old to new. */
const renumbered = (entries: AuditEntry[], map: (seq: number) => number) => entries.map((e) => ({ ...e, seq: map(e.seq) }));

describe('ChainInspector', () => {
  const original = chain(40);
  const head = headOf(original);

  it('finds nothing in an intact chain, in any batch size', () => {
    for (const batch of [1, 3, 40, 100]) assert.deepEqual(inspect(original, head, [], batch), []);
    assert.deepEqual(inspect([], headOf([])), []);
  });

  it('names several inserted entries as one insertion', () => {
    // Three forged entries, each linked to the one before it, the first to entry 10.
    let prev = original[9]!.hash;
    const linked = chain(3, prev, 11).map(({ hash: _h, ...b }) => {
      const body = { ...b, actor: 'Someone Else', prevHash: prev };
      const e = { ...body, hash: entryHash(body) };
      prev = e.hash;
      return e;
    });
    const tampered = [...original.slice(0, 10), ...linked, ...renumbered(original.slice(10), (s) => s + 3)];
    assert.deepEqual(inspect(tampered, { lastSeq: 43, lastHash: original[39]!.hash }), [['entry_inserted', 11]]);
    assert.deepEqual(inspect(tampered, head), [['entry_inserted', 11]], 'the head left as it was');
  });

  it('names entries moved far, and a rotation, as reordered', () => {
    const swapped = renumbered(original, (s) => (s === 5 ? 25 : s === 25 ? 5 : s));
    assert.deepEqual(inspect(swapped), [['entries_reordered', 5]]);
    const rotated = renumbered(original, (s) => (s === 10 ? 14 : s > 10 && s <= 14 ? s - 1 : s));
    assert.deepEqual(inspect(rotated), [['entries_reordered', 10]]);
  });

  it('names entries renumbered with nothing missing or added', () => {
    const shifted = renumbered(original, (s) => (s > 20 ? s + 1 : s));
    assert.deepEqual(inspect(shifted, head), [['entries_reordered', 22]]);
  });

  it('names the deletion of the first entries and of a run', () => {
    assert.deepEqual(inspect(original.slice(2), head), [['entry_deleted', 1]]);
    assert.deepEqual(inspect([...original.slice(0, 10), ...original.slice(15)], head), [['entry_deleted', 11]]);
  });

  it('names an edit and a deletion together', () => {
    const tampered = original.filter((e) => e.seq !== 30).map((e) => (e.seq === 3 ? { ...e, actor: 'x' } : e));
    assert.deepEqual(inspect(tampered, head), [['entry_edited', 3], ['entry_deleted', 30]]);
  });

  it('does not take entries appended during the walk for tampering', () => {
    const walked = original.slice(0, 30);
    const inspector = new ChainInspector();
    inspector.inspect(walked);
    const before = headOf(original.slice(0, 25));
    assert.deepEqual(inspector.finish({ before, after: head }), []);
  });

  it('compares checkpoints: held, rewritten, beyond the end', () => {
    const claim = (seq: number, hash: string): CheckpointClaim => ({ seq, hash, label: 'cp' });
    assert.deepEqual(inspect(original, head, [claim(20, original[19]!.hash), claim(40, original[39]!.hash)]), []);
    assert.deepEqual(inspect(original, head, [claim(20, 'f'.repeat(64))]), [['chain_rewritten', 20]]);
    assert.deepEqual(inspect(original, head, [claim(45, 'f'.repeat(64))]), [['tail_cut', 41]]);
    // A checkpoint still holds for an entry that was only renumbered (the renumbering itself is reported).
    const shifted = renumbered(original, (s) => (s > 20 ? s + 1 : s));
    assert.deepEqual(inspect(shifted, head, [claim(30, original[29]!.hash)]), [['entries_reordered', 22]]);
  });
});
