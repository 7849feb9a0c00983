// Lint rules for the UI: JS + TypeScript + Svelte recommended sets, and the IPC seam rule: only
// src/lib/ipc/ may import @tauri-apps/api.
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

export default ts.config(
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  { languageOptions: { globals: { ...globals.browser, ...globals.node } } },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: ['src/lib/ipc/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tauri-apps/api', '@tauri-apps/api/*'],
              message: 'Go through src/lib/ipc (the IPC seam).',
            },
          ],
        },
      ],
    },
  },
  { ignores: ['dist/', 'node_modules/', 'src/lib/ipc/bindings.ts', 'src/lib/ipc/commands.ts'] },
);
