import type { Translate } from '../../i18n/translate.ts';
import { siteHref, type PageLanguage } from '../view-models.ts';
import { registerPath } from './register-format.ts';

/**
 * The pieces every page of the register is made of: its sub-navigation, tables whose cells may link, and
 * charts that are each followed by the table of the same data (their accessible form).
 */

/** A cell of a register table. */
export interface Cell {
  text: string;
  href?: string;
  /** A short badge after the text (synthetic, vague…). */
  badge?: string;
  /** Muted lines under the text (other spellings, notes). */
  notes?: string[];
  /** `ltr` for references and codes that must not be reordered in right-to-left pages; `auto` for free text. */
  dir?: 'ltr' | 'auto';
  /** A `<time datetime>` for the cell's date. */
  datetime?: string;
  /** A number, aligned to the end. */
  numeric?: boolean;
  /** A fact that calls for attention (whereabouts unknown, no contact), marked in bold. */
  warn?: boolean;
}

/** A table: its caption, column heads, and rows (the first cell of each is the row's heading). */
export interface RegisterTable {
  caption: string;
  head: string[];
  rows: Cell[][];
}

/** A chart and its table: the SVG (every text in it escaped by its renderer), caption, note, and the data. */
export interface ChartBlock {
  id: string;
  caption: string;
  /** Null when there is nothing to draw (then `empty` says so). */
  svg: string | null;
  empty: string | null;
  notes: string[];
  table: RegisterTable;
}

/** An entry of the register's sub-navigation. */
export interface NavLink {
  href: string;
  label: string;
  current: boolean;
}

/** The register's sub-navigation, `here` marked current. */
export function registerNav(language: PageLanguage, t: Translate, here: string): NavLink[] {
  const entries: Array<[string, string]> = [
    [registerPath.overview, 'registerView.nav.overview'],
    [registerPath.events, 'registerView.nav.events'],
    [registerPath.figures, 'registerView.nav.figures'],
    [registerPath.persons, 'registerView.nav.persons'],
    [registerPath.detentions, 'registerView.nav.detentions'],
  ];
  return entries.map(([path, key]) => ({ href: siteHref(language, path), label: t(key), current: path === here }));
}

/** Links to the previous and next page of a list, keeping its filters; null where there is none. */
export function pagesOf(
  language: PageLanguage,
  t: Translate,
  path: string,
  params: Record<string, string | number | undefined | null>,
  page: number,
  pages: number,
): { previous: string | null; next: string | null; status: string } {
  return {
    previous: page > 1 ? siteHref(language, path, { ...params, page: page - 1 }) : null,
    next: page < pages ? siteHref(language, path, { ...params, page: page + 1 }) : null,
    status: t('pagination.status', { page, pages: Math.max(1, pages) }),
  };
}
