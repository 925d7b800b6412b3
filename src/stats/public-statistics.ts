import { COMMUNICATION_TYPES, type CommunicationType } from '../domain/reference.ts';
import { selectRows, type Catalogue, type FacetFilters } from '../search/public-catalogue.ts';

/**
 * The figures of the public database: how many letters by year, type, mandate and addressee, how many were
 * joint, and how many were answered — on time (the first reply that is not a mere acknowledgment came
 * within the reply period), late, or not at all. Computed in one pass over the in-memory catalogue, which
 * holds published communications only, so that nothing unpublished can be counted. Pure: the same
 * catalogue and selection always give the same figures.
 */

/** How the letters of a group were answered, and the shares (null when the group is empty). */
export interface ReplyFigures {
  total: number;
  /** Answered within the reply period. */
  replied: number;
  /** Answered after it. */
  late: number;
  /** Not answered (yet). */
  none: number;
  /** Share answered at all: (replied + late) / total. */
  rate: number | null;
  /** Share answered on time. */
  onTimeRate: number | null;
  /** Share answered late. */
  lateRate: number | null;
}

/** The letters of one year of sending. */
export interface YearFigures {
  year: number;
  count: number;
  joint: number;
  replies: ReplyFigures;
}

/** The letters of one type (AL, UA, OL). */
export interface TypeFigures {
  type: CommunicationType;
  count: number;
  joint: number;
}

/** The letters of one mandate or one addressee (a catalogue value: a mandate's slug, an addressee's id). */
export interface GroupFigures {
  key: string;
  count: number;
  joint: number;
  replies: ReplyFigures;
}

/** Every figure of a selection of the public database. */
export interface PublicStatistics {
  total: number;
  joint: number;
  /** Share of joint letters (null when there is none at all). */
  jointShare: number | null;
  replies: ReplyFigures;
  /** Oldest year first; every year between the first and the last, those without letters at zero. */
  byYear: YearFigures[];
  /** AL, UA, OL, each present (zero when none). */
  byType: TypeFigures[];
  /**
   * Most letters first, then by slug. A joint letter counts for each of its mandates, so these counts add
   * up to more than the total.
   */
  byMandate: GroupFigures[];
  /** Most letters first, then by id. */
  byAddressee: GroupFigures[];
}

/** A share, or null when there is nothing to divide. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** The reply figures of a count and its replies on time and late. */
export function replyFigures(total: number, replied: number, late: number): ReplyFigures {
  return {
    total,
    replied,
    late,
    none: total - replied - late,
    rate: share(replied + late, total),
    onTimeRate: share(replied, total),
    lateRate: share(late, total),
  };
}

/** Counters of a group: letters, joint letters, replies on time, replies late. */
class Tally {
  readonly count: Uint32Array;
  readonly joint: Uint32Array;
  readonly replied: Uint32Array;
  readonly late: Uint32Array;
  constructor(size: number) {
    this.count = new Uint32Array(size);
    this.joint = new Uint32Array(size);
    this.replied = new Uint32Array(size);
    this.late = new Uint32Array(size);
  }
  add(i: number, joint: boolean, reply: number): void {
    this.count[i]!++;
    if (joint) this.joint[i]!++;
    if (reply === REPLIED) this.replied[i]!++;
    else if (reply === LATE) this.late[i]!++;
  }
  groups(keys: readonly string[]): GroupFigures[] {
    return keys
      .map((key, i) => ({ key, count: this.count[i]!, joint: this.joint[i]!, replies: replyFigures(this.count[i]!, this.replied[i]!, this.late[i]!) }))
      .filter((g) => g.count > 0)
      .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}

const NONE = 0;
const REPLIED = 1;
const LATE = 2;

/**
 * The figures of some rows of the catalogue (row indexes, in any order; each counted once as given).
 *
 * @example statisticsOfRows(cat, selectRows(cat, { filters: { addressee: 'KAZ' } }).rows)
 */
export function statisticsOfRows(cat: Catalogue, rows: ArrayLike<number>): PublicStatistics {
  const { columns, mandates } = cat;
  // Each column's values as small codes, decided once rather than once per row.
  const replyOf = columns.reply.values.map((v) => (v === 'replied' ? REPLIED : v === 'replied_late' ? LATE : NONE));
  const jointOf = columns.joint.values.map((v) => v === 'true');
  const typeOf = columns.type.values.map((v) => COMMUNICATION_TYPES.indexOf(v as CommunicationType));
  const yearOf = columns.year.values.map(Number);

  const years = new Map<number, { count: number; joint: number; replied: number; late: number }>();
  const types = new Tally(COMMUNICATION_TYPES.length);
  const byMandate = new Tally(mandates.values.length);
  const byAddressee = new Tally(columns.addressee.values.length);
  const all = new Tally(1);

  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    const reply = replyOf[columns.reply.of[i]!]!;
    const joint = jointOf[columns.joint.of[i]!]!;
    all.add(0, joint, reply);
    const type = typeOf[columns.type.of[i]!]!;
    if (type >= 0) types.add(type, joint, reply);
    byAddressee.add(columns.addressee.of[i]!, joint, reply);
    for (let j = mandates.start[i]!; j < mandates.start[i + 1]!; j++) byMandate.add(mandates.of[j]!, joint, reply);
    const year = yearOf[columns.year.of[i]!]!;
    let y = years.get(year);
    if (!y) years.set(year, (y = { count: 0, joint: 0, replied: 0, late: 0 }));
    y.count++;
    if (joint) y.joint++;
    if (reply === REPLIED) y.replied++;
    else if (reply === LATE) y.late++;
  }

  const known = [...years.keys()].filter(Number.isFinite);
  const byYear: YearFigures[] = [];
  if (known.length > 0) {
    for (let year = Math.min(...known); year <= Math.max(...known); year++) {
      const y = years.get(year) ?? { count: 0, joint: 0, replied: 0, late: 0 };
      byYear.push({ year, count: y.count, joint: y.joint, replies: replyFigures(y.count, y.replied, y.late) });
    }
  }
  const total = all.count[0]!;
  const joint = all.joint[0]!;
  return {
    total,
    joint,
    jointShare: share(joint, total),
    replies: replyFigures(total, all.replied[0]!, all.late[0]!),
    byYear,
    byType: COMMUNICATION_TYPES.map((type, i) => ({ type, count: types.count[i]!, joint: types.joint[i]! })),
    byMandate: byMandate.groups(mandates.values),
    byAddressee: byAddressee.groups(columns.addressee.values),
  };
}

/**
 * The figures of the whole public database, or of the letters a selection keeps (`{ addressee: 'KAZ' }`,
 * `{ mandate: 'sr-torture' }`: facet values as the catalogue names them).
 */
export function publicStatistics(cat: Catalogue, filters: FacetFilters = {}): PublicStatistics {
  return statisticsOfRows(cat, selectRows(cat, { filters }).rows);
}
