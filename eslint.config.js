import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'storybook-static', 'node_modules', 'coverage', '.tmp', 'examples/*/dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // eslint-plugin-react-hooks' whole recommended set (the React Compiler's rules: refs read or
    // written during render, setState in effects, impure render, ...) where React code lives.
    files: ['{src,stories,examples}/**/*.{ts,tsx}'],
    rules: {
      ...reactHooks.configs.flat['recommended-latest'].rules,
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['scripts/**', '*.{js,mjs,ts}', '.storybook/**', 'examples/**/server/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The framework-free layer: no React, no DOM, so it runs on any server.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react/*', 'react-dom/*', '../hooks/*', '../components/*'],
              message: 'src/core is framework-free: no React, hooks or components.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'Buffer'],
    },
  },
  {
    // The one message catalogue: framework-free like core, so a Server Component can import it.
    files: ['src/messages/**/*.ts'],
    ignores: ['src/messages/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react/*', 'react-dom/*', '../*'],
              message: 'src/messages is framework-free and self-contained: no React, no other layer.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'Buffer'],
    },
  },
  {
    // Helpers that hooks and components share: they may not reach into either layer.
    files: ['src/internal/**/*.ts'],
    ignores: ['src/internal/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../hooks/*', '../components/*', '*.css'],
              message: 'src/internal is shared by hooks and components: it imports neither.',
            },
          ],
        },
      ],
    },
  },
  {
    // Headless hooks hold behaviour and accessibility, not styles or themed components.
    files: ['src/hooks/**/*.{ts,tsx}'],
    ignores: ['src/hooks/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../components/*', '*.css'],
              message: 'Hooks are headless: they may not import components or styles.',
            },
          ],
        },
      ],
    },
  },
);
