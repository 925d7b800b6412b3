import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IntlMessageFormat } from 'intl-messageformat';
import { ERRORS } from '../../src/errors.ts';
import { DEFAULT_LOCALE, LOCALES, LOCALE_CODES, directionOf, negotiateLocale } from '../../src/i18n/locales.ts';
import { CATALOGUES, createTranslator, formatDate, translator } from '../../src/i18n/translate.ts';
import { COMMUNICATION_TYPES, displayType } from '../../src/domain/reference.ts';
import { REPLY_KINDS, REPLY_STATUSES } from '../../src/domain/replies.ts';

const en = CATALOGUES[DEFAULT_LOCALE];

/** The names of the arguments a message uses (`{count, plural, …}` → count), found by walking its AST. */
function argumentsOf(message: string, lang: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: unknown[]): void => {
    for (const node of nodes as Array<{ value?: unknown; options?: Record<string, { value: unknown[] }> }>) {
      if (typeof node.value === 'string' && 'type' in node && (node as { type: number }).type !== 0) names.add(node.value);
      for (const option of Object.values(node.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, lang).getAst());
  return [...names].sort();
}

describe('message catalogues', () => {
  it('exist for the six UN languages, Arabic right to left', () => {
    assert.deepEqual(LOCALE_CODES, ['en', 'fr', 'es', 'ru', 'ar', 'zh']);
    for (const lang of LOCALE_CODES) assert.equal(directionOf(lang), lang === 'ar' ? 'rtl' : 'ltr');
    assert.equal(LOCALES.ar.nativeName, 'العربية');
  });

  it('finds the arguments of a message, inside plurals too', () => {
    assert.deepEqual(argumentsOf('{count, plural, one {# letter to {name}} other {# letters}} {total, number}', 'en'), ['count', 'name', 'total']);
    assert.deepEqual(argumentsOf('No arguments', 'en'), []);
  });

  for (const lang of LOCALE_CODES) {
    it(`${lang}: every key exists in English, every message parses, with the same arguments`, () => {
      const catalogue = CATALOGUES[lang];
      assert.ok(Object.keys(catalogue).length > 0);
      for (const [key, message] of Object.entries(catalogue)) {
        assert.ok(Object.hasOwn(en, key), `${lang}: "${key}" is not in en.json`);
        let args: string[] = [];
        assert.doesNotThrow(() => (args = argumentsOf(message, lang)), `${lang}: "${key}" does not parse`);
        assert.deepEqual(args, argumentsOf(en[key]!, 'en'), `${lang}: "${key}" uses other arguments than English`);
      }
    });
  }

  it('has a message for every error code, type, reply status and reply kind', () => {
    const keys = [
      ...Object.keys(ERRORS).map((code) => `error.${code}`),
      ...COMMUNICATION_TYPES.flatMap((type) => [`type.${type}`, `type.${displayType(type, 2)}`]),
      ...REPLY_STATUSES.map((s) => `replyStatus.${s}`),
      ...REPLY_KINDS.map((k) => `replyKind.${k}`),
      ...['publish', 'retract', 'correct'].map((a) => `history.${a}`),
    ];
    for (const key of keys) assert.ok(Object.hasOwn(en, key), `en.json lacks "${key}"`);
  });

  it('formats ICU plurals by each language’s rules', () => {
    assert.equal(translator('en')('home.total', { count: 1 }), '1 published communication');
    assert.equal(translator('en')('home.total', { count: 0 }), 'No published communications');
    assert.equal(translator('ru')('home.total', { count: 3 }), '3 опубликованных сообщения');
    assert.equal(translator('ru')('home.total', { count: 21 }), '21 опубликованное сообщение');
    assert.equal(translator('ar')('home.total', { count: 2 }), 'رسالتان منشورتان');
  });

  it('falls back to English for a missing translation, and to the key for a missing message', () => {
    const t = createTranslator('fr', { 'home.title': 'Communications' }, { 'home.title': 'Communications', 'nav.skip': 'Skip to main content' });
    assert.equal(t('nav.skip'), 'Skip to main content');
    assert.equal(t('no.such.key'), 'no.such.key');
    assert.equal(translator('xx')('nav.skip'), 'Skip to main content', 'an unknown language is English');
  });

  it('formats dates per language', () => {
    assert.equal(formatDate('en', '2022-01-18'), '18 January 2022');
    assert.equal(formatDate('fr', '2022-01-18'), '18 janvier 2022');
    assert.equal(formatDate('zh', '2022-01-18'), '2022年1月18日');
  });

  it('negotiates the language from ?lang= and Accept-Language', () => {
    assert.deepEqual(negotiateLocale('ar', 'fr'), { lang: 'ar', explicit: true });
    assert.deepEqual(negotiateLocale('xx', 'de-CH, fr;q=0.8, en;q=0.5'), { lang: 'fr', explicit: false });
    assert.deepEqual(negotiateLocale(undefined, 'en;q=0.2, zh-Hans-CN;q=0.9'), { lang: 'zh', explicit: false });
    assert.deepEqual(negotiateLocale(undefined, 'ru;q=0, de'), { lang: 'en', explicit: false });
    assert.deepEqual(negotiateLocale(['fr'], undefined), { lang: 'en', explicit: false });
  });
});
