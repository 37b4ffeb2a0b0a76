// The repository's lint rules, plus Node's globals for the example's Node code (its server,
// scripts, end-to-end tests and benchmark). ESLint 10 uses the config nearest to each file.
import globals from 'globals';
import root from '../../eslint.config.js';

export default [
  ...root,
  {
    files: ['server/**', 'scripts/**', 'e2e/**', 'bench/**', '*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The browser app.
    files: ['src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
];
