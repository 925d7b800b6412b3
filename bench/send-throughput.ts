import { createDraft } from '../src/commands/create-draft.ts';
import { decideDraft } from '../src/commands/decide-draft.ts';
import { sendCommunication } from '../src/commands/send-communication.ts';
import { submitDraft } from '../src/commands/submit-draft.ts';
import type { AppContext } from '../src/context.ts';
import { referenceLetterPlan } from '../src/demo/reference-letter-plan.ts';
import { genevaDate } from '../src/domain/geneva-time.ts';
import { staff } from '../src/policies/principal.ts';
import { since, summarise, type Timings } from './stats.ts';

const OFFICER = staff('Benchmark Officer');
const MANDATES = ['sr-assembly', 'wgad'] as const;
const ADDRESSEES = ['KAZ', 'BRA', 'IND', 'NGA', 'PHL', 'MEX', 'TUR', 'EGY'];

/** Throughput and per-operation latency of a timed sequential loop. */
export interface Throughput {
  count: number;
  perSecond: number;
  latency: Timings;
}

/** What {@link benchSends} measured. */
export interface SendResults {
  /** A letter of one signing mandate: its approval, then the send (two audited commands). */
  single: Throughput;
  /** A joint letter of two signing mandates: each one's approval, then the send (three audited commands). */
  full: Throughput;
  /** The send command alone, on a draft every mandate has approved (it checks the approvals, allocates, audits). */
  bare: Throughput;
  /**
   * A letter of one signing mandate with the texts of the reference letter AL KAZ 1/2022 (body, questions,
   * concerns and annex, 55 KB): its approval, then the send, as `single`. Real letters are this size, the
   * synthetic ones a sentence; every command loads, digests and rewrites the whole letter.
   */
  real: Throughput;
}

/**
 * Measures sending, one command after another as staff work. Three sets of `count` drafts are created and
 * submitted beforehand (untimed): letters of one signing mandate, joint letters of two, and joint letters
 * already approved by both. Then, timed, the three kinds take turns, one letter of each in every round: the
 * one mandate's holder approves and the letter is sent; both holders approve and the joint letter is sent;
 * the approved letter is sent (reference allocated, history and audit entries appended at each command).
 * Taking turns puts the three measures under the same conditions (the store's size, the database's own
 * background writes), so that their figures can be compared. Last, `count` letters of one mandate with the
 * reference letter's texts are created and submitted (untimed), then approved and sent one after another:
 * apart from the others, so that the pages they write (and the checkpoints these bring) are theirs alone.
 */
export async function benchSends(ctx: AppContext, count: number): Promise<SendResults> {
  const today = genevaDate(ctx.clock.now());
  const holders = MANDATES.map((slug) => {
    const holder = ctx.ref.holdersOn(slug, today)[0]?.name;
    if (!holder) throw new Error(`no holder of ${slug} in office on ${today}`);
    return { slug, holder };
  });
  const alone = holders.slice(0, 1);
  const { plan: reference } = referenceLetterPlan();
  const realTexts = { body: reference.body, questions: reference.questions, concerns: reference.concerns, annexText: reference.annexText };
  const submitted = async (i: number, signing: readonly { slug: string }[], texts: Partial<typeof realTexts> = {}) => {
    const draft = await createDraft(ctx, OFFICER, {
      type: i % 3 === 0 ? 'UA' : 'AL',
      addressee: ADDRESSEES[i % ADDRESSEES.length],
      mandates: signing.map((h) => h.slug),
      subject: `Benchmark letter ${i + 1}`,
      summary: 'A synthetic letter written by the benchmark.',
      questions: ['Please provide information on the measures taken.'],
      synthetic: true,
      ...texts,
    });
    await submitDraft(ctx, OFFICER, draft.id);
    return draft.id;
  };
  const approve = async (id: string, signing: readonly { slug: string; holder: string }[]) => {
    for (const h of signing) await decideDraft(ctx, OFFICER, id, { mandate: h.slug, decision: 'approved', holder: h.holder });
  };
  const send = async (id: string) => void (await sendCommunication(ctx, OFFICER, id));

  const rounds: Array<{ single: string; full: string; bare: string }> = [];
  for (let i = 0; i < count; i++) {
    const bare = await submitted(3 * i + 2, holders);
    await approve(bare, holders);
    rounds.push({ single: await submitted(3 * i, alone), full: await submitted(3 * i + 1, holders), bare });
  }
  const latencies = { single: [] as number[], full: [] as number[], bare: [] as number[], real: [] as number[] };
  const timed = async (into: number[], run: () => Promise<void>) => {
    const t = performance.now();
    await run();
    into.push(since(t));
  };
  for (const r of rounds) {
    await timed(latencies.single, async () => {
      await approve(r.single, alone);
      await send(r.single);
    });
    await timed(latencies.full, async () => {
      await approve(r.full, holders);
      await send(r.full);
    });
    await timed(latencies.bare, () => send(r.bare));
  }
  const real: string[] = [];
  for (let i = 0; i < count; i++) real.push(await submitted(3 * count + i, alone, realTexts));
  for (const id of real) {
    await timed(latencies.real, async () => {
      await approve(id, alone);
      await send(id);
    });
  }
  return { single: throughput(latencies.single), full: throughput(latencies.full), bare: throughput(latencies.bare), real: throughput(latencies.real) };
}

/** The rate of one kind of operation over the time spent in it, and its latencies. */
function throughput(latencies: number[]): Throughput {
  const spent = latencies.reduce((sum, ms) => sum + ms, 0);
  return { count: latencies.length, perSecond: (latencies.length * 1000) / spent, latency: summarise(latencies) };
}
