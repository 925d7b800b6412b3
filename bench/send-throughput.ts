import { createDraft } from '../src/commands/create-draft.ts';
import { decideDraft } from '../src/commands/decide-draft.ts';
import { sendCommunication } from '../src/commands/send-communication.ts';
import { submitDraft } from '../src/commands/submit-draft.ts';
import type { AppContext } from '../src/context.ts';
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
  /** Approval by each signing mandate, then the send: one "send" is the three commands. */
  full: Throughput;
  /** The send command alone, on a draft every mandate has approved (it checks the approvals, allocates, audits). */
  bare: Throughput;
}

/**
 * Measures sending, one command after another as staff work: `count` drafts signed by two mandates are
 * created and submitted (untimed); then, timed, each is approved by both mandates' holders in office and
 * sent (reference allocated, history and audit entries appended). A second set, approved beforehand, times
 * the bare send.
 */
export async function benchSends(ctx: AppContext, count: number): Promise<SendResults> {
  const today = genevaDate(ctx.clock.now());
  const holders = MANDATES.map((slug) => {
    const holder = ctx.ref.holdersOn(slug, today)[0]?.name;
    if (!holder) throw new Error(`no holder of ${slug} in office on ${today}`);
    return { slug, holder };
  });
  const submitted = async (i: number) => {
    const draft = await createDraft(ctx, OFFICER, {
      type: i % 3 === 0 ? 'UA' : 'AL',
      addressee: ADDRESSEES[i % ADDRESSEES.length],
      mandates: [...MANDATES],
      subject: `Benchmark letter ${i + 1}`,
      summary: 'A synthetic letter written by the benchmark.',
      questions: ['Please provide information on the measures taken.'],
      synthetic: true,
    });
    await submitDraft(ctx, OFFICER, draft.id);
    return draft.id;
  };
  const approve = async (id: string) => {
    for (const h of holders) await decideDraft(ctx, OFFICER, id, { mandate: h.slug, decision: 'approved', holder: h.holder });
  };

  const forFull: string[] = [];
  for (let i = 0; i < count; i++) forFull.push(await submitted(i));
  const full = await timed(forFull, async (id) => {
    await approve(id);
    await sendCommunication(ctx, OFFICER, id);
  });

  const forBare: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = await submitted(count + i);
    await approve(id);
    forBare.push(id);
  }
  const bare = await timed(forBare, async (id) => void (await sendCommunication(ctx, OFFICER, id)));
  return { full, bare };
}

async function timed(ids: readonly string[], run: (id: string) => Promise<void>): Promise<Throughput> {
  const latencies: number[] = [];
  const start = performance.now();
  for (const id of ids) {
    const t = performance.now();
    await run(id);
    latencies.push(since(t));
  }
  const elapsed = since(start);
  return { count: ids.length, perSecond: (ids.length * 1000) / elapsed, latency: summarise(latencies) };
}
