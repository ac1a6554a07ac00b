import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'letters/**', 'coverage/**', '.tmp-*/**', 'test/bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Matching control characters is the point where it happens: input is checked for them.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      // Only the CLI layer talks to the process; the library returns values.
      'no-restricted-globals': ['error', { name: 'process', message: 'only src/cli may use process' }],
      'no-restricted-imports': ['error', { paths: ['commander', 'chalk'] }],
    },
  },
  {
    // Code that runs for every letter or every line of one. V8 in Node 20 gives an object literal
    // that starts with a spread and goes on ({ ...a, b }) a hidden class of its own every time it
    // runs; those classes live in the old generation until a full collection, and in a batch of
    // 10,000 letters they were most of what grew the main thread's heap. Spread last, or list
    // the fields.
    files: ['src/compose/**/*.ts', 'src/letter/**/*.ts', 'src/plan/**/*.ts', 'src/render/**/*.ts', 'src/template/**/*.ts', 'src/workers/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ObjectExpression > SpreadElement:first-child ~ *',
          message: 'an object literal that starts with a spread makes a new hidden class each time it runs: put the spread last, list the fields, or use Object.assign({}, a, b)',
        },
      ],
    },
  },
  {
    files: ['bin/**/*.js', 'test/**/*.js', '.config/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
