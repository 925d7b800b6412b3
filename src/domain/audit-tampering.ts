import { entryHash, GENESIS_HASH, type AuditEntry } from './audit-chain.ts';

/**
 * The six kinds of tampering `audit verify` names, each with its own code:
 *
 * - `entry_edited`: an entry's content changed (its hash no longer matches it), or an entry was replaced by
 *   one with a recomputed hash (the entry after it no longer names it);
 * - `entry_deleted`: an entry is gone, whether the later entries kept their numbers or were renumbered;
 * - `entries_reordered`: entries were moved or renumbered (each still matches its hash under its old number);
 * - `entry_inserted`: an entry was added between others (the entry after it still names the one before it),
 *   or after the head, around the commands;
 * - `tail_cut`: the last entries were removed (the head names a later entry, or a checkpoint does);
 * - `chain_rewritten`: the chain is consistent but differs from a signed checkpoint: every hash from some
 *   entry on was recomputed, which only a checkpoint kept outside the database can show.
 */
export const TAMPERING_CODES = ['entry_edited', 'entry_deleted', 'entries_reordered', 'entry_inserted', 'tail_cut', 'chain_rewritten'] as const;

/** One of {@link TAMPERING_CODES}. */
export type TamperingCode = (typeof TAMPERING_CODES)[number];

/**
 * Everything `audit verify` can find: tampering with the chain, a head row that disagrees with it in a way
 * that names no kind (`head_mismatch`), a record that differs from its last audited state
 * (`record_mismatch`), and a checkpoint whose signature does not hold (`checkpoint_invalid`).
 */
export type FindingCode = TamperingCode | 'head_mismatch' | 'record_mismatch' | 'checkpoint_invalid';

/** One finding: its code, the entry it concerns (0 when none), and a sentence for the person verifying. */
export interface AuditFinding {
  seq: number;
  problem: FindingCode;
  message: string;
}

/** A signed checkpoint's claim, once its signature has been checked: the chain held entry `seq` with `hash`. */
export interface CheckpointClaim {
  seq: number;
  hash: string;
  /** How the checkpoint is named in messages (its file, its date). */
  label: string;
}

/** The head row of the chain: the last entry's number and hash. */
export interface AuditHead {
  lastSeq: number;
  lastHash: string;
}

/** An entry as the inspector remembers it. `orig` is the number the entry was written under. */
interface Seen {
  seq: number;
  orig: number;
  hash: string;
  edited: boolean;
  /** Moved, renumbered, filling or opening a skip: the links around it are accounted for. */
  moved: boolean;
}

/** Origins skipped by an entry that jumped ahead: filled later if entries were moved, else deleted. */
interface Skip {
  atSeq: number;
  /** Missing origins as closed intervals. */
  missing: Array<[number, number]>;
  filled: number;
  lastSeq: number;
}

const GENESIS: Seen = { seq: 0, orig: 0, hash: GENESIS_HASH, edited: false, moved: false };
/** How far from its place an entry's old number is looked for (moved entries farther away show as edited). */
const SEARCH_DISTANCE = 32;
/** How many recent entries are kept to find the one an entry names as its predecessor. */
const RECENT = 2 * SEARCH_DISTANCE + 2;
/** Hashes computed to find old numbers, at most, so that a wholly garbled chain is still verified in bounded time. */
const SEARCH_BUDGET = 200_000;

/**
 * Walks an audit chain in the order of its sequence numbers, in batches of any size, and names what was
 * done to it. It keeps only a window of recent entries, so chains of millions of entries are walked in
 * constant memory.
 *
 * How it tells the kinds apart: each entry's hash covers its own number, so an entry whose hash matches its
 * content under another number was moved or renumbered, and that old number (its "origin") is recovered
 * by trying the numbers near it. Walking the origins: an origin skipped is a deleted entry unless it turns
 * up later (then the entries were reordered); an origin seen twice means an insertion, the inserted
 * entries being those the next genuine entry steps over to name its real predecessor; a broken link with
 * nothing else wrong means the entry before it was replaced with a recomputed hash. The head and the
 * checkpoints are compared at the end, with origins, so a renumbering is not also counted as a cut tail.
 *
 * @example
 * const inspector = new ChainInspector();
 * for (const batch of batches) inspector.inspect(batch);
 * const findings = inspector.finish({ before: head, after: head }, checkpoints);
 */
export class ChainInspector {
  /** The number of entries inspected. */
  entries = 0;
  private readonly findings: AuditFinding[] = [];
  private prev: Seen = GENESIS;
  private recent: Seen[] = [GENESIS];
  private maxOrig = 0;
  private skips: Skip[] = [];
  private budget = SEARCH_BUDGET;
  private readonly watched = new Map<number, { bySeq?: string; byOrig?: string }>();

