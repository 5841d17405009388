import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../shared/demo/demo-store';
import { generateStaff } from '../../shared/demo/generate-staff';
import { DEFAULT_SEED } from '../../server/cli/seed-options';

/** The repository's docs stand alone: every relative link and picture in them resolves. */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const docs = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** Markdown text without fenced code blocks and inline code, where a "link" is only an example. */
const prose = (markdown: string): string =>
  markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');

/** The targets of `[text](target)`, `![alt](target)` and `<img src="target">`. */
const linkTargets = (markdown: string): string[] => {
  const text = prose(markdown);
  const targets: string[] = [];
  for (const match of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
    targets.push(match[1]!);
  for (const match of text.matchAll(/<img\s[^>]*src="([^"]+)"/g)) targets.push(match[1]!);
  return targets;
};

/** Links that leave the repository on purpose (web pages, mail) or stay on the page. */
const isExternal = (target: string) =>
  /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#');

/** Whether git ignores the path (a link to it would break on a fresh clone); undefined without git. */
const gitIgnores = (path: string): boolean | undefined => {
  try {
    execFileSync('git', ['check-ignore', '-q', path], { cwd: root, stdio: 'ignore' });
    return true;
  } catch (error) {
    const status = (error as { status?: number }).status;
    return status === 1 ? false : undefined;
  }
};

describe('links in README.md and docs/*.md', () => {
  it('finds the docs and their links', () => {
    expect(docs).toEqual(expect.arrayContaining(['README.md', 'docs/architecture.md']));
    expect(
      linkTargets('See [a](docs/a.md), ![b](images/b.png "B") and `[c](nowhere.md)`.'),
    ).toEqual(['docs/a.md', 'images/b.png']);
  });

  it.each(docs)('%s: every relative link and image points to a file in the repository', (doc) => {
    const broken: string[] = [];
    for (const target of linkTargets(readFileSync(join(root, doc), 'utf8'))) {
      if (isExternal(target)) continue;
      const path = decodeURIComponent(target.split('#')[0]!);
      const absolute = resolve(root, dirname(doc), path);
      const inside = relative(root, absolute);
      if (inside.startsWith('..') || inside.split(sep)[0] === 'node_modules') {
        broken.push(`${target} (outside the repository)`);
      } else if (!existsSync(absolute)) {
        broken.push(`${target} (no such file)`);
      } else if (gitIgnores(inside) === true) {
        broken.push(`${target} (git-ignored: not in a clone)`);
      }
    }
    expect(broken, `broken links in ${doc}`).toEqual([]);
  });
});

describe('demo logins', () => {
  const usernames = generateStaff({ seed: DEFAULT_SEED, setupDate: '2021-01-01' }).map(
    (member) => member.username,
  );

  const givingPassword = docs.filter((doc) =>
    readFileSync(join(root, doc), 'utf8').includes(DEMO_PASSWORD),
  );

  it('the demo password is given in the README and the user guide', () => {
    expect(givingPassword).toEqual(expect.arrayContaining(['README.md', 'docs/用户手册.md']));
  });

  it.each(givingPassword)('%s gives the demo usernames where it gives the demo password', (doc) => {
    const text = readFileSync(join(root, doc), 'utf8');
    expect(usernames.filter((username) => !text.includes(`\`${username}\``))).toEqual([]);
  });
});
