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
    files: ['bin/**/*.js', 'test/**/*.js', '.config/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