  /** `watch`: the entry numbers of the checkpoints to compare at the end. */
  constructor(watch: Iterable<number> = []) {
    for (const seq of watch) this.watched.set(seq, {});
  }

  /** The last entry seen: its number and hash (the genesis hash before the first). */
  get last(): { seq: number; hash: string } {
    return { seq: this.prev.seq, hash: this.prev.hash };
  }

  /** Inspects the next entries, in order of their sequence numbers. */
  inspect(entries: readonly AuditEntry[]): void {
    for (const e of entries) this.inspectOne(e);
  }

  /**
   * Compares the head and the checkpoints, settles what was skipped, and returns every finding. The head
   * as read before the walk and after it: entries appended meanwhile lie between the two.
   */
  finish(head: { before: AuditHead; after: AuditHead }, checkpoints: readonly CheckpointClaim[] = []): AuditFinding[] {
    for (const skip of this.skips) this.settle(skip);
    this.skips = [];
    this.compareHead(head.before, head.after);
    for (const c of checkpoints) this.compareCheckpoint(c);
    return [...this.findings];
  }

  private inspectOne(e: AuditEntry): void {
    this.entries++;
    const prev = this.prev;
    const shift = prev.seq - prev.orig;
    const found = this.originOf(e, shift);
    const orig = found ?? e.seq - shift;
    const cur: Seen = { seq: e.seq, orig, hash: e.hash, edited: found === null, moved: orig !== e.seq };
    if (cur.edited) {
      this.add(e.seq, 'entry_edited', `entry ${e.seq} was edited after it was written: its hash no longer matches its content`);
    }
    const watch = this.watched.get(e.seq);
    if (watch) watch.bySeq = e.hash;
    const watchOrig = cur.edited ? undefined : this.watched.get(cur.orig);
    if (watchOrig) watchOrig.byOrig = e.hash;

    let accounted = true;
    if (cur.orig === this.maxOrig + 1) {
      this.maxOrig = cur.orig;
      accounted = false;
    } else if (cur.orig > this.maxOrig + 1) {
      this.skips.push({ atSeq: e.seq, missing: [[this.maxOrig + 1, cur.orig - 1]], filled: 0, lastSeq: e.seq });
      this.maxOrig = cur.orig;
    } else if (!this.fill(cur)) {
      this.duplicate(e, cur);
    }
    if (accounted) cur.moved = true;
    const explained = cur.edited || prev.edited || cur.moved || prev.moved;
    if (!explained && e.prevHash !== prev.hash) {
      this.add(
        prev.seq,
        'entry_edited',
        prev.seq === 0
          ? `entry ${e.seq} does not start from the beginning of the chain: the entries before it were replaced`
          : `entry ${prev.seq} was replaced by an entry with a recomputed hash: entry ${e.seq} names another entry before it`,
      );
    } else if (!cur.edited && !accounted && cur.seq !== cur.orig && cur.seq - cur.orig !== shift) {
      // In its place among its neighbours, under another number: renumbered, with nothing missing or added.
      this.add(e.seq, 'entries_reordered', `entry ${e.seq} was written as entry ${cur.orig}: the entries from here on were renumbered`);
    }
    this.prev = cur;
    this.recent.push(cur);
    if (this.recent.length > RECENT) this.recent.shift();
  }

  /** The number an entry was written under: its own if its hash matches, else a nearby one that does, else null (edited). */
  private originOf(e: AuditEntry, shift: number): number | null {
    const { hash, ...body } = e;
    if (entryHash(body) === hash) return e.seq;
    // First the numbers the neighbours suggest: the entry it names as predecessor, plus one; the
    // renumbering of the entry before it. Then the numbers around its own.
    const named = this.recent.find((r) => r.hash === e.prevHash);
    const candidates = [named ? named.orig + 1 : undefined, e.seq - shift];
    for (let d = 1; d <= SEARCH_DISTANCE; d++) candidates.push(e.seq - d, e.seq + d);
    const tried = new Set<number>([e.seq]);
    for (const k of candidates) {
      if (k === undefined || k < 1 || tried.has(k)) continue;
      tried.add(k);
      if (this.budget-- <= 0) return null;
      if (entryHash({ ...body, seq: k }) === hash) return k;
    }
    return null;
  }

