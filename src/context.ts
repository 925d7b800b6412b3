import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import { openStore, storeOptionsFor, type Store, type StoreOptions } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { systemClock, type Clock } from './domain/clock.ts';
import type { PublicationPeriods } from './domain/publication.ts';
import type { CitationLibrary } from './reference/citation-library.ts';
import { loadCitationLibrary } from './reference/load-citation-library.ts';
import { loadReferenceData } from './reference/load-reference-data.ts';
import type { ReferenceData } from './reference/reference-data.ts';
import { loadKeyring, type Keyring } from './security/keys.ts';
import { attachmentSettings, type AttachmentSettings } from './files/attachment-limits.ts';

/** What every command, route and CLI verb works with: the store, the clock, the rules' settings, reference data. */
export interface AppContext {
  store: Store;
  clock: Clock;
  ref: ReferenceData;
  /** The instruments and documents letters cite. */
  citations: CitationLibrary;
  logger: Logger;
  /** The installation's secret keys (audit checkpoint signing, field encryption), kept outside the store. */
  keys: Keyring;
  /** Where attachments are stored (under the state directory) and their limits. */
  files: AttachmentSettings;
  settings: {
    replyDays: number;
    publication: PublicationPeriods;
    /** Session timeouts: idle minutes and absolute hours. */
    session: { idleMinutes: number; hours: number };
  };
}

/** Options for {@link createContext}; tests give their own store, clock and settings. */
export interface ContextOptions {
  store?: StoreOptions;
  clock?: Clock;
  logger?: Logger;
  migrate?: boolean;
  /** The keys to use instead of those of the configuration's state directory (tests keep theirs apart). */
  keys?: Keyring;
  /** The attachment store to use instead of the configuration's state directory (tests keep theirs apart). */
  files?: AttachmentSettings;
}

/**
 * Opens the store named by the configuration (or the options), migrates it, and loads the reference data.
 *
 * @example const ctx = await createContext(loadConfig()); … await ctx.store.close();
 */
export async function createContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  // Before the store is opened: an installation whose keys are missing or malformed does not start at all.
  const keys = options.keys ?? loadKeyring(config.varDir);
  const store = openStore(options.store ?? storeOptionsFor(config.databaseUrl, config.varDir));
  try {
    if (options.migrate !== false) await migrateToLatest(store);
  } catch (err) {
    await store.close();
    throw err;
  }
  return {
    store,
    clock: options.clock ?? systemClock,
    ref: loadReferenceData(),
    citations: loadCitationLibrary(),
    logger,
    keys,
    files: options.files ?? attachmentSettings(config.varDir),
    settings: {
      replyDays: config.replyDays,
      publication: { letterDays: config.publicationLetterDays, otherLetterHours: config.publicationOtherLetterHours },
      session: { idleMinutes: config.sessionIdleMinutes, hours: config.sessionHours },
    },
  };
}

/** The same context with another clock: demo data and imports act at the dates they record. */
export function withClock(ctx: AppContext, clock: Clock): AppContext {
  return { ...ctx, clock };
}
