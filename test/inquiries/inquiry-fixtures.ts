// The register the inquiry tests ask about: Жанбулатов Нурлан (1985) held in a place of detention, with
// sentinel strings in the names, places, authority and health that no public answer may ever contain; a
// namesake born in 1962, a woman of the same family, and a person of another family.
import type { AppContext } from '../../src/context.ts';
import { recordDetention } from '../../src/commands/register/record-detention.ts';
import { recordDisappearance } from '../../src/commands/register/record-disappearance.ts';
import { recordPerson } from '../../src/commands/register/record-person.ts';
import { recordPlaces } from '../../src/commands/register/record-places.ts';
import { STORE_TABLES } from '../../src/db/backup/copy-store.ts';
import { staff } from '../../src/policies/principal.ts';

/** Strings that exist only in the register: a public answer that contains one leaked the register. */
export const SENTINELS = {
  name: 'Qzxsentinelname Vwqperson',
  place: 'QZX-SENTINEL-FACILITY',
  authority: 'QZX-SENTINEL-AUTHORITY',
  health: 'QZX-SENTINEL-HEALTH: broken ribs',
  stayNote: 'QZX-SENTINEL-STAY-NOTE',
  lastSeenBy: 'QZX-SENTINEL-LAST-SEEN-BY',
} as const;

/** The register person's name as written in the register (Cyrillic): never on a public page either. */
export const REGISTER_NAME = 'Жанбулатов Нурлан';

/** The ids of the fixture's persons. */
export interface InquiryRegister {
  nurlan: string;
  namesake: string;
  sister: string;
  other: string;
}

/** Records the fixture's places, persons, a detention with two stays and a disappearance, as a case officer. */
export async function seedRegister(ctx: AppContext): Promise<InquiryRegister> {
  const officer = staff('Register Officer');
  await recordPlaces(ctx, officer, [
    { id: 'kaz', kind: 'country', name: 'Kazakhstan', countryCode: 'KAZ' },
    { id: 'almaty', kind: 'city', name: 'Almaty', parentId: 'kaz', countryCode: 'KAZ' },
    { id: 'sentinel-facility', kind: 'facility', name: SENTINELS.place, parentId: 'almaty', countryCode: 'KAZ' },
  ]);
  const nurlan = await recordPerson(ctx, officer, { names: [{ name: REGISTER_NAME }, { name: SENTINELS.name }], sex: 'm', birthYear: 1985, synthetic: true });
  const namesake = await recordPerson(ctx, officer, { names: [{ name: 'Жанбулатов Нурлан' }], sex: 'm', birthYear: 1962, synthetic: true });
  const sister = await recordPerson(ctx, officer, { names: [{ name: 'Жанбулатова Айгуль' }], sex: 'f', birthYear: 1987, synthetic: true });
  const other = await recordPerson(ctx, officer, { names: [{ name: 'Иванов Пётр' }], sex: 'm', birthYear: 1985, synthetic: true });
  await recordDetention(ctx, officer, {
    personId: nurlan,
    arrested: { value: '2022-01-06' },
    arrestPlaceId: 'almaty',
    arrestAuthority: SENTINELS.authority,
    charges: ['Criminal Code art. 272'],
    health: SENTINELS.health,
    stays: [
      { placeId: 'almaty', since: { value: '2022-01-06' }, authority: 'Police', note: '' },
      { placeId: 'sentinel-facility', since: { value: '2022-01-08' }, authority: SENTINELS.authority, note: SENTINELS.stayNote },
    ],
  });
  await recordDisappearance(ctx, officer, { personId: namesake, lastSeen: { value: '2022-01' }, lastSeenPlaceId: 'almaty', lastSeenBy: SENTINELS.lastSeenBy });
  return { nurlan, namesake, sister, other };
}

/** Every row of every table, as JSON: a string absent from it is stored nowhere in clear. */
export async function allRows(ctx: AppContext): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const t of STORE_TABLES) out[t] = await ctx.store.db.selectFrom(t).selectAll().execute();
  return JSON.stringify(out);
}

/** A complete, valid inquiry about Nurlan Zhanbulatov, born 1985, as the command takes it. */
export function inquiryInput(extra: { inquirer?: Record<string, unknown>; subject?: Record<string, unknown>; language?: string } = {}) {
  return {
    language: extra.language ?? 'en',
    inquirer: { name: 'Aigerim Inquirerova', relation: 'relative', email: 'aigerim.inquirer@example.org', phone: '', address: '', language: 'Qazaq tili', ...extra.inquirer },
    subject: { names: ['Nurlan Zhanbulatov'], birthYear: 1985, lastSeenOn: '6 January 2022', lastSeenPlace: 'Republic Square, Almaty', detainedBy: 'men in plain clothes', details: 'He went to the square and did not come back.', ...extra.subject },
  };
}
