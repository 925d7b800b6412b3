import { approvePublicVersion } from '../commands/approve-public-version.ts';
import { createDraft } from '../commands/create-draft.ts';
import { decideDraft } from '../commands/decide-draft.ts';
import { holdPublication } from '../commands/hold-publication.ts';
import { publishDue } from '../commands/publish-due.ts';
import { recordReply } from '../commands/record-reply.ts';
import { retractCommunication } from '../commands/retract-communication.ts';
import { sendCommunication } from '../commands/send-communication.ts';
import { submitDraft } from '../commands/submit-draft.ts';
import { withClock, type AppContext } from '../context.ts';
import { listCommunications } from '../db/repositories/communications-repository.ts';
import { ManualClock } from '../domain/clock.ts';
import { genevaDate, startOfGenevaDay, addDays } from '../domain/geneva-time.ts';
import { publicationDueAt } from '../domain/publication.ts';
import { AppError } from '../errors.ts';
import { SYSTEM, staff } from '../policies/principal.ts';
import { loadRegisterDemo } from './register/load-register-demo.ts';
import { referenceLetterPlan } from './reference-letter-plan.ts';
import { generateSyntheticCommunications, type CommunicationPlan } from './synthetic-communications.ts';

/** What {@link loadDemo} did. */
export interface DemoResult {
  loaded: boolean;
  communications: number;
  reason?: string;
}

const OFFICER = staff('Demo Case Officer');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Step {
  at: number;
  order: number;
  run: (ctx: AppContext, ids: Map<number, string>) => Promise<void>;
}

/**
 * Loads the demo into an empty store: the reference letter AL KAZ 1/2022 as sent and published, and
 * synthetic communications (marked as such) over several years, with replies on time, late and missing,
 * follow-ups, a held and a retracted letter, and a few drafts. Everything is written through the commands
 * with the clock set to each event's time, in time order, so references, deadlines, history and the audit
 * chain are exactly what real use would have produced. A store that already holds communications is left
 * alone, so loading is idempotent.
 */
export async function loadDemo(ctx: AppContext, options: { syntheticCount?: number; seed?: number } = {}): Promise<DemoResult> {
  const existing = await listCommunications(ctx.store.db, ctx.keys.field, {}, { limit: 1, offset: 0 });
  if (existing.total > 0) return { loaded: false, communications: existing.total, reason: 'the store already holds communications' };
  const now = ctx.clock.now();
  const letter = referenceLetterPlan();
  const synthetic = generateSyntheticCommunications(ctx.ref, {
    count: options.syntheticCount ?? 60,
    seed: options.seed,
    from: '2019-01-01',
    to: genevaDate(new Date(now.getTime() - 3 * DAY)),
    unsentShare: 0.06,
  });
  const plans = ensureVariety([letter.plan, ...synthetic].sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime()));
  const steps = plans.flatMap((p, i) => stepsOf(ctx, p, i, plans)).filter((s) => s.at <= now.getTime());
  steps.sort((a, b) => a.at - b.at || a.order - b.order);
  const ids = new Map<number, string>();
  const clock = new ManualClock(now);
  const at = withClock(ctx, clock);
  for (const step of steps) {
    clock.set(new Date(step.at));
    await step.run(at, ids);
  }
  clock.set(now);
  await publishDue(at, SYSTEM);
  const loadedLetter = plans.findIndex((p) => p === letter.plan);
  const letterId = ids.get(loadedLetter);
  const check = letterId ? await import('../queries/get-communication.ts').then((m) => m.getCommunication(ctx, SYSTEM, letterId)) : undefined;
  if (check?.reference !== letter.reference) {
    throw new AppError('INTERNAL', `the reference letter was loaded as ${check?.reference ?? 'nothing'}, not ${letter.reference}`);
  }
  await loadRegisterDemo(ctx, check.id);
  return { loaded: true, communications: ids.size };
}

