// The project's own code, linted by the test command (test/unit/self-lint.test.ts).
import tseslint from 'typescript-eslint';
import oneLineObjects from './scripts/lint/one-line-objects.mjs';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'test/fixtures/**', 'test-artifacts/**', 'reports/**', '.cluster/**', 'docs/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { house: { rules: { 'one-line-objects': oneLineObjects } } },
    rules: {
      // A leading underscore names what a destructuring leaves out on purpose (`const { summary: _summary, ...rest }`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      eqeqeq: 'error',
      'no-var': 'error',
      'prefer-const': 'error',
      'house/one-line-objects': 'error',
    },
  },
);
