import type { z } from 'zod';
import type { changeDetentionSchema, recordTransferSchema } from '../../commands/register/change-detention.ts';
import type { recordActSchema } from '../../commands/register/record-act.ts';
import type { recordDetentionSchema } from '../../commands/register/record-detention.ts';
import type { recordDisappearanceSchema } from '../../commands/register/record-disappearance.ts';
import type { recordPersonSchema } from '../../commands/register/record-person.ts';

type WithoutRefs<T> = Omit<T, 'personId' | 'eventId' | 'actId' | 'sources' | 'version'>;

/** An act of an invented person; `event` is the key of an event of the reference letter. */
export interface SyntheticAct extends WithoutRefs<z.input<typeof recordActSchema>> {
  key: string;
  event?: string;
}

/**
 * An invented person and what befell them in the demo: the person (names in Cyrillic and Latin, each Latin
 * form noting what it transliterates and how), acts, a detention with its later transfers and changes, a
 * disappearance. `act` fields name the act (by key) a detention or disappearance follows from.
 */
export interface SyntheticPerson {
  key: string;
  person: Omit<z.input<typeof recordPersonSchema>, 'sources' | 'synthetic'>;
  acts: SyntheticAct[];
  detention?: WithoutRefs<z.input<typeof recordDetentionSchema>> & {
    act: string;
    transfers?: Array<Omit<z.input<typeof recordTransferSchema>, 'version' | 'sources'>>;
    later?: Omit<z.input<typeof changeDetentionSchema>, 'version' | 'sources'>;
  };
  disappearance?: WithoutRefs<z.input<typeof recordDisappearanceSchema>> & { act: string };
  /** Whether the person is linked to the reference letter (whose allegations their case illustrates). */
  linkToLetter: boolean;
}

const icao = (name: string, of = 0) => ({ name, script: 'latn' as const, transliterationOf: of, transliteration: 'icao9303' });
const kazakhLatin = (name: string, of = 0) => ({ name, script: 'latn' as const, transliterationOf: of, transliteration: 'kk_latn_2021' });
const spelledAs = (name: string, of = 0) => ({ name, script: 'latn' as const, transliterationOf: of });
const day = (value: string) => ({ value });

const KNB = 'National Security Committee (KNB)';
const POLICE = 'Police';
const PENITENTIARY = 'Penitentiary service of the Ministry of Internal Affairs';
const MASS_RIOTS = 'art. 272 Criminal Code (mass riots)';
const TERRORISM = 'art. 255 Criminal Code (act of terrorism)';

/**
 * The invented persons of the demo. THEY ARE INVENTED: every name is a common Kazakh given name joined to a
 * common family name for the demonstration, describes no real person, and is recorded with `synthetic`
 * set; their acts, detentions and disappearance cite one source only, which says they are invented. They
 * show what the register holds for the kinds of people the reference letter speaks of (trade union leaders
 * subjected to enforced disappearance, journalists, human rights defenders, activists, protesters): a man
 * and a woman sharing a family name (Жанбулатов / Жанбулатова, different persons), Latin forms per ICAO
 * 9303 and the 2021 Kazakh Latin alphabet, arrests by the police and by the National Security Committee,
 * charges under articles 272 and 255 of the Criminal Code, transfers between places of detention, one
 * ending in a place nobody would name (whereabouts unknown), detainees without access to counsel or
 * contact with their family, a release, a disappearance still outstanding, and a person whose identity is
 * withheld.
 */
