import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/context.ts';
import type { Communication } from '../../src/domain/communication.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { readyAccount } from '../support/accounts.ts';
import { browserFor, type Browser } from '../support/http-session.ts';
import { testContext } from '../support/stores.ts';
import { sendNew } from '../support/workflow.ts';
import { seedRegister, type SeededRegister } from '../register/register-fixture.ts';

/**
 * The world of the register forms' tests: the register fixture (places, an event, persons, acts,
 * detentions, a disappearance, a figure), a sent letter (AL KAZ 1/2022), and a case officer and a mandate
 * holder signed in.
 */
export interface FormWorld {
  ctx: AppContext;
  clock: ManualClock;
  app: FastifyInstance;
  seed: SeededRegister;
  letter: Communication;
  officer: Browser;
  holder: Browser;
  close(): Promise<void>;
}

/** Builds a {@link FormWorld} on a fresh store of `dialect`. */
export async function formWorld(dialect: 'sqlite' | 'postgres'): Promise<FormWorld> {
  const { ctx, clock, close } = await testContext(dialect);
  const app = await buildApp(ctx);
  const seed = await seedRegister(ctx);
  const letter = await sendNew(ctx);
  const officer = await readyAccount(ctx, clock, { email: 'officer@example.org', displayName: 'Olga Officer', role: 'case_officer' });
  const holder = await readyAccount(ctx, clock, { email: 'holder@example.org', displayName: 'Elina Steinerte', role: 'mandate_holder', mandate: 'wgad' });
  return {
    ctx,
    clock,
    app,
    seed,
    letter,
    officer: browserFor(app, ctx, officer.sessionToken),
    holder: browserFor(app, ctx, holder.sessionToken),
    close: async () => {
      await app.close();
      await close();
    },
  };
}

/** Every form of the register: where it is shown and where it posts, for a seeded register. */
export function formRoutes(seed: SeededRegister): Array<{ get: string; post: string }> {
  return [
    { get: '/staff/register/events/new', post: '/staff/register/events/new' },
    { get: '/staff/register/persons/new', post: '/staff/register/persons/new' },
    { get: `/staff/register/persons/${seed.personId}/acts/new`, post: `/staff/register/persons/${seed.personId}/acts/new` },
    { get: `/staff/register/persons/${seed.personId}/detentions/new`, post: `/staff/register/persons/${seed.personId}/detentions/new` },
    { get: `/staff/register/detentions/${seed.detentionId}/transfer`, post: `/staff/register/detentions/${seed.detentionId}/transfer` },
    { get: `/staff/register/detentions/${seed.detentionId}/edit`, post: `/staff/register/detentions/${seed.detentionId}/edit` },
    { get: `/staff/register/persons/${seed.withheldId}/disappearances/new`, post: `/staff/register/persons/${seed.withheldId}/disappearances/new` },
    { get: `/staff/register/disappearances/${seed.disappearanceId}/status`, post: `/staff/register/disappearances/${seed.disappearanceId}/status` },
    { get: '/staff/register/figures/new', post: '/staff/register/figures/new' },
    { get: '/staff/register/places/new', post: '/staff/register/places/new' },
    { get: `/staff/register/links/new?recordType=person&recordId=${seed.personId}`, post: '/staff/register/links' },
  ];
}

/** The `Location` of a response, as a string. */
export function locationOf(res: { headers: Record<string, unknown> }): string {
  return String(res.headers.location ?? '');
}
