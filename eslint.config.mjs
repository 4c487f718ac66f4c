// typescript-eslint on every TypeScript source; `npm run lint`. The import rules turn STYLE.md §15 into a check.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', 'data/**', '.cache/**', '**/*.d.ts', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      // `_name` marks a value left out on purpose (a destructured field dropped, an argument a signature needs).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Libraries never reach into an app or the test tree.
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/apps/**', '**/test/**'], message: 'libs import libs only (@keyward/*), never apps/ or test/' }] },
      ],
    },
  },
  {
    // Apps depend on libs, never on each other.
    files: ['apps/cli/**/*.ts', 'apps/audit-relay/**/*.ts', 'apps/console/**/*.ts', 'apps/console/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/src/**'], message: 'apps import libs (@keyward/*), never another app' }] },
      ],
    },
  },
  {
    files: ['apps/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/cli/src/**', '**/audit-relay/src/**', '**/console/src/**'],
              message: 'apps import libs (@keyward/*), never another app',
            },
          ],
        },
      ],
    },
  },
  {
    // Specs and test harnesses may use `any` for JSON bodies read off the wire.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'libs/testing/**/*.ts', '**/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
