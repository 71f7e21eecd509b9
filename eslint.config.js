import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'artifacts/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-console': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The browser-free core must never reach for extension APIs.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: {
      'no-restricted-globals': ['error', 'chrome', 'browser'],
    },
  },
  {
    // The pairing state is a plain JSON object (it is persisted in storage.session), so
    // removing entries by key is the point.
    files: ['src/tracker/**'],
    rules: { '@typescript-eslint/no-dynamic-delete': 'off' },
  },
  {
    // CLIs, scripts and tests talk to the terminal on purpose.
    files: ['src/cli/**', 'scripts/**', 'test/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
);
