import type { Page } from '@playwright/test';

/** What one timed step saw: milliseconds from its start, and the main thread's long tasks. */
export type Step = { marks: Record<string, number>; longTasks: number[] };

/** An element to click or wait for: a CSS selector, narrowed by its text (spaces aside) if given. */
export type Target = { css: string; text?: string; textIncludes?: string };

/**
 * What a person does next, once `when` shows (noted as `mark` if given): after `delayMs`, click
 * `click`, or type `type` into `when` itself (an input).
 */
export type Action = {
  when: Target & { mark?: string };
  delayMs?: number;
  click?: Target;
  type?: string;
};

export type StepInput = {
  click: Target;
  then?: Action[];
  waits: (Target & { mark: string })[];
  /** How long to keep counting long tasks after the last mark. */
  settleMs: number;
};

/**
 * Runs inside the page: clicks, acts as a person would, then notes when each awaited element
 * first shows in a painted frame (no frame paints while the main thread is busy, so a freeze
 * counts in full), and which long tasks (over 50 ms) ran meanwhile.
 */
const stepInPage = async ({ click, then = [], waits, settleMs }: StepInput): Promise<Step> => {
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  const find = (target: Target): HTMLElement | undefined =>
    [...document.querySelectorAll<HTMLElement>(target.css)].find(
      (el) =>
        (target.text === undefined || el.textContent.replace(/\s/g, '') === target.text) &&
        (target.textIncludes === undefined || el.textContent.includes(target.textIncludes)),
    );
  const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  const painted = async (target: Target) => {
    while (!find(target)) await frame();
    await frame();
    return performance.now();
  };
  const start = performance.now();
  const marks: Record<string, number> = {};
  find(click)!.click();
  for (const action of then) {
    const shown = await painted(action.when);
    if (action.when.mark) marks[action.when.mark] = shown - start;
    if (action.delayMs) await new Promise((resolve) => setTimeout(resolve, action.delayMs));
    if (action.click) find(action.click)!.click();
    if (action.type !== undefined) {
      // As typing does: React reads the value through the input's own setter and an input event.
      const input = find(action.when) as HTMLInputElement;
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      input.focus();
      setValue.call(input, action.type);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }
  for (const wait of waits) marks[wait.mark] = (await painted(wait)) - start;
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  observer.disconnect();
  return { marks, longTasks };
};

export const step = (page: Page, input: StepInput) => page.evaluate(stepInPage, input);
