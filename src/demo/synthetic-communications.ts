import { DateTime } from 'luxon';
import { REFERENCE_ZONE } from '../domain/geneva-time.ts';
import type { CommunicationType } from '../domain/reference.ts';
import type { ReplyKind } from '../domain/replies.ts';
import type { ReferenceData } from '../reference/reference-data.ts';
import { seededRandom, type Random } from './random.ts';

/** A communication to be written through the commands, with everything that happens to it over time. */
export interface CommunicationPlan {
  type: CommunicationType;
  addressee: string;
  /** Signing mandates in order, each with the holder who approves it. */
  signatories: Array<{ mandate: string; holder: string }>;
  language: 'en' | 'fr' | 'es';
  subject: string;
  summary: string;
  body: string;
  concerns?: string;
  annexText?: string;
  pressRelease?: boolean;
  victims?: Array<{ name: string; variants: string[]; publishName: boolean; publicForm: 'initials' | 'withheld' }>;
  questions: string[];
  synthetic: boolean;
  /** When it is sent; drafts and texts out for signature are created but not sent. */
  sentAt: Date;
  stopAt?: 'draft' | 'submitted';
  replies: Array<{ receivedOn: string; kind: ReplyKind; language: string; summary: string }>;
  /** An earlier communication (of the same plan list) that this one follows up. */
  follows?: CommunicationPlan;
  hold?: { reason: string; until: string };
  retract?: { reason: string };
}

/** Options of {@link generateSyntheticCommunications}. */
export interface GeneratorOptions {
  count: number;
  seed?: number;
  /** First and last possible sending dates (YYYY-MM-DD). */
  from: string;
  to: string;
  /** Fraction of plans that stop as drafts or texts out for signature (for the workspace). */
  unsentShare?: number;
}

// Addressees drawn for synthetic letters: a spread of regions, and non-State addressees.
const ADDRESSEES = [
  'BRA', 'USA', 'CAN', 'MEX', 'COL', 'GTM', 'IND', 'PAK', 'BGD', 'CHN', 'IRN', 'SAU', 'EGY', 'TUR', 'RUS', 'BLR',
  'UKR', 'GBR', 'FRA', 'ESP', 'NGA', 'KEN', 'ETH', 'ZWE', 'PHL', 'VNM', 'THA', 'MMR', 'KAZ', 'UZB', 'AZE', 'NIC',
];

interface Theme {
  mandates: string[];
  subjects: string[];
  questions: string[];
}

// Invented, generic situations: no real person, no real event.
const THEMES: Theme[] = [
  {
    mandates: ['wgad', 'sr-defenders', 'sr-torture'],
    subjects: ['Alleged arbitrary detention of a human rights defender', 'Incommunicado detention of a land rights activist', 'Pre-trial detention of environmental defenders'],
    questions: [
      'Please provide the legal basis for the arrest and detention and explain how they are compatible with international human rights law.',
      'Please provide information on the place of detention, the state of health of the detained persons and their access to counsel and family.',
    ],
  },
  {
    mandates: ['sr-expression', 'sr-defenders', 'sr-assembly'],
    subjects: ['Criminal proceedings against a journalist', 'Blocking of independent news websites', 'Restrictions on a peaceful assembly and arrests of organisers'],
    questions: [
      'Please explain how the measures comply with the requirements of legality, necessity and proportionality under article 19 of the ICCPR.',
      'Please indicate the steps taken to ensure that journalists can carry out their work without fear of reprisals.',
    ],
  },
  {
    mandates: ['sr-executions', 'sr-torture', 'sr-assembly'],
    subjects: ['Alleged killings of protesters by security forces', 'Death in custody and allegations of ill-treatment', 'Use of lethal force during the dispersal of a demonstration'],
    questions: [
      'Please provide the details and results of any investigation into the deaths, and explain whether it complied with the Minnesota Protocol.',
      'Please indicate the measures taken to ensure that force is used only when strictly necessary and proportionate.',
    ],
  },
  {
    mandates: ['wgeid', 'wgad'],
    subjects: ['Alleged enforced disappearance of a trade union leader', 'Fate and whereabouts of persons last seen in police custody'],
    questions: [
      'Please provide information on the fate and whereabouts of the persons concerned.',
      'Please indicate the steps taken to inform the families and to ensure the registration of all persons deprived of liberty.',
    ],
  },
  {
    mandates: ['sr-terrorism', 'sr-expression', 'sr-assembly', 'sr-privacy'],
    subjects: ['Draft counter-terrorism law with an overly broad definition of terrorism', 'Draft law on foreign funding of non-governmental organisations', 'Surveillance provisions of a new security law'],
    questions: [
      'Please explain how the draft law complies with the principle of legal certainty.',
      'Please indicate whether civil society was consulted in the drafting of the law.',
    ],
  },
  {
    mandates: ['sr-housing', 'sr-food', 'wg-business'],
    subjects: ['Forced evictions linked to an infrastructure project', 'Impact of a mining concession on access to food and water'],
    questions: [
      'Please provide information on the consultations held with the affected communities.',
      'Please indicate the remedies available to the persons affected.',
    ],
  },
];

// Invented names (no real person), in Latin and Cyrillic, for the victims of synthetic letters.
const INVENTED_NAMES = ['Amara Velenko', 'Tomas Oberlin', 'Жанар Сейтқали', 'Ильяс Бектурганов', 'Lucía Ferrandiz', 'Kofi Mensavo', 'Nadia Qaradi'];

const OTHER_LETTER_NOTE = 'The mandate holders comment on the compatibility of the provisions with international human rights law.';

