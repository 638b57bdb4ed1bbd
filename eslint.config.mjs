// `npm run lint`: typescript-eslint, React hooks, sorted imports, one clock, and lines a reader can see whole.
import reactHooks from 'eslint-plugin-react-hooks';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import tseslint from 'typescript-eslint';

// The time of day comes from the ledger's clock (main/core/clock.ts; the ledger day in renderer/components/today.ts).
const ONE_CLOCK = [
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'Read the time from the ledger clock.',
  },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Read the time from the ledger clock (or performance.now() for a duration).',
  },
  {
    selector: "CallExpression[callee.name='dayjs'][arguments.length=0]",
    message: "Use today() from renderer/components/today.ts: the ledger's day.",
  },
];

const READ_BY_PEOPLE = '[\\u3400-\\u9fff]|^\\s*test\\(';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'release/', '.tsbuild/', 'test-results/', 'playwright-report/', 'tmp/'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Prettier wraps code at 120; what it cannot wrap (a long SQL string) is written one clause a line by hand.
      // Exempt: lines with Chinese (what a clerk reads) and test titles (what the test report prints).
      'max-len': ['error', { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true, ignorePattern: READ_BY_PEOPLE }],
      'no-restricted-syntax': ['error', ...ONE_CLOCK],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // The clock itself, and the tests and bench, which time what they measure and set their own dates.
    files: ['main/core/clock.ts', 'tests/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
