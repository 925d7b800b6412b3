import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { parseInput } from '../../commands/input.ts';
import { eventOf, placeOf } from '../../commands/register/register-records.ts';
import { findPlaces, listEvents } from '../../db/repositories/register-repository.ts';
import type { Place } from '../../domain/register/records.ts';
import { EVENT_TYPES, type EventType } from '../../domain/register/vocabulary.ts';
import { authorizeRegister } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { presentEvent, type EventView } from '../../presenters/register-presenter.ts';

const optional = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());
const partialDay = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date written YYYY, YYYY-MM or YYYY-MM-DD');

/** The events list's query: an event type, and the first and last start dates. */
export const eventListSchema = z.object({
  type: optional(z.enum(EVENT_TYPES)),
  from: optional(partialDay),
  to: optional(partialDay),
});

/** The events of the register in time order, as the reader may see them. */
export interface EventList {
  events: EventView[];
  /** The places the events name. */
  places: Record<string, Place>;
  filters: z.output<typeof eventListSchema>;
  /** The event types that occur (before the type filter), with how many events each, in the vocabulary's order. */
  types: Array<{ type: EventType; count: number }>;
}

/**
 * The register's events in time order (start date, then when recorded), optionally of one type and
 * starting within dates. Events are internal: everyone who may view the register sees them; their sources
 * (restricted) are not part of the list, so nothing is audited.
 */
export async function listRegisterEvents(ctx: AppContext, principal: Principal, query: unknown): Promise<EventList> {
  authorizeRegister(principal, 'view');
  const filters = parseInput(eventListSchema, query ?? {});
  const db = ctx.store.db;
  // `to` names the last start date it allows, to the day: "2022-01" is every day of January.
  const rows = await listEvents(db, { from: filters.from, to: filters.to ? `${filters.to}~` : undefined });
  const all = rows.map((r) => presentEvent(eventOf(r), new Set()));
  const counts = new Map<EventType, number>();
  for (const e of all) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  const types = EVENT_TYPES.filter((t) => counts.has(t)).map((type) => ({ type, count: counts.get(type)! }));
  const events = filters.type ? all.filter((e) => e.type === filters.type) : all;
  const places = Object.fromEntries((await findPlaces(db, events.flatMap((e) => e.placeIds))).map((p) => [p.id, placeOf(p)]));
  return { events, places, filters, types };
}
