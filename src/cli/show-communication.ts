import type { StaffCommunication } from '../presenters/communication-presenter.ts';

/** The plain-text view of one communication that `communications show` prints. */
export function showCommunication(v: StaffCommunication): string {
  const lines: string[] = [];
  lines.push(`${v.reference ?? '(draft — no reference until sent)'}    ${v.displayType}${v.synthetic ? '    [SYNTHETIC — not a real communication]' : ''}`);
  lines.push('');
  lines.push(`Addressee:    ${v.addressee.name} (${v.addressee.code})`);
  lines.push(`Sent:         ${v.sentDate ?? '—'}`);
  lines.push(`Status:       ${v.draftingStatus}`);
  if (v.sentDate) {
    lines.push(`Reply:        ${v.replyStatus}${v.replyOverdue ? ' (overdue)' : ''}; deadline ${v.replyDeadline}`);
    lines.push(`Publication:  ${v.publicationStatus}${v.publishedAt ? ` on ${v.publishedAt.slice(0, 10)}` : v.publishDueAt ? `, due ${v.publishDueAt.slice(0, 10)}` : ''}`);
    if (v.holdReason) lines.push(`Held:         ${v.holdReason}${v.heldUntil ? ` (review by ${v.heldUntil})` : ''}`);
  }
  lines.push(`Language:     ${v.language}`);
  lines.push('');
  lines.push(`Signing mandates (${v.mandates.length}):`);
  v.mandates.forEach((m, i) => {
    const decision = v.draftingStatus === 'sent' ? '' : `  [${m.decision}${m.decidedBy ? ` by ${m.decidedBy}` : ''}]`;
    lines.push(`  ${i + 1}. ${m.title}${decision}`);
  });
  lines.push('');
  lines.push(`Subject: ${v.subject}`);
  if (v.summary) lines.push('', v.summary);
  if (v.questions.length > 0) {
    lines.push('', `Questions (${v.questions.length}):`);
    v.questions.forEach((q, i) => lines.push(`  ${i + 1}. ${q}`));
  }
  if (v.replies.length > 0) {
    lines.push('', `Replies (${v.replies.length}):`);
    for (const r of v.replies) lines.push(`  ${r.receivedOn}  ${r.kind}  (${r.language})  ${r.summary}`);
  }
  if (v.follows.length > 0) lines.push('', `Follows up: ${v.follows.map((f) => f.reference ?? f.id).join(', ')}`);
  if (v.followedBy.length > 0) lines.push(`Followed up by: ${v.followedBy.map((f) => f.reference ?? f.id).join(', ')}`);
  lines.push('', 'History:');
  for (const h of v.history) {
    lines.push(`  ${h.at.slice(0, 16).replace('T', ' ')}Z  ${h.action.padEnd(12)} ${h.actor}${h.reason ? ` — ${h.reason}` : ''}`);
  }
  return lines.join('\n');
}