/**
 * Generates realistic synthetic communications, seeded: the same options give the same plans. Every plan is
 * marked synthetic, its mandates have holders in office when it is decided and sent, and its events (replies,
 * holds, retractions, follow-ups) are spread as in a real register: replies on time, late and missing.
 * Serves the demo, the tests and the benchmarks.
 */
export function generateSyntheticCommunications(ref: ReferenceData, options: GeneratorOptions): CommunicationPlan[] {
  const random = seededRandom(options.seed ?? 20_220_118);
  const start = DateTime.fromISO(options.from, { zone: REFERENCE_ZONE });
  const days = Math.max(1, Math.floor(DateTime.fromISO(options.to, { zone: REFERENCE_ZONE }).diff(start, 'days').days));
  const plans: CommunicationPlan[] = [];
  let attempts = 0;
  while (plans.length < options.count && attempts++ < options.count * 20) {
    const sent = start.plus({ days: random.int(0, days), hours: random.int(8, 17), minutes: random.int(0, 59) });
    const plan = planOne(ref, random, sent, options.unsentShare ?? 0.05);
    if (plan) plans.push(plan);
  }
  plans.sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
  addFollowUps(plans, random);
  return plans;
}

function planOne(ref: ReferenceData, random: Random, sent: DateTime, unsentShare: number): CommunicationPlan | undefined {
  const theme = random.pick(THEMES);
  const decisionDay = sent.minus({ days: 2 }).toISODate() as string;
  const sentDay = sent.toISODate() as string;
  const inOffice = (slug: string) => {
    const holder = ref.holdersOn(slug, decisionDay)[0];
    return holder && ref.isHolderOnDate(slug, holder.name, sentDay) ? holder.name : undefined;
  };
  const available = theme.mandates.filter((m) => ref.mandate(m) && inOffice(m));
  if (available.length === 0) return undefined;
  const count = random.chance(0.4) ? 1 : random.int(1, available.length);
  const mandates = random.sample(available, count);
  const type: CommunicationType = theme.subjects[0]!.startsWith('Draft') && random.chance(0.7) ? 'OL' : random.chance(0.55) ? 'AL' : random.pick(['UA', 'OL'] as const);
  const addressee = random.chance(0.06) ? random.pick(ref.addressees().filter((a) => a.code === 'OTH').map((a) => a.id)) : random.pick(ADDRESSEES);
  const subject = random.pick(theme.subjects);
  const victim = type !== 'OL' && random.chance(0.35) ? random.pick(INVENTED_NAMES) : undefined;
  const withheld = victim !== undefined && random.chance(0.6);
  const stop = random.chance(unsentShare) ? random.pick(['draft', 'submitted'] as const) : undefined;
  const plan: CommunicationPlan = {
    type,
    addressee,
    signatories: mandates.map((m) => ({ mandate: m, holder: inOffice(m)! })),
    language: random.chance(0.8) ? 'en' : random.pick(['fr', 'es'] as const),
    subject,
    summary: `${subject}. ${type === 'OL' ? OTHER_LETTER_NOTE : 'Information received concerns events described by a source; the persons and details are invented for this demonstration.'}`,
    body:
      'This is a synthetic communication generated for demonstration and testing. It names no real person and describes no real event.' +
      (victim ? `\n\nAccording to the source, ${victim} was taken from home by officers in plain clothes; the family has not been told where ${victim} is held.` : ''),
    ...(victim && { victims: [{ name: victim, variants: [], publishName: !withheld, publicForm: 'initials' as const }] }),
    questions: theme.questions,
    synthetic: true,
    sentAt: sent.toJSDate(),
    replies: stop ? [] : plannedReplies(random, sent),
    ...(stop && { stopAt: stop }),
  };
  if (!stop && random.chance(0.02)) {
    plan.hold = { reason: 'Risk of reprisals against the family of a person named in the letter', until: sent.plus({ days: 120 }).toISODate() as string };
  } else if (!stop && random.chance(0.015)) {
    plan.retract = { reason: 'Published in error: the letter named a person whose consent had been withdrawn' };
  }
  return plan;
}

function plannedReplies(random: Random, sent: DateTime): CommunicationPlan['replies'] {
  const day = (n: number) => sent.plus({ days: n }).toISODate() as string;
  const roll = random.int(1, 100);
  const language = random.pick(['en', 'en', 'fr', 'es', 'ru', 'ar']);
  if (roll <= 45) return [];
  if (roll <= 50) return [{ receivedOn: day(random.int(5, 40)), kind: 'acknowledgment', language, summary: 'The Government acknowledges receipt of the communication.' }];
  const replies: CommunicationPlan['replies'] = [];
  if (random.chance(0.3)) replies.push({ receivedOn: day(random.int(3, 20)), kind: 'acknowledgment', language, summary: 'The Government acknowledges receipt and will reply in due course.' });
  const late = roll > 82;
  replies.push({
    receivedOn: day(late ? random.int(61, 240) : random.int(21, 60)),
    kind: random.chance(0.8) ? 'substantive' : 'partial',
    language,
    summary: 'The Government provides information on the legal framework and on the measures taken in the cases concerned.',
  });
  return replies;
}

function addFollowUps(plans: CommunicationPlan[], random: Random): void {
  plans.forEach((p, i) => {
    if (i === 0 || p.synthetic === false || !random.chance(0.06)) return;
    const earlier = plans.slice(0, i).findLastIndex((e) => e.addressee === p.addressee && !e.stopAt && e.sentAt.getTime() < p.sentAt.getTime() - 7 * 86_400_000);
    if (earlier >= 0) p.follows = plans[earlier];
  });
}
