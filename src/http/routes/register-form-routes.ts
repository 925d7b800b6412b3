import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { changeDetention, recordTransfer } from '../../commands/register/change-detention.ts';
import { linkCommunication } from '../../commands/register/link-communication.ts';
import { recordAct } from '../../commands/register/record-act.ts';
import { recordDetention } from '../../commands/register/record-detention.ts';
import { changeDisappearance, recordDisappearance } from '../../commands/register/record-disappearance.ts';
import { recordEvent } from '../../commands/register/record-event.ts';
import { recordFigure } from '../../commands/register/record-figure.ts';
import { recordPerson } from '../../commands/register/record-person.ts';
import { recordPlaces } from '../../commands/register/record-places.ts';
import type { AppContext } from '../../context.ts';
import { formatDate, translator, type Translate } from '../../i18n/translate.ts';
import { FIGURE_MEASURES } from '../../domain/register/vocabulary.ts';
import { AppError, type ErrorCode } from '../../errors.ts';
import type { Principal } from '../../policies/principal.ts';
import { isOfficer } from '../../policies/surface-policy.ts';
import { accountLanguage, accountShell } from '../../web/account-shell.ts';
import { actForm, actInputOf } from '../../web/register-forms/act-form.ts';
import { detentionChangeForm, detentionChangeInputOf, detentionChangeValues } from '../../web/register-forms/detention-change-form.ts';
import { detentionForm, detentionInputOf } from '../../web/register-forms/detention-form.ts';
import {
  disappearanceForm,
  disappearanceInputOf,
  disappearanceStatusForm,
  disappearanceStatusInputOf,
  disappearanceStatusValues,
} from '../../web/register-forms/disappearance-form.ts';
import { eventForm, eventInputOf } from '../../web/register-forms/event-form.ts';
import { figureForm, figureInputOf } from '../../web/register-forms/figure-form.ts';
import { registerFormPage, type FormPageParts } from '../../web/register-forms/form-page.ts';
import {
  auditFormReads,
  describeRecord,
  loadDetention,
  loadDisappearance,
  loadFormOptions,
  loadPersonSubject,
  loadPlace,
  resolveCommunication,
  type PersonSubject,
} from '../../web/register-forms/form-records.ts';
import type { RegisterFormSpec } from '../../web/register-forms/form-spec.ts';
import { readValues, textOf, type FormValues } from '../../web/register-forms/form-values.ts';
import { placeLabel } from '../../web/register-forms/form-view.ts';
import { linkForm, linkInputOf } from '../../web/register-forms/link-form.ts';
import { personForm, personInputOf } from '../../web/register-forms/person-form.ts';
import { placeForm, placeInputOf } from '../../web/register-forms/place-form.ts';
import { transferForm, transferInputOf } from '../../web/register-forms/transfer-form.ts';
import type { FormBody } from '../../web/staff-forms.ts';
import { siteHref, type PageLanguage, type SiteOptions } from '../../web/view-models.ts';
import { toAppError } from '../error-handler.ts';
import { requirePrincipal } from '../guards.ts';
import { htmlErrorHandler, sendPrivateHtml } from '../html.ts';

/** The page of a person of the register. */
const personPath = (id: string) => `/staff/register/persons/${encodeURIComponent(id)}`;
/** The page of an event of the register. */
const eventPath = (id: string) => `/staff/register/events/${encodeURIComponent(id)}`;

const PLACE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Errors a form shows beside itself; anything else (not found, sign-in, server faults) gets its own page. */
function isFormError(err: AppError): boolean {
  return err.status < 500 && !['NOT_FOUND', 'FORBIDDEN', 'SIGN_IN_REQUIRED', 'CSRF_INVALID'].includes(err.code);
}

type Params = { id?: string };

/** What a form shows on its first showing: the values (a record as it stands) and facts about it. */
interface Initial {
  values: FormValues;
  facts?: Array<{ label: string; value: string }>;
  notice?: string | null;
}

/** One form of the register: where it is, what it is about, what it shows first, and what it runs. */
interface FormRoute<L> {
  /** The address of the form (GET, and POST unless `postUrl`). */
  url: string;
  /** Where the form posts, when not to its own address. */
  postUrl?: string;
  spec: RegisterFormSpec;
  /** Message keys of the heading and the button. */
  title: string;
  submit: string;
  /** Loads what the form is about (the person, the detention): NOT_FOUND when it is not there. */
  load(principal: Principal, request: FastifyRequest): Promise<L>;
  /** The first showing's values and facts; may record audited reads of what it shows. */
  initial?(principal: Principal, loaded: L, request: FastifyRequest, t: Translate, lang: PageLanguage): Promise<Initial>;
  /** The page's subject line and back link. */
  parts?(loaded: L, t: Translate, lang: PageLanguage): Pick<FormPageParts, 'subject' | 'back'>;
  /** The person whose acts the form offers. */
  personOf?(loaded: L): string;
  /** Error messages more telling than the code's own, by code. */
  messages?: Partial<Record<ErrorCode, string>>;
  /** Runs the form's command; returns where to go next. */
  run(principal: Principal, values: FormValues, loaded: L): Promise<string>;
}

