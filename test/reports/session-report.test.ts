import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplyKind } from '../../src/domain/replies.ts';
import type { PublicRecord } from '../../src/presenters/communication-presenter.ts';
import { buildSessionReport, type SessionReport } from '../../src/reports/session-report.ts';

type Reply = { receivedOn: string; kind?: ReplyKind };

/** A public record as the public database stores it, with only what the report reads filled in. */
function record(
  reference: string,
  sentDate: string,
  options: { replies?: Reply[]; mandates?: string[]; addressee?: { id: string; code: string }; sentAt?: string; synthetic?: boolean } = {},
): PublicRecord {
  const type = reference.slice(0, 2) as PublicRecord['type'];
  const mandates = options.mandates ?? ['wgad'];
  const code = reference.split(' ')[1]!;
  return {
    reference,
    slug: reference.replace(/[ /]/g, '-'),
    type,
    displayType: mandates.length > 1 ? `J${type}` : type,
    joint: mandates.length > 1,
    addressee: options.addressee ?? { id: code, code },
    mandates,
    sentAt: options.sentAt ?? `${sentDate}T10:00:00.000Z`,
    sentDate,
    language: 'en',
    subject: `Subject of ${reference}`,
    summary: '',
    body: '',
    concerns: '',
    questions: [],
    replyStatus: 'none',
    replyDeadline: '',
    firstReplyOn: null,
    replies: (options.replies ?? []).map((r) => ({ receivedOn: r.receivedOn, kind: r.kind ?? 'substantive', language: 'en', summary: '' })),
    publishedAt: `${sentDate}T10:00:00.000Z`,
    history: [],
    synthetic: options.synthetic ?? false,
  };
}

const referencesA = (r: SessionReport) => r.sectionA.map((c) => c.reference);
const repliesB = (r: SessionReport) => r.sectionB.map((b) => `${b.letter.reference}@${b.reply.receivedOn}`);

