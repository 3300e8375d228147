// Lint: typescript-eslint's recommended rules, plus the dependency direction of DESIGN.md.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noDom = { patterns: [{ group: ['../modes/*', '../build/*', 'reveal.js', 'reveal.js/*'], message: 'story/ and map/ must not depend on modes, build code or mode libraries (DESIGN.md).' }] };

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', '**/*.tmp.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { window: 'readonly', document: 'readonly', console: 'readonly', process: 'readonly' } },
  },
  // Node scripts and test servers; the benchmark also runs functions inside the page.
  { files: ['**/*.mjs'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  // Tests reshape raw JSON fixtures freely.
  { files: ['tests/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  { files: ['src/story/**/*.ts', 'src/map/**/*.ts'], rules: { 'no-restricted-imports': ['error', noDom] } },
  {
    files: ['src/modes/**/*.ts'],
    rules: {
      // Modes are thin adapters over story/ and map/; they never import each other.
      'no-restricted-imports': ['error', { patterns: [{ group: ['./*', '../build/*'], message: 'A mode must not import another mode or build code.' }] }],
    },
  },
);