/**
 * The forms that write the case register, server-rendered and working without JavaScript: new events,
 * persons, acts, detentions, transfers and changes of a detention, disappearances and their status,
 * figures, places, and links between communications and records. Case officers only (anyone else signed
 * in gets the 404 of a missing page; the public, the sign-in page). Every write goes through the
 * register's commands, which validate, authorize and audit; a refused form (an impossible date, an end
 * before its start, an unknown place, a missing name, a detention changed meanwhile, an expired form) is
 * shown again as it was typed, with the error beside the field at fault, and nothing is written. A form
 * that succeeds leads (303) to the record's page.
 */
export function registerFormRoutes(ctx: AppContext, site: SiteOptions): FastifyPluginAsync {
  return async (app) => {
    const htmlErrors = htmlErrorHandler(site);
    /** How each form is shown again after a refused POST, by its route's address. */
    const again = new Map<string, (request: FastifyRequest, reply: FastifyReply, error: AppError) => Promise<FastifyReply>>();

    // An expired form (CSRF) is refused before the handler runs: a case officer gets the form back as
    // typed, with a fresh token, rather than losing a long description. Nothing is written either way.
    app.setErrorHandler(async (err, request, reply) => {
      const e = toAppError(err);
      const show = request.method === 'POST' && e.code === 'CSRF_INVALID' ? again.get(request.routeOptions.url ?? '') : undefined;
      if (show) {
        try {
          return await show(request, reply, e);
        } catch {
          // Not an officer, or the record is gone: the plain error page.
        }
      }
      return htmlErrors(err, request, reply);
    });

    function form<L>(route: FormRoute<L>): void {
      const page = async (request: FastifyRequest, reply: FastifyReply, principal: Principal, loaded: L, values: FormValues, extra: { error?: AppError; facts?: Initial['facts']; notice?: string | null }, status: number) => {
        const language = accountLanguage(request);
        const t = translator(language.lang);
        const options = await loadFormOptions(ctx, principal, route.spec.needs, language.lang, route.personOf?.(loaded));
        const path = route.postUrl ?? request.url.split('?')[0]!;
        const view = registerFormPage(t, route.spec, values, options, {
          heading: t(route.title),
          ...route.parts?.(loaded, t, language),
          facts: extra.facts ?? [],
          action: siteHref(language, path),
          csrf: request.csrfToken(),
          submitLabel: t(route.submit),
          error: extra.error ?? null,
          messages: route.messages ?? {},
          reloadHref: siteHref(language, request.url.split('?')[0]!),
          notice: extra.notice ?? null,
        });
        return sendPrivateHtml(reply, accountShell(request, view.heading, '/staff/register', site), 'register-form-page', view, status);
      };

      const refused = async (request: FastifyRequest, reply: FastifyReply, error: AppError) => {
        const principal = requirePrincipal(request, isOfficer);
        const loaded = await route.load(principal, request);
        const values = readValues(request.body as FormBody, route.spec.fields, route.spec.lists);
        return page(request, reply, principal, loaded, values, { error }, error.status);
      };
      again.set(route.postUrl ?? route.url, refused);

      app.get(route.url, async (request, reply) => {
        const principal = requirePrincipal(request, isOfficer);
        const loaded = await route.load(principal, request);
        const language = accountLanguage(request);
        const first = route.initial ? await route.initial(principal, loaded, request, translator(language.lang), language) : { values: {} };
        return page(request, reply, principal, loaded, { ...route.spec.empty, ...first.values }, { facts: first.facts ?? [], notice: first.notice ?? null }, 200);
      });

      app.post(route.postUrl ?? route.url, async (request, reply) => {
        const principal = requirePrincipal(request, isOfficer);
        const loaded = await route.load(principal, request);
        const values = readValues(request.body as FormBody, route.spec.fields, route.spec.lists);
        let to: string;
        try {
          to = await route.run(principal, values, loaded);
        } catch (err) {
          const e = toAppError(err);
          if (!isFormError(e)) throw err;
          return page(request, reply, principal, loaded, values, { error: e }, e.status);
        }
        return reply.redirect(to, 303);
      });
    }

    const idOf = (request: FastifyRequest) => (request.params as Params).id ?? '';
    const personParts = (p: PersonSubject, t: Translate, language: PageLanguage) => ({
      subject: p.name ?? t('registerForm.identityWithheld'),
      back: { href: siteHref(language, personPath(p.id)), label: t('registerForm.back.person') },
    });
    const loadPerson = (principal: Principal, request: FastifyRequest) => loadPersonSubject(ctx, principal, idOf(request));
    const detentionMessages: Partial<Record<ErrorCode, string>> = { CONFLICT: 'registerForm.error.detentionChanged' };

    // ---- Events, persons, figures, places ----------------------------------------------------------------

    form({
      url: '/staff/register/events/new',
      spec: eventForm,
      title: 'registerForm.title.event',
      submit: 'registerForm.submit.event',
      load: async () => null,
      parts: (_l, t, language) => ({ back: { href: siteHref(language, '/staff/register/events'), label: t('registerForm.back.events') } }),
      run: async (principal, values) => eventPath(await recordEvent(ctx, principal, eventInputOf(values))),
    });

    form({
      url: '/staff/register/persons/new',
      spec: personForm,
      title: 'registerForm.title.person',
      submit: 'registerForm.submit.person',
      load: async () => null,
      parts: (_l, t, language) => ({ back: { href: siteHref(language, '/staff/register'), label: t('registerForm.back.register') } }),
      run: async (principal, values) => personPath(await recordPerson(ctx, principal, personInputOf(values))),
    });

    form({
      url: '/staff/register/figures/new',
      spec: figureForm,
      title: 'registerForm.title.figure',
      submit: 'registerForm.submit.figure',
      load: async () => null,
      // `?measure=killed` opens the form on that measure, its figures first among those it may be part of.
      initial: async (_p, _l, request) => {
        const measure = textOf(readValues(request.query as FormBody, ['measure']), 'measure');
        const values: FormValues = (FIGURE_MEASURES as readonly string[]).includes(measure) ? { measure } : {};
        return { values };
      },
      parts: (_l, t, language) => ({ back: { href: siteHref(language, '/staff/register/figures'), label: t('registerForm.back.figures') } }),
      run: async (principal, values) => {
        await recordFigure(ctx, principal, figureInputOf(values));
        return '/staff/register/figures';
      },
    });

    form({
      url: '/staff/register/places/new',
      spec: placeForm,
      title: 'registerForm.title.place',
      submit: 'registerForm.submit.place',
      load: async () => null,
      // After a place is added the form comes back empty, saying so: places are often added in a row.
      initial: async (_p, _l, request, t) => {
        const added = textOf(readValues(request.query as FormBody, ['added']), 'added');
        const place = PLACE_ID.test(added) ? await loadPlace(ctx, added) : null;
        return { values: {}, notice: place ? t('registerForm.placeAdded', { name: placeLabel(place), id: place.id }) : null };
      },
      parts: (_l, t, language) => ({ back: { href: siteHref(language, '/staff/register'), label: t('registerForm.back.register') } }),
      messages: { CONFLICT: 'registerForm.error.placeExists' },
      run: async (principal, values) => {
        const place = placeInputOf(values);
        const added = await recordPlaces(ctx, principal, [place]);
        // Places already there are kept as they are: an id that is taken is this form's error.
        if (added === 0) throw new AppError('CONFLICT', `a place "${place.id}" is already in the register`, { field: 'id' });
        return `/staff/register/places/new?added=${encodeURIComponent(place.id)}`;
      },
    });

    // ---- A person's acts, detentions and disappearances ---------------------------------------------------

    form({
      url: '/staff/register/persons/:id/acts/new',
      spec: actForm,
      title: 'registerForm.title.act',
      submit: 'registerForm.submit.act',
      load: loadPerson,
      parts: personParts,
      run: async (principal, values, person) => {
        await recordAct(ctx, principal, actInputOf(person.id, values));
        return personPath(person.id);
      },
    });

    form({
      url: '/staff/register/persons/:id/detentions/new',
      spec: detentionForm,
      title: 'registerForm.title.detention',
      submit: 'registerForm.submit.detention',
      load: loadPerson,
      parts: personParts,
      personOf: (person) => person.id,
      run: async (principal, values, person) => {
        await recordDetention(ctx, principal, detentionInputOf(person.id, values));
        return personPath(person.id);
      },
    });

    form({
      url: '/staff/register/persons/:id/disappearances/new',
      spec: disappearanceForm,
      title: 'registerForm.title.disappearance',
      submit: 'registerForm.submit.disappearance',
      load: loadPerson,
      parts: personParts,
      personOf: (person) => person.id,
      run: async (principal, values, person) => {
        await recordDisappearance(ctx, principal, disappearanceInputOf(person.id, values));
        return personPath(person.id);
      },
    });

    // ---- Changes of a detention and of a disappearance -------------------------------------------------------

    const loadDetentionOf = async (principal: Principal, request: FastifyRequest) => {
      const detention = await loadDetention(ctx, principal, idOf(request));
      return { detention, person: await loadPersonSubject(ctx, principal, detention.personId) };
    };

    form({
      url: '/staff/register/detentions/:id/transfer',
      spec: transferForm,
      title: 'registerForm.title.transfer',
      submit: 'registerForm.submit.transfer',
      load: loadDetentionOf,
      parts: ({ person }, t, language) => personParts(person, t, language),
      // Where the person is held now is restricted: showing it is a read, recorded before the page leaves.
      initial: async (principal, { detention }, _request, t, language) => {
        const last = detention.stays[detention.stays.length - 1];
        const facts: Initial['facts'] = [];
        if (last) {
          const place = await loadPlace(ctx, last.placeId);
          facts.push({ label: t('registerForm.fact.heldAt'), value: place ? placeLabel(place) : t('registerForm.option.unknownPlace') });
          facts.push({ label: t('registerForm.fact.since'), value: last.since.precision === 'day' ? formatDate(language.lang, last.since.value) : last.since.value });
          if (detention.currentAuthority) facts.push({ label: t('registerForm.fact.authority'), value: detention.currentAuthority });
          await auditFormReads(ctx, principal, 'detention', detention.id, ['detention_place']);
        }
        return { values: { version: String(detention.version) }, facts };
      },
      messages: detentionMessages,
      run: async (principal, values, { detention }) => {
        await recordTransfer(ctx, principal, detention.id, transferInputOf(values));
        return personPath(detention.personId);
      },
    });

    form({
      url: '/staff/register/detentions/:id/edit',
      spec: detentionChangeForm,
      title: 'registerForm.title.detentionChange',
      submit: 'registerForm.submit.detentionChange',
      load: loadDetentionOf,
      parts: ({ person }, t, language) => personParts(person, t, language),
      // The form shows the health note as it stands: a read of a restricted field, recorded first.
      initial: async (principal, { detention }) => {
        if (detention.health !== '') await auditFormReads(ctx, principal, 'detention', detention.id, ['health']);
        return { values: detentionChangeValues(detention) };
      },
      messages: detentionMessages,
      run: async (principal, values, { detention }) => {
        await changeDetention(ctx, principal, detention.id, detentionChangeInputOf(values));
        return personPath(detention.personId);
      },
    });

    form({
      url: '/staff/register/disappearances/:id/status',
      spec: disappearanceStatusForm,
      title: 'registerForm.title.disappearanceStatus',
      submit: 'registerForm.submit.disappearanceStatus',
      load: async (principal, request) => {
        const disappearance = await loadDisappearance(ctx, principal, idOf(request));
        return { disappearance, person: await loadPersonSubject(ctx, principal, disappearance.personId) };
      },
      parts: ({ person }, t, language) => personParts(person, t, language),
      // What the relatives did and how the fate was clarified are restricted: showing them is a read.
      initial: async (principal, { disappearance: d }) => {
        if (d.relativesSteps !== '' || d.clarification !== '') await auditFormReads(ctx, principal, 'disappearance', d.id, ['relatives']);
        return { values: disappearanceStatusValues(d) };
      },
      messages: { CONFLICT: 'registerForm.error.disappearanceChanged' },
      run: async (principal, values, { disappearance }) => {
        await changeDisappearance(ctx, principal, disappearance.id, disappearanceStatusInputOf(values));
        return personPath(disappearance.personId);
      },
    });

    // ---- Links between communications and records ------------------------------------------------------------

    form({
      url: '/staff/register/links/new',
      postUrl: '/staff/register/links',
      spec: linkForm,
      title: 'registerForm.title.link',
      submit: 'registerForm.submit.link',
      load: async () => null,
      // `?recordType=person&recordId=…` (a record's page links here) fills the record in and names it.
      initial: async (principal, _l, request, t) => {
        const q = readValues(request.query as FormBody, ['recordType', 'recordId']);
        const record = await describeRecord(ctx, principal, textOf(q, 'recordType'), textOf(q, 'recordId'));
        const facts = record ? [{ label: t(`registerForm.recordType.${record.kind}`), value: (record.kind === 'act' ? t(`registerForm.actType.${record.text}`) : record.text) ?? t('registerForm.identityWithheld') }] : [];
        const values: FormValues = record ? { recordType: record.kind, recordId: textOf(q, 'recordId').trim().toLowerCase() } : {};
        return { values, facts };
      },
      run: async (principal, values) => {
        const communicationId = await resolveCommunication(ctx, textOf(values, 'communication'));
        await linkCommunication(ctx, principal, linkInputOf(communicationId, values));
        const record = await describeRecord(ctx, principal, textOf(values, 'recordType'), textOf(values, 'recordId'));
        if (record?.kind === 'event') return eventPath(textOf(values, 'recordId').trim().toLowerCase());
        return record?.personId ? personPath(record.personId) : '/staff/register';
      },
    });
  };
}
