import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['.worktrees/**', '**/dist/**', '**/node_modules/**', 'playground/.strapi/**', 'playground/types/**', 'playground/.tmp/**', 'coverage/**', 'bench/results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['admin/**/*.{ts,tsx}', 'playground/src/admin/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The admin reads the shared contracts as types only: their zod schemas stay out of the admin bundle.
    files: ['admin/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/shared/contracts', '**/shared/contracts/*'], allowTypeImports: true, message: 'Import contracts with `import type`; run-time values live in shared/constants.' }] },
      ],
    },
  },
  {
    files: ['tests/**/*.{ts,js}', 'bench/**/*.{ts,js}'],
    languageOptions: { globals: { ...globals.jest, ...globals.node } },
  }
);