  /** Fills a skipped origin with a late entry (entries were moved); false when the origin was not skipped. */
  private fill(cur: Seen): boolean {
    for (const skip of this.skips) {
      const i = skip.missing.findIndex(([from, to]) => from <= cur.orig && cur.orig <= to);
      if (i < 0) continue;
      const [from, to] = skip.missing[i]!;
      const rest: Array<[number, number]> = [];
      if (from < cur.orig) rest.push([from, cur.orig - 1]);
      if (cur.orig < to) rest.push([cur.orig + 1, to]);
      skip.missing.splice(i, 1, ...rest);
      skip.filled++;
      skip.lastSeq = cur.seq;
      if (skip.missing.length === 0) {
        this.settle(skip);
        this.skips = this.skips.filter((s) => s !== skip);
      }
      return true;
    }
    return false;
  }

  /** Reports a skip: the origins filled later were moved, those never seen were deleted. */
  private settle(skip: Skip): void {
    if (skip.filled > 0) {
      this.add(skip.atSeq, 'entries_reordered', `entries ${skip.atSeq} to ${skip.lastSeq} are not in the order in which they were written`);
    }
    for (const [from, to] of skip.missing) {
      this.add(from, 'entry_deleted', from === to ? `entry ${from} was deleted` : `entries ${from} to ${to} were deleted`);
    }
  }

  /**
   * An origin seen twice. The genuine entry names its real predecessor, so the entries it steps over since
   * then were inserted; a repeat that steps over nothing is a copy of an earlier entry.
   */
  private duplicate(e: AuditEntry, cur: Seen): void {
    const at = this.recent.findIndex((r) => r.hash === e.prevHash);
    const between = at >= 0 ? this.recent.slice(at + 1) : [];
    if (between.length === 0) {
      this.add(e.seq, 'entry_inserted', `entry ${e.seq} repeats entry ${cur.orig}: it was inserted`);
      return;
    }
    const first = between[0]!.seq;
    const last = between[between.length - 1]!.seq;
    // An inserted entry with a made-up hash is an insertion, not an edit.
    for (let i = this.findings.length - 1; i >= 0; i--) {
      const f = this.findings[i]!;
      if (f.problem === 'entry_edited' && f.seq >= first && f.seq <= last) this.findings.splice(i, 1);
    }
    this.add(
      first,
      'entry_inserted',
      first === last
        ? `entry ${first} was inserted: entry ${e.seq} (written as entry ${cur.orig}) follows entry ${this.recent[at]!.seq}`
        : `entries ${first} to ${last} were inserted: entry ${e.seq} (written as entry ${cur.orig}) follows entry ${this.recent[at]!.seq}`,
    );
    this.maxOrig = cur.orig;
  }

  private compareHead(before: AuditHead, after: AuditHead): void {
    const last = this.prev;
    // The head may name the last entry by its number now or by the one it was written under: a
    // renumbering is already reported, and is not also a cut tail or an addition.
    const high = Math.max(last.seq, last.orig);
    const low = Math.min(last.seq, last.orig);
    if (high < before.lastSeq) {
      const n = before.lastSeq - high;
      this.add(high + 1, 'tail_cut', `the chain ends at entry ${high} but its head names entry ${before.lastSeq}: the last ${n === 1 ? 'entry was' : `${n} entries were`} removed`);
    } else if (low > after.lastSeq) {
      this.add(after.lastSeq + 1, 'entry_inserted', `the chain goes on after its head (entry ${after.lastSeq}) to entry ${last.seq}: entries were added around the commands`);
    } else {
      const named = [last.seq, last.orig];
      const head = named.includes(after.lastSeq) ? after : named.includes(before.lastSeq) ? before : undefined;
      if (head && head.lastHash !== last.hash) {
        this.add(head.lastSeq, 'head_mismatch', `the head names another hash for entry ${head.lastSeq}: the last entry or the head was rewritten`);
      }
    }
  }

  private compareCheckpoint(c: CheckpointClaim): void {
    const held = this.watched.get(c.seq);
    if (held?.byOrig === c.hash || held?.bySeq === c.hash) return;
    const end = Math.max(this.prev.orig, this.maxOrig);
    if (end < c.seq) {
      this.add(end + 1, 'tail_cut', `the chain ends at entry ${end} but the checkpoint ${c.label} names entry ${c.seq}: the entries after ${end} were removed`);
    } else if (held?.byOrig === undefined && held?.bySeq === undefined) {
      this.add(c.seq, 'entry_deleted', `entry ${c.seq}, named by the checkpoint ${c.label}, is no longer in the chain`);
    } else {
      this.add(c.seq, 'chain_rewritten', `entry ${c.seq} does not have the hash the checkpoint ${c.label} signed: the chain was rewritten up to there`);
    }
  }

  private add(seq: number, problem: FindingCode, message: string): void {
    this.findings.push({ seq, problem, message });
  }
}
