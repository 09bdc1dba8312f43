// ESLint with typescript-eslint's type-checked rules across the workspace.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'e2e/test-results/**',
      'bench/results/**',
      'scripts/**',
      'apps/web/scripts/**',
      // plain scripts served as they are, outside every tsconfig (the theme's before-first-paint script)
      'apps/web/public/**',
      '**/*.config.ts',
      'eslint.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Adapters implement an async port with synchronous bodies (SQLite), and Fastify plugins are async by
      // contract: an async function without await is intended here.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.tsx', 'apps/web/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // The shared test helpers are a devDependency of tests, e2e and the bench: shipped code never imports them.
    files: ['apps/*/src/**/*.{ts,tsx}', 'packages/schema/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@pairchat/testing', '@pairchat/testing/*'], message: 'test helpers are for tests' }] },
      ],
    },
  },
  {
    // …and they import no app: they start the server as a process (packages/testing/src/server-process.ts).
    files: ['packages/testing/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/apps/**', '@pairchat/server', '@pairchat/web'], message: 'start apps, do not import them' },
          ],
        },
      ],
    },
  },
  {
    // Tests read untyped JSON answers on purpose: asserting their shape is the test.
    files: ['**/test/**/*.ts', '**/*.test.ts', 'e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
