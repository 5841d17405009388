import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The architecture's one direction of dependency, enforced (docs/architecture.md, "Layout"). */
const forbid = (...patterns) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: patterns.map((group) => ({
        group: Array.isArray(group) ? group : [group],
        message: 'crosses a layer boundary (see docs/architecture.md)',
      })),
    },
  ],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'dist-electron',
      'dist-cli',
      'release',
      'test-results',
      'playwright-report',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid('**/electron/**', 'electron', '**/server/**', 'node:*'),
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: forbid(
      '**/renderer/**',
      '**/electron/**',
      '**/server/**',
      'electron',
      'dexie',
      'node:*',
      'react',
    ),
  },
  { files: ['server/**/*.ts'], rules: forbid('**/renderer/**', '**/electron/**', 'electron') },
  // The desktop writes backup files with the same Node module as the CLI; the hub stays out.
  {
    files: ['electron/**/*.ts'],
    rules: forbid('**/renderer/**', ['**/server/*', '!**/server/backup']),
  },
  {
    files: ['tests/bench/**/*.ts', 'server/cli/**/*.ts', 'electron/build.mjs'],
    rules: { 'no-console': 'off' },
  },
);