describe('the report to a session', () => {
  it('takes its windows from the sessions calendar (the June 2022 session, the 50th)', () => {
    const report = buildSessionReport(50, [], '2022-11-29');
    assert.deepEqual(report.session, { year: 2022, slot: 'june', number: 50 });
    assert.deepEqual(report.windows, { sent: { from: '2021-12-01', to: '2022-02-28' }, replies: { from: '2022-02-01', to: '2022-04-30' } });
    assert.equal(report.provisional, false);
    assert.deepEqual(buildSessionReport(49, [], '2022-11-29').windows.sent, { from: '2021-06-01', to: '2021-11-30' });
  });

  it('is provisional until the last day of its reply window', () => {
    assert.equal(buildSessionReport(50, [], '2022-04-30').provisional, true);
    assert.equal(buildSessionReport(50, [], '2022-05-01').provisional, false);
  });

  it('lists in section A exactly the communications sent in the window, first and last days included, in date order', () => {
    const records = [
      record('AL KAZ 9/2022', '2022-02-28'),
      record('AL KAZ 8/2021', '2021-11-30'),
      record('AL KAZ 1/2022', '2022-01-18'),
      // Sent at 00:30 in Geneva on 1 December (23:30 UTC the day before): its Geneva date decides.
      record('UA BRA 4/2021', '2021-12-01', { sentAt: '2021-11-30T23:30:00.000Z' }),
      record('AL KAZ 10/2022', '2022-03-01'),
    ];
    const report = buildSessionReport(50, records, '2022-11-29');
    assert.deepEqual(referencesA(report), ['UA BRA 4/2021', 'AL KAZ 1/2022', 'AL KAZ 9/2022']);
    assert.deepEqual(report.sectionA.map((c) => c.session), [50, 50, 50]);
    assert.deepEqual(report.sectionB, [], 'letters without replies give section B nothing');
  });

  it('counts the replies received by the end of the reply window, and marks later ones with the report that counts them', () => {
    const report = buildSessionReport(
      50,
      [
        record('AL KAZ 1/2022', '2022-01-18', { replies: [{ receivedOn: '2022-05-01' }, { receivedOn: '2022-04-30', kind: 'partial' }] }),
        record('AL KAZ 2/2022', '2022-01-20', { replies: [{ receivedOn: '2022-01-25', kind: 'acknowledgment' }] }),
        record('AL KAZ 3/2022', '2022-01-21', { replies: [{ receivedOn: '2022-05-01' }] }),
        record('AL KAZ 4/2022', '2022-02-28', { replies: [{ receivedOn: '2022-02-28' }] }),
      ],
      '2022-11-29',
    );
    const [first, acknowledged, late, sameDay] = report.sectionA;
    assert.deepEqual(first!.replies.map((r) => [r.receivedOn, r.inWindow, r.reportedIn]), [['2022-04-30', true, 50], ['2022-05-01', false, 51]]);
    assert.equal(first!.repliedInWindow, true);
    assert.equal(acknowledged!.repliedInWindow, false, 'an acknowledgment alone is not a reply');
    assert.equal(late!.repliedInWindow, false, 'a reply after the reply window is not counted');
    assert.equal(sameDay!.repliedInWindow, true, 'a reply before the reply window opens still counts for its letter');
    assert.equal(report.statistics.replied, 2);
    assert.equal(report.statistics.replyRate, 0.5);
  });

  it('lists in section B the replies received in the reply window to communications of earlier reports', () => {
    const earlier = record('AL RUS 5/2021', '2021-11-15', {
      replies: [{ receivedOn: '2022-01-31' }, { receivedOn: '2022-02-01' }, { receivedOn: '2022-04-30', kind: 'acknowledgment' }, { receivedOn: '2022-05-01' }],
    });
    const older = record('UA CHN 2/2019', '2019-04-02', { replies: [{ receivedOn: '2022-03-15', kind: 'partial' }] });
    const report = buildSessionReport(50, [older, earlier], '2022-11-29');
    assert.deepEqual(repliesB(report), ['AL RUS 5/2021@2022-02-01', 'UA CHN 2/2019@2022-03-15', 'AL RUS 5/2021@2022-04-30']);
    assert.deepEqual(report.sectionB.map((b) => b.letter.session), [49, 42, 49]);
    assert.deepEqual(report.sectionA, []);
    assert.deepEqual(report.statistics.earlier, {
      replies: 3,
      communications: 2,
      byKind: [{ kind: 'substantive', count: 1 }, { kind: 'partial', count: 1 }, { kind: 'acknowledgment', count: 1 }],
    });
    // The same letter's replies in the neighbouring reports: January in its own (49), May in the next one (51).
    assert.deepEqual(buildSessionReport(49, [earlier], '2022-11-29').sectionA[0]!.replies.filter((r) => r.inWindow).map((r) => r.receivedOn), ['2022-01-31']);
    assert.deepEqual(repliesB(buildSessionReport(51, [earlier], '2022-11-29')), ['AL RUS 5/2021@2022-05-01']);
  });

  it('has statistics tables whose sums equal the rows', () => {
    const glencore = { id: 'oth-glencore', code: 'OTH' };
    const microsoft = { id: 'oth-microsoft', code: 'OTH' };
    const records = [
      record('AL KAZ 1/2022', '2022-01-18', { mandates: ['sr-assembly', 'wgad', 'sr-torture'], replies: [{ receivedOn: '2022-03-01' }] }),
      record('UA KAZ 2/2022', '2022-01-19', { mandates: ['wgad'] }),
      record('OL BRA 1/2022', '2022-02-02', { mandates: ['sr-torture', 'wgad'], replies: [{ receivedOn: '2022-02-20' }] }),
      record('AL OTH 1/2022', '2022-02-03', { addressee: glencore, mandates: ['wg-business'] }),
      record('AL OTH 2/2022', '2022-02-04', { addressee: microsoft, mandates: ['wg-business', 'sr-privacy'], replies: [{ receivedOn: '2022-06-01' }] }),
      record('UA EGY 9/2021', '2021-12-24', { mandates: ['sr-torture'], replies: [{ receivedOn: '2021-12-30', kind: 'acknowledgment' }] }),
    ];
    const { statistics: s, sectionA, mandates } = buildSessionReport(50, records, '2022-11-29');
    const sum = (rows: Array<{ count: number; replied: number }>) => rows.reduce((a, r) => ({ count: a.count + r.count, replied: a.replied + r.replied }), { count: 0, replied: 0 });
    const all = { count: sectionA.length, replied: sectionA.filter((c) => c.repliedInWindow).length };
    assert.deepEqual(all, { count: 6, replied: 2 });
    assert.deepEqual({ count: s.communications, replied: s.replied }, all);
    assert.deepEqual(sum(s.byType), all);
    assert.deepEqual(s.byType.map((r) => [r.type, r.count, r.replied]), [['AL', 3, 1], ['UA', 2, 0], ['OL', 1, 1]]);
    assert.deepEqual(sum([s.joint.joint, s.joint.single]), all);
    assert.deepEqual(s.joint, { joint: { count: 3, replied: 2 }, single: { count: 3, replied: 0 } });
    assert.deepEqual(sum(s.byAddressee), all);
    assert.deepEqual(s.byAddressee.map((r) => [r.addressee.id, r.count]), [['KAZ', 2], ['BRA', 1], ['EGY', 1], ['oth-glencore', 1], ['oth-microsoft', 1]], 'non-State addressees sharing OTH are apart');
    assert.deepEqual(sum(s.byMandate), {
      count: sectionA.reduce((n, c) => n + c.mandates.length, 0),
      replied: sectionA.filter((c) => c.repliedInWindow).reduce((n, c) => n + c.mandates.length, 0),
    });
    assert.deepEqual(s.byMandate.slice(0, 2).map((r) => [r.mandate, r.count, r.replied]), [['sr-torture', 3, 2], ['wgad', 3, 2]]);
    assert.deepEqual(mandates.toSorted(), ['sr-assembly', 'sr-privacy', 'sr-torture', 'wg-business', 'wgad']);
    assert.equal(s.replyRate, 2 / 6);
  });

  it('has no reply rate when nothing was sent', () => {
    const { statistics } = buildSessionReport(50, [], '2022-11-29');
    assert.equal(statistics.communications, 0);
    assert.equal(statistics.replyRate, null);
    assert.deepEqual(statistics.byType.map((r) => r.count), [0, 0, 0]);
  });

  it('counts every reply in exactly one report: with its letter when in time, else in section B of the report of its window', () => {
    // A deterministic spread of letters over three years, each with up to three replies up to a year later.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const day = (from: string, days: number) => new Date(Date.parse(`${from}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const records = Array.from({ length: 120 }, (_v, i) => {
      const sent = day('2020-01-01', Math.floor(next() * 1095));
      const replies = Array.from({ length: Math.floor(next() * 4) }, () => ({ receivedOn: day(sent, Math.floor(next() * 365)) }));
      return record(`AL KAZ ${i + 1}/${sent.slice(0, 4)}`, sent, { replies });
    });
    const seen = new Map<string, number>();
    let sent = 0;
    for (let n = 40; n <= 58; n++) {
      const report = buildSessionReport(n, records, '2024-12-01');
      sent += report.sectionA.length;
      for (const c of report.sectionA) for (const r of c.replies.filter((x) => x.inWindow)) seen.set(`${c.reference}@${r.receivedOn}`, (seen.get(`${c.reference}@${r.receivedOn}`) ?? 0) + 1);
      for (const key of repliesB(report)) seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    assert.equal(sent, records.length, 'every letter is in the section A of one report');
    const expected = records.flatMap((r) => r.replies.map((reply) => `${r.reference}@${reply.receivedOn}`));
    assert.ok(expected.length > 100);
    assert.deepEqual([...seen.keys()].sort(), [...new Set(expected)].sort());
    // Two replies of one letter on the same day count as two; the key then appears twice.
    for (const key of new Set(expected)) assert.equal(seen.get(key), expected.filter((k) => k === key).length, key);
  });
});
