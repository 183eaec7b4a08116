import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './eslint.layers.js';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'test/output/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/**/*.ts', 'dialogs/**/*.ts'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/one-way': 'error' },
  },
  {
    // Dialogs follow the channel's capability flags, never its name.
    files: ['dialogs/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "BinaryExpression[operator=/^[!=]==?$/] > MemberExpression[property.name='channelId']",
          message: 'Dialogs read TurnInput.flags; they never branch on the channel id.',
        },
      ],
    },
  },
  prettier,
);
