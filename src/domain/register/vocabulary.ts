/**
 * The controlled vocabularies of the case register. Values are stable codes stored in the database and
 * used by the API; their labels live in the message catalogues (`src/i18n/messages/register/`). Act types
 * follow the HURIDOCS Events Standard Formats' "type of act" thesaurus, narrowed to the acts Special
 * Procedures write about; event types are those the communications describe.
 */

/** What kind of event happened. */
export const EVENT_TYPES = [
  'assembly',
  'dispersal',
  'use_of_force',
  'arrest_wave',
  'state_of_emergency',
  'curfew',
  'communications_shutdown',
  'attack_on_journalists',
  'military_deployment',
  'order_to_shoot',
  'trial',
  'other',
] as const;
/** An event type (see {@link EVENT_TYPES}). */
export type EventType = (typeof EVENT_TYPES)[number];

/** "Who did what to whom": the act a person suffered (HURIDOCS ESF act types, narrowed). */
export const ACT_TYPES = [
  'killing',
  'injury',
  'arbitrary_arrest_and_detention',
  'enforced_disappearance',
  'torture_or_ill_treatment',
  'harassment',
  'prosecution',
  'incommunicado_detention',
  'denial_of_counsel',
  'threat',
  'other',
] as const;
/** An act type (see {@link ACT_TYPES}). */
export type ActType = (typeof ACT_TYPES)[number];

/** Who is alleged to have done it. */
export const PERPETRATORS = [
  'security_forces',
  'police',
  'military',
  'national_security',
  'foreign_forces',
  'prison_staff',
  'judiciary',
  'unidentified_armed_individuals',
  'unknown',
] as const;
/** A perpetrator (see {@link PERPETRATORS}). */
export type Perpetrator = (typeof PERPETRATORS)[number];

/** How far an act is established. */
export const ACT_STATUSES = ['alleged', 'corroborated'] as const;
/** An act status. */
export type ActStatus = (typeof ACT_STATUSES)[number];

/** What a person does, as letters describe them. */
export const AFFILIATIONS = [
  'journalist',
  'human_rights_defender',
  'trade_unionist',
  'activist',
  'lawyer',
  'protester',
  'politician',
  'worker',
  'student',
  'other',
] as const;
/** An affiliation (see {@link AFFILIATIONS}). */
export type Affiliation = (typeof AFFILIATIONS)[number];

/** Sex as recorded (`x` for another or unstated by choice); unknown is null. */
export const SEXES = ['m', 'f', 'x'] as const;
/** A recorded sex. */
export type Sex = (typeof SEXES)[number];

/** The scripts of name variants (ISO 15924 codes, in lower case). */
export const SCRIPTS = ['cyrl', 'latn', 'arab'] as const;
/** A script. */
export type Script = (typeof SCRIPTS)[number];

/** Access to counsel and contact with family, as known. */
export const ACCESS_STATES = ['yes', 'no', 'unknown'] as const;
/** An access state. */
export type AccessState = (typeof ACCESS_STATES)[number];

/** Where a detention stands. `whereabouts_unknown` is derived when the last known place is not known. */
export const DETENTION_STATUSES = ['in_custody', 'whereabouts_unknown', 'released', 'convicted'] as const;
/** A detention status. */
export type DetentionStatus = (typeof DETENTION_STATUSES)[number];

/** Where a disappearance stands. */
export const DISAPPEARANCE_STATUSES = ['outstanding', 'clarified', 'closed'] as const;
/** A disappearance status. */
export type DisappearanceStatus = (typeof DISAPPEARANCE_STATUSES)[number];

/** What a figure counts. */
export const FIGURE_MEASURES = [
  'killed',
  'injured',
  'casualties',
  'detained',
  'arrested',
  'in_temporary_detention',
  'detained_with_court_authorization',
  'brought_to_police_stations',
  'assembled',
  'disappeared',
  'charged',
  'released',
] as const;
/** A figure's measure. */
export type FigureMeasure = (typeof FIGURE_MEASURES)[number];

/** Whose people a figure counts. */
export const FIGURE_POPULATIONS = [
  'all',
  'protesters',
  'protesters_and_activists',
  'security_forces',
  'law_enforcement',
  'military',
  'children',
  'journalists',
  'foreign_nationals',
] as const;
/** A figure's population. */
export type FigurePopulation = (typeof FIGURE_POPULATIONS)[number];

/** How a figure's count is qualified ("over 9,900", "close to 8,000"). */
export const FIGURE_QUALIFIERS = ['exact', 'over', 'under', 'approximately', 'close_to', 'at_least', 'up_to'] as const;
/** A figure's qualifier. */
export type FigureQualifier = (typeof FIGURE_QUALIFIERS)[number];

/** How precise a date is: the day, the month, the year; a range uses `end`. */
export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
/** A date precision. */
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** What kind of place. Facilities are places of detention. */
export const PLACE_KINDS = ['country', 'region', 'city', 'village', 'street', 'facility'] as const;
/** A place kind. */
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** Where a fact came from. */
export const SOURCE_KINDS = ['submission', 'communication', 'reply', 'list_import', 'official_statement', 'media', 'ngo_report', 'other'] as const;
/** A source kind. */
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** The records of the register, as the audit log and the links name them. */
export const REGISTER_RECORDS = ['event', 'person', 'act', 'detention', 'disappearance', 'figure', 'place', 'source', 'list_import', 'inquiry'] as const;
/** A register record type. */
export type RegisterRecord = (typeof REGISTER_RECORDS)[number];