export const SYNTHETIC_PERSONS: readonly SyntheticPerson[] = [
  {
    key: 'zhanbulatov',
    person: {
      names: [{ name: 'Ерлан Жанбулатов', script: 'cyrl' }, icao('Erlan Zhanbulatov'), spelledAs('Yerlan Zhanbulatov'), kazakhLatin('Erlan Janbulatov')],
      sex: 'm',
      birthYear: 1979,
      occupation: 'Oil field worker; chair of an independent trade union',
      affiliation: 'trade_unionist',
      homePlaceId: 'zhanaozen',
    },
    acts: [
      {
        key: 'arrest',
        type: 'arbitrary_arrest_and_detention',
        perpetrator: 'national_security',
        date: day('2022-01-06'),
        placeId: 'zhanaozen',
        event: 'civil-society',
        description: 'Taken from his home by officers in plain clothes who did not show a warrant, the day after the union called for a strike in support of the protesters.',
      },
      {
        key: 'disappearance',
        type: 'enforced_disappearance',
        perpetrator: 'national_security',
        date: day('2022-01-08'),
        placeId: 'zhanaozen',
        event: 'civil-society',
        description: 'Removed from the temporary detention facility at night; no authority acknowledges holding him since.',
      },
    ],
    detention: {
      act: 'arrest',
      arrested: day('2022-01-06'),
      arrestPlaceId: 'zhanaozen',
      arrestAuthority: KNB,
      counselAccess: 'no',
      familyContact: 'no',
      stays: [{ placeId: 'idf-zhanaozen', since: day('2022-01-06'), authority: POLICE }],
      transfers: [{ placeId: null, since: day('2022-01-08'), authority: KNB, note: 'Taken from the facility at night by officers in plain clothes; the facility would not say where.' }],
    },
    disappearance: {
      act: 'disappearance',
      lastSeen: day('2022-01-08'),
      lastSeenPlaceId: 'idf-zhanaozen',
      lastSeenBy: 'A fellow detainee, released on 9 January 2022, who saw him led out of the cells at night.',
      relativesSteps:
        'His wife asked the police of Zhanaozen, the regional department of the National Security Committee and the prosecutor’s office, in person and in writing, on 9, 10 and 12 January 2022; each said he was not held by them. A lawyer’s request to the prosecutor’s office had no answer by the time of the letter.',
    },
    linkToLetter: true,
  },
  {
    key: 'zhanbulatova',
    person: {
      names: [{ name: 'Гульнара Жанбулатова', script: 'cyrl' }, icao('Gulnara Zhanbulatova'), kazakhLatin('Gulnara Janbulatova')],
      sex: 'f',
      birthYear: 1982,
      occupation: 'School teacher',
      affiliation: 'activist',
      homePlaceId: 'zhanaozen',
    },
    acts: [
      {
        key: 'harassment',
        type: 'harassment',
        perpetrator: 'police',
        date: day('2022-01-12'),
        placeId: 'zhanaozen',
        event: 'civil-society',
        description: 'Summoned to the police station after asking about her husband’s whereabouts, and warned to stop speaking to journalists.',
      },
    ],
    linkToLetter: true,
  },
  {
    key: 'nurlanova',
    person: {
      names: [{ name: 'Асель Нурланова', script: 'cyrl' }, icao('Asel Nurlanova'), spelledAs('Assel Nurlanova')],
      sex: 'f',
      birthYear: 1993,
      occupation: 'Reporter for an online news outlet',
      affiliation: 'journalist',
      homePlaceId: 'almaty',
    },
    acts: [
      {
        key: 'injury',
        type: 'injury',
        perpetrator: 'security_forces',
        date: day('2022-01-05'),
        placeId: 'almaty',
        event: 'journalists-attacked',
        description: 'Hit in the leg by a rubber bullet while filming the dispersal in the city centre, wearing a vest marked PRESS.',
      },
      {
        key: 'arrest',
        type: 'arbitrary_arrest_and_detention',
        perpetrator: 'police',
        date: day('2022-01-08'),
        placeId: 'almaty',
        event: 'journalists-attacked',
        description: 'Arrested while filming the arrest of protesters, despite showing her press card; her telephone was taken.',
      },
    ],
    detention: {
      act: 'arrest',
      arrested: day('2022-01-08'),
      arrestPlaceId: 'almaty',
      arrestAuthority: POLICE,
      legalBasis: 'Administrative detention for breaching the rules of the state of emergency',
      health: 'Bruising of the left thigh from a rubber bullet; seen by a doctor after her release.',
      counselAccess: 'yes',
      familyContact: 'yes',
      stays: [{ placeId: 'idf-almaty', since: day('2022-01-08'), authority: POLICE }],
      later: { releasedOn: '2022-01-10' },
    },
    linkToLetter: true,
  },
  {
    key: 'kasymov',
    person: {
      names: [{ name: 'Дамир Касымов', script: 'cyrl' }, icao('Damir Kasymov'), spelledAs('Damir Kassymov')],
      sex: 'm',
      birthYear: 1990,
      occupation: 'Monitor with a local human rights organisation',
      affiliation: 'human_rights_defender',
      homePlaceId: 'almaty',
    },
    acts: [
      {
        key: 'arrest',
        type: 'arbitrary_arrest_and_detention',
        perpetrator: 'national_security',
        date: day('2022-01-07'),
        placeId: 'almaty',
        event: 'civil-society',
        description: 'Arrested at a checkpoint while documenting arrests of protesters; his notes and camera were seized.',
      },
      {
        key: 'ill-treatment',
        type: 'torture_or_ill_treatment',
        perpetrator: 'national_security',
        date: day('2022-01-08'),
        placeId: 'knb-almaty',
        description: 'Allegedly beaten during interrogation to make him name the organisers of the protests.',
      },
      {
        key: 'prosecution',
        type: 'prosecution',
        perpetrator: 'national_security',
        date: day('2022-01-09'),
        placeId: 'almaty',
        event: 'criminal-cases',
        description: 'Charged with organising mass riots; pre-trial detention authorised by an investigating judge.',
      },
    ],
    detention: {
      act: 'arrest',
      arrested: day('2022-01-07'),
      arrestPlaceId: 'almaty',
      arrestAuthority: KNB,
      legalBasis: 'Criminal Code, suspect of organising mass riots',
      charges: [MASS_RIOTS],
      courtAuthorised: true,
      courtAuthorisedOn: '2022-01-09',
      health: 'Reported bruising to the face and ribs after interrogation; his request for a medical examination had no answer.',
      counselAccess: 'no',
      familyContact: 'unknown',
      stays: [{ placeId: 'knb-almaty', since: day('2022-01-07'), authority: KNB }],
      transfers: [{ placeId: 'sizo-almaty', since: day('2022-01-14'), authority: PENITENTIARY }],
    },
    linkToLetter: true,
  },
  {
    key: 'baizhanov',
    person: {
      names: [{ name: 'Серік Байжанов', script: 'cyrl' }, { name: 'Серик Байжанов', script: 'cyrl' }, icao('Serik Baizhanov'), spelledAs('Serik Bayzhanov', 1)],
      sex: 'm',
      birthYear: 1975,
      occupation: 'Welder; member of an independent trade union',
      affiliation: 'trade_unionist',
      homePlaceId: 'aktau',
    },
    acts: [
      {
        key: 'arrest',
        type: 'arbitrary_arrest_and_detention',
        perpetrator: 'police',
        date: day('2022-01-09'),
        placeId: 'aktau',
        event: 'arrests-nationwide',
        description: 'Arrested at his workplace three days after speaking at the rally on Yntymaq Square.',
      },
    ],
    detention: {
      act: 'arrest',
      arrested: day('2022-01-09'),
      arrestPlaceId: 'aktau',
      arrestAuthority: POLICE,
      legalBasis: 'Criminal Code, suspect of taking part in mass riots',
      charges: [MASS_RIOTS],
      courtAuthorised: true,
      courtAuthorisedOn: '2022-01-11',
      health: 'Has diabetes; his family say he has not received his medication since his arrest.',
      counselAccess: 'yes',
      familyContact: 'no',
      stays: [
        { placeId: 'idf-aktau', since: day('2022-01-09'), authority: POLICE },
        { placeId: 'sizo-aktau', since: day('2022-01-11'), authority: PENITENTIARY },
      ],
    },
    linkToLetter: true,
  },
  {
    key: 'withheld',
    person: {
      names: [{ name: 'Айдос Мұхтаров', script: 'cyrl' }, icao('Aidos Mukhtarov')],
      sex: 'm',
      birthYear: 2001,
      occupation: 'University student',
      affiliation: 'student',
      homePlaceId: 'taraz',
      identityWithheld: true,
    },
    acts: [
      {
        key: 'arrest',
        type: 'arbitrary_arrest_and_detention',
        perpetrator: 'police',
        date: day('2022-01-06'),
        placeId: 'taraz',
        event: 'arrests-nationwide',
        description: 'Arrested near the city administration building on his way home from the university hostel.',
      },
      {
        key: 'ill-treatment',
        type: 'torture_or_ill_treatment',
        perpetrator: 'police',
        date: day('2022-01-06'),
        placeId: 'idf-taraz',
        description: 'Allegedly beaten on arrest and in the first hours of custody, and made to record a video confession.',
      },
      {
        key: 'prosecution',
        type: 'prosecution',
        perpetrator: 'police',
        date: day('2022-01-08'),
        placeId: 'taraz',
        event: 'criminal-cases',
        description: 'Charged with an act of terrorism and with taking part in mass riots.',
      },
    ],
    detention: {
      act: 'arrest',
      arrested: day('2022-01-06'),
      arrestPlaceId: 'taraz',
      arrestAuthority: POLICE,
      legalBasis: 'Criminal Code, suspect of an act of terrorism and of mass riots',
      charges: [TERRORISM, MASS_RIOTS],
      courtAuthorised: true,
      courtAuthorisedOn: '2022-01-08',
      health: 'Head injury and bruising reported after the arrest; treated in the medical unit of the facility.',
      counselAccess: 'no',
      familyContact: 'no',
      stays: [
        { placeId: 'idf-taraz', since: day('2022-01-06'), authority: POLICE },
        { placeId: 'sizo-taraz', since: day('2022-01-09'), authority: PENITENTIARY },
      ],
      transfers: [{ placeId: 'sizo-shymkent', since: day('2022-01-13'), authority: PENITENTIARY, note: 'The family learnt of the transfer only when a parcel was refused at the Taraz centre.' }],
    },
    linkToLetter: true,
  },
  {
    key: 'sarsenova',
    person: {
      names: [{ name: 'Мадина Сәрсенова', script: 'cyrl' }, { name: 'Мадина Сарсенова', script: 'cyrl' }, icao('Madina Sarsenova')],
      sex: 'f',
      birthYear: 1996,
      occupation: 'Civic activist',
      affiliation: 'activist',
      homePlaceId: 'uralsk',
    },
    acts: [
      {
        key: 'arrest',
        type: 'arbitrary_arrest_and_detention',
        perpetrator: 'police',
        date: day('2022-01-04'),
        placeId: 'uralsk',
        event: 'arrests-0104',
        description: 'Arrested at a peaceful gathering in the city centre.',
      },
    ],
    detention: {
      act: 'arrest',
      arrested: day('2022-01-04'),
      arrestPlaceId: 'uralsk',
      arrestAuthority: POLICE,
      legalBasis: 'Administrative detention for taking part in an unauthorised assembly',
      counselAccess: 'unknown',
      familyContact: 'no',
      stays: [{ placeId: 'idf-uralsk', since: day('2022-01-04'), authority: POLICE, note: 'Relatives were refused access, as the letter reports of those detained in Uralsk.' }],
    },
    linkToLetter: true,
  },
  {
    key: 'kaliev',
    person: {
      names: [{ name: 'Арман Қалиев', script: 'cyrl' }, icao('Arman Kaliev'), spelledAs('Arman Kaliyev'), kazakhLatin('Arman Qaliev')],
      sex: 'm',
      birthYear: 1988,
      occupation: 'Camera operator for a regional television channel',
      affiliation: 'journalist',
      homePlaceId: 'aktau',
    },
    acts: [
      {
        key: 'harassment',
        type: 'harassment',
        perpetrator: 'unknown',
        date: day('2022-01-05'),
        placeId: 'aktau',
        event: 'journalists-attacked',
        description: 'Surrounded by alleged rioters, forced to delete his footage; his camera was broken.',
      },
      {
        key: 'injury',
        type: 'injury',
        perpetrator: 'security_forces',
        date: day('2022-01-06'),
        placeId: 'aktau',
        event: 'aktau-0106',
        description: 'Wounded in the arm by stun grenade fragments while filming on the town square.',
      },
    ],
    linkToLetter: true,
  },
];
