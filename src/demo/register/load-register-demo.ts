import { changeDetention, recordTransfer } from '../../commands/register/change-detention.ts';
import { confirmFigureCandidates, gazetteerPlaceInputs } from '../../commands/register/confirm-figure-candidates.ts';
import { linkCommunication } from '../../commands/register/link-communication.ts';
import { recordAct } from '../../commands/register/record-act.ts';
import { recordDetention } from '../../commands/register/record-detention.ts';
import { recordDisappearance } from '../../commands/register/record-disappearance.ts';
import { recordEvent } from '../../commands/register/record-event.ts';
import { recordPerson } from '../../commands/register/record-person.ts';
import { recordPlaces } from '../../commands/register/record-places.ts';
import type { SourceInput } from '../../commands/register/register-input.ts';
import type { AppContext } from '../../context.ts';
import { listEvents, sourcesOf } from '../../db/repositories/register-repository.ts';
import { letterLabel } from '../../domain/register/figure-from-candidate.ts';
import { loadGazetteer } from '../../importers/letter/load-gazetteer.ts';
import { SYSTEM, staff } from '../../policies/principal.ts';
import { getCommunication } from '../../queries/get-communication.ts';
import { demoDetentionPlaces } from './detention-places.ts';
import { REFERENCE_LETTER_EVENTS } from './reference-letter-events.ts';
import { eventKeyOfFigure, referenceLetterFigureCandidates } from './reference-letter-figures.ts';
import { SYNTHETIC_PERSONS, type SyntheticPerson } from './synthetic-persons.ts';

/** What {@link loadRegisterDemo} did. */
export interface RegisterDemoResult {
  loaded: boolean;
  places: number;
  events: number;
  figures: number;
  persons: number;
  reason?: string;
}

const OFFICER = staff('Demo Case Officer');
const INVENTED: SourceInput = { kind: 'other', label: 'Demonstration data: invented for the demo, not drawn from any source' };

/**
 * After the first record made with a new source, the rest cite that same source by id: one source row for
 * the letter, one for the invented records, as a person entering them would pick the source once.
 */
class SharedSource {
  private id: string | null = null;
  constructor(
    private readonly ctx: AppContext,
    private readonly source: SourceInput,
  ) {}

  /** The sources input of the next record. */
  get input(): SourceInput[] {
    return [this.id ? { id: this.id } : this.source];
  }

  /** Remembers the source of the record just made with {@link input}. */
  async madeWith(recordType: string, recordId: string): Promise<void> {
    if (this.id) return;
    this.id = (await sourcesOf(this.ctx.store.db, recordType, [recordId])).get(recordId)?.[0]?.id ?? null;
  }
}

/**
 * Loads the case register's demo after the reference letter (whose id is `letterId`) is in the store:
 * the places of the letter's gazetteer and a few invented places of detention; the events the letter
 * states (reference-letter-events.ts), each citing the letter and linked to it; every figure the letter
 * states, found by the letter importer in the letter and confirmed through `confirmFigureCandidates`, as
 * staff would, each attached to its event where obvious; and invented persons, marked synthetic, with their
 * acts, detentions, transfers and a disappearance (synthetic-persons.ts). Everything goes through the
 * commands with the context's clock, so it is audited like any other entry. A register that already holds
 * events of the letter's country is left alone, so loading is idempotent.
 */
export async function loadRegisterDemo(ctx: AppContext, letterId: string): Promise<RegisterDemoResult> {
  const gazetteer = loadGazetteer();
  if ((await listEvents(ctx.store.db, { countryCode: gazetteer.country.code })).length > 0) {
    return { loaded: false, places: 0, events: 0, figures: 0, persons: 0, reason: 'the register already holds events' };
  }
  const letter = await getCommunication(ctx, SYSTEM, letterId);
  const places = await recordPlaces(ctx, OFFICER, [...gazetteerPlaceInputs(gazetteer), ...demoDetentionPlaces(gazetteer)]);

  const fromLetter = new SharedSource(ctx, { kind: 'communication', label: letterLabel(letter.reference ?? letter.id, letter.type), communicationId: letterId });
  const events = new Map<string, string>();
  for (const e of REFERENCE_LETTER_EVENTS) {
    const { key, ...event } = e;
    const id = await recordEvent(ctx, OFFICER, { ...event, countryCode: gazetteer.country.code, sources: fromLetter.input });
    await fromLetter.madeWith('event', id);
    await linkCommunication(ctx, OFFICER, { communicationId: letterId, recordType: 'event', recordId: id });
    events.set(key, id);
  }

  const candidates = await referenceLetterFigureCandidates(ctx, letterId);
  const attached = candidates.flatMap((c, index) => {
    const eventId = events.get(eventKeyOfFigure(c) ?? '');
    return eventId ? [{ index, eventId }] : [];
  });
  const figures = await confirmFigureCandidates(ctx, OFFICER, { communicationId: letterId, candidates, events: attached }, { gazetteer });

  const invented = new SharedSource(ctx, INVENTED);
  for (const p of SYNTHETIC_PERSONS) await loadPerson(ctx, p, events, invented, letterId);

  return { loaded: true, places, events: events.size, figures: figures.recorded.length, persons: SYNTHETIC_PERSONS.length };
}

/** Records one invented person and what befell them, through the commands, in the order staff would. */
async function loadPerson(ctx: AppContext, p: SyntheticPerson, events: ReadonlyMap<string, string>, source: SharedSource, letterId: string): Promise<void> {
  const personId = await recordPerson(ctx, OFFICER, { ...p.person, synthetic: true, sources: source.input });
  await source.madeWith('person', personId);
  const acts = new Map<string, string>();
  for (const a of p.acts) {
    const { key, event, ...act } = a;
    acts.set(key, await recordAct(ctx, OFFICER, { ...act, personId, eventId: event ? (events.get(event) ?? null) : null, sources: source.input }));
  }
  if (p.detention) {
    const { act, transfers = [], later, ...detention } = p.detention;
    const id = await recordDetention(ctx, OFFICER, { ...detention, personId, actId: acts.get(act) ?? null, sources: source.input });
    // Each change is made on the version the one before it left.
    for (const [i, t] of transfers.entries()) await recordTransfer(ctx, OFFICER, id, { ...t, version: 1 + i });
    if (later) await changeDetention(ctx, OFFICER, id, { ...later, version: 1 + transfers.length });
  }
  if (p.disappearance) {
    const { act, ...disappearance } = p.disappearance;
    await recordDisappearance(ctx, OFFICER, { ...disappearance, personId, actId: acts.get(act) ?? null, sources: source.input });
  }
  if (p.linkToLetter) await linkCommunication(ctx, OFFICER, { communicationId: letterId, recordType: 'person', recordId: personId });
}