/** Makes sure the demo shows one held and one retracted letter, whatever the seed drew. */
function ensureVariety(plans: CommunicationPlan[]): CommunicationPlan[] {
  const sent = plans.filter((p) => p.synthetic && !p.stopAt && !p.hold && !p.retract);
  if (!plans.some((p) => p.hold) && sent.length > 2) {
    const p = sent[sent.length - 1]!;
    p.hold = { reason: 'Risk of reprisals against the family of a person named in the letter', until: addDays(genevaDate(p.sentAt), 120) };
  }
  if (!plans.some((p) => p.retract) && sent.length > 3) {
    sent[Math.floor(sent.length / 2)]!.retract = { reason: 'Published in error: the letter named a person whose consent had been withdrawn' };
  }
  return plans;
}

function stepsOf(ctx: AppContext, p: CommunicationPlan, i: number, plans: readonly CommunicationPlan[]): Step[] {
  const sent = p.sentAt.getTime();
  const id = (ids: Map<number, string>) => {
    const found = ids.get(i);
    if (!found) throw new AppError('INTERNAL', `demo step for communication ${i} before its creation`);
    return found;
  };
  // The reference letter was drafted and approved on its own date: one of its signatories took office that day.
  const lead = p.synthetic ? 4 * DAY : 3 * HOUR;
  const steps: Step[] = [
    {
      at: sent - lead,
      order: 0,
      run: async (c, ids) => {
        const follows = p.follows === undefined ? [] : [ids.get(plans.indexOf(p.follows))].filter((x): x is string => x !== undefined);
        const created = await createDraft(c, OFFICER, {
          type: p.type,
          addressee: p.addressee,
          mandates: p.signatories.map((s) => s.mandate),
          language: p.language,
          subject: p.subject,
          summary: p.summary,
          body: p.body,
          concerns: p.concerns ?? '',
          annexText: p.annexText ?? '',
          pressRelease: p.pressRelease ?? false,
          victims: p.victims ?? [],
          questions: p.questions,
          synthetic: p.synthetic,
          follows,
        });
        ids.set(i, created.id);
      },
    },
  ];
  if (p.stopAt === 'draft') return steps;
  steps.push({ at: sent - lead + HOUR, order: 1, run: async (c, ids) => void (await submitDraft(c, OFFICER, id(ids))) });
  if (p.stopAt === 'submitted') return steps;
  p.signatories.forEach((s, k) => {
    steps.push({
      at: sent - lead + 2 * HOUR + k * 60_000,
      order: 2,
      run: async (c, ids) => void (await decideDraft(c, OFFICER, id(ids), { mandate: s.mandate, decision: 'approved', holder: s.holder })),
    });
  });
  steps.push({ at: sent - HOUR / 2, order: 3, run: async (c, ids) => void (await approvePublicVersion(c, OFFICER, id(ids))) });
  steps.push({ at: sent, order: 3, run: async (c, ids) => void (await sendCommunication(c, OFFICER, id(ids))) });
  for (const r of p.replies) {
    // Recorded the working day after it arrives.
    steps.push({ at: startOfGenevaDay(r.receivedOn).getTime() + 33 * HOUR, order: 4, run: async (c, ids) => void (await recordReply(c, OFFICER, id(ids), r)) });
  }
  const due = publicationDueAt(p.type, p.sentAt, ctx.settings.publication).getTime();
  if (p.hold) {
    const hold = p.hold;
    steps.push({ at: Math.min(sent + 2 * DAY, due - HOUR), order: 5, run: async (c, ids) => void (await holdPublication(c, OFFICER, id(ids), hold)) });
  }
  steps.push({ at: due, order: 6, run: async (c) => void (await publishDue(c, SYSTEM)) });
  if (p.retract) {
    const retract = p.retract;
    steps.push({ at: due + 20 * DAY, order: 7, run: async (c, ids) => void (await retractCommunication(c, OFFICER, id(ids), retract)) });
  }
  return steps;
}
