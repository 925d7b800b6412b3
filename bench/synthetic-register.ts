import { randomUUID } from 'node:crypto';
import type { BulkCommunication } from '../src/db/repositories/bulk-load-repository.ts';
import type { CommunicationPlan } from '../src/demo/synthetic-communications.ts';
import { genevaDate, genevaYear } from '../src/domain/geneva-time.ts';
import { publicationDueAt, type PublicationPeriods } from '../src/domain/publication.ts';
import { formatReference } from '../src/domain/reference.ts';
import { deriveReplyStatus, firstReplyOn, replyDeadline } from '../src/domain/replies.ts';
import type { ReferenceData } from '../src/reference/reference-data.ts';

const DAY = 86_400_000;

/** The rules' settings the derivation follows (the same ones the commands read from the context). */
export interface RegisterSettings {
  replyDays: number;
  publication: PublicationPeriods;
}

/**
 * Turns generated plans into sent communications as the commands would have left them, seen at `asOf`:
 * references numbered per addressee code and Geneva year in sending order, the reply deadline and the reply
 * status derived from the replies received by then, publication scheduled, published, held or retracted.
 * Plans that stop before sending are skipped.
 */
export function sentCommunicationsFromPlans(
  ref: ReferenceData,
  plans: readonly CommunicationPlan[],
  settings: RegisterSettings,
  asOf: Date,
): BulkCommunication[] {
  const counters = new Map<string, number>();
  const asOfIso = asOf.toISOString();
  const asOfDate = genevaDate(asOf);
  const sorted = [...plans].filter((p) => !p.stopAt && p.sentAt <= asOf).sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
  return sorted.map((p) => {
    const addressee = ref.addressee(p.addressee) ?? ref.addressee(p.addressee.toUpperCase());
    if (!addressee) throw new Error(`the generator drew an unknown addressee: ${p.addressee}`);
    const year = genevaYear(p.sentAt);
    const key = `${addressee.code}/${year}`;
    const number = (counters.get(key) ?? 0) + 1;
    counters.set(key, number);
    const sentDate = genevaDate(p.sentAt);
    const deadline = replyDeadline(sentDate, settings.replyDays);
    const received = p.replies.filter((r) => r.receivedOn <= asOfDate);
    const due = publicationDueAt(p.type, p.sentAt, settings.publication);
    const published = !p.hold && due.toISOString() <= asOfIso;
    const retracted = published && p.retract !== undefined && due.getTime() + 20 * DAY <= asOf.getTime();
    return {
      id: randomUUID(),
      type: p.type,
      addresseeId: addressee.id,
      addresseeCode: addressee.code,
      language: p.language,
      subject: p.subject,
      summary: p.summary,
      body: p.body,
      questions: p.questions,
      reference: formatReference({ type: p.type, code: addressee.code, number, year }),
      refNumber: number,
      refYear: year,
      sentAt: p.sentAt.toISOString(),
      sentDate,
      replyDeadline: deadline,
      replyStatus: deriveReplyStatus(received, deadline),
      firstReplyOn: firstReplyOn(received),
      publicationStatus: p.hold ? 'held' : retracted ? 'retracted' : published ? 'published' : 'scheduled',
      publishDueAt: due.toISOString(),
      publishedAt: published ? due.toISOString() : null,
      holdReason: p.hold?.reason ?? null,
      heldUntil: p.hold?.until ?? null,
      synthetic: p.synthetic,
      createdAt: new Date(p.sentAt.getTime() - 4 * DAY).toISOString(),
      createdBy: 'Benchmark Loader',
      mandates: p.signatories.map((s) => ({ slug: s.mandate, decidedBy: s.holder, decidedAt: new Date(p.sentAt.getTime() - 2 * DAY).toISOString() })),
      replies: received.map((r) => ({
        id: randomUUID(),
        receivedOn: r.receivedOn,
        kind: r.kind,
        language: r.language,
        summary: r.summary,
        recordedAt: `${r.receivedOn}T12:00:00.000Z`,
        recordedBy: 'Benchmark Loader',
      })),
    };
  });
}
