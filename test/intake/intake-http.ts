// Helpers for the intake pages: a visitor without an account (the form cookie and the CSRF token read from
// the page, as a browser without JavaScript has them), and multipart bodies built by hand.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { FORM_COOKIE } from '../../src/http/session-plugin.ts';

/** A file part of a multipart body. */
export interface FilePart {
  field: string;
  filename: string;
  contentType?: string;
  bytes: Buffer;
}

/** A multipart/form-data body: the fields (repeated for arrays), then the files. */
export function multipartBody(fields: Record<string, string | string[]>, files: FilePart[] = []): { payload: Buffer; contentType: string } {
  const boundary = `----intake${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${v}\r\n`, 'utf8'));
    }
  }
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.contentType ?? 'application/octet-stream'}\r\n\r\n`, 'utf8'));
    chunks.push(f.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The hidden `_csrf` of a page's form. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token in the page');
  return m[1]!;
}

/** The receipt code shown on a receipt page. */
export function receiptOf(html: string): string {
  const m = /id="receipt-code">([^<]+)</.exec(html);
  if (!m) throw new Error('no receipt code in the page');
  return m[1]!;
}

/** A visitor with no account, from one address: it keeps the form cookie the first page set. */
export class Visitor {
  cookie = '';
  csrf = '';
  constructor(
    private readonly app: FastifyInstance,
    readonly address = '203.0.113.7',
  ) {}

  /** GETs a page, keeping the form cookie and the form's token. */
  async open(url: string): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({ method: 'GET', url, remoteAddress: this.address, headers: this.cookie ? { cookie: this.cookie } : {} });
    const set = res.cookies.find((c) => c.name === FORM_COOKIE);
    if (set) this.cookie = `${FORM_COOKIE}=${set.value}`;
    if (res.statusCode === 200 && res.body.includes('name="_csrf"')) this.csrf = csrfOf(res.body);
    return res;
  }

  /** Posts an urlencoded form with the token. */
  form(url: string, fields: Record<string, string>): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.address,
      headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: this.csrf, ...fields }).toString(),
    });
  }

  /** Posts a multipart form with the token (first, as a browser sends the fields in order). */
  multipart(url: string, fields: Record<string, string | string[]>, files: FilePart[] = []): Promise<LightMyRequestResponse> {
    const body = multipartBody({ _csrf: this.csrf, ...fields }, files);
    return this.app.inject({ method: 'POST', url, remoteAddress: this.address, headers: { cookie: this.cookie, 'content-type': body.contentType }, payload: body.payload });
  }
}

/** The public reference of the submission a receipt page names. */
export function referenceOf(html: string): string {
  const m = /S-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(html);
  if (!m) throw new Error('no reference in the page');
  return m[0];
}
