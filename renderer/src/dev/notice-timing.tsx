import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { draftNotice, openConsent, signConsent } from '../db/consents';
import { completeSetup } from '../db/setup';
import type { StoreContext } from '../db/write';
import { NoticeDocument } from '../features/consents/notice-document';
import { DEMO_SIGNATURES, planDemoVisit } from './demo-consent';
import { ownerActor } from './owner-actor';

/** Milliseconds of one notice's life: composed, signed, opened (hash re-checked), drawn. */
export type NoticeTiming = { draft: number; sign: number; open: number; render: number };

const since = (start: number) => performance.now() - start;

/**
 * Development builds only (tests/bench/consent.bench.ts): times each step of a notice with
 * `items` lines through the real repository functions and the real document component. Planning
 * the items is not timed. `render` includes style and layout (the document is measured in the page).
 */
export const timeNotices = async (
  ctx: StoreContext,
  options: { items: number; runs: number },
): Promise<NoticeTiming[]> => {
  if (!(await ctx.db.staff.count()))
    await completeSetup(ctx, {
      clinic: { name: '康宁口腔诊所', regionProvince: '44', regionCity: '深圳市' },
      owner: { username: 'bench', displayName: '基准测试', password: 'Owner#2026' },
    });
  const owner = await ownerActor(ctx);
  const host = document.createElement('div');
  document.body.append(host);
  const timings: NoticeTiming[] = [];
  for (let run = 0; run < options.runs; run++) {
    const { doctor, request } = await planDemoVisit(ctx, { items: options.items });
    let start = performance.now();
    const draft = await draftNotice(ctx, doctor, request);
    const draftMs = since(start);
    start = performance.now();
    const consent = await signConsent(ctx, doctor, {
      ...request,
      draftHash: draft.draftHash,
      signatures: DEMO_SIGNATURES,
    });
    const signMs = since(start);
    start = performance.now();
    const opened = await openConsent(ctx, owner, consent.id);
    const openMs = since(start);
    start = performance.now();
    const root = createRoot(host);
    flushSync(() =>
      root.render(
        <NoticeDocument
          content={opened.consent.content}
          signatures={opened.consent.signatures}
          signedAt={opened.consent.signedAt}
          contentHash={opened.consent.contentHash}
        />,
      ),
    );
    void host.offsetHeight; // forces style and layout, as showing it would
    const renderMs = since(start);
    root.unmount();
    timings.push({ draft: draftMs, sign: signMs, open: openMs, render: renderMs });
  }
  host.remove();
  return timings;
};
