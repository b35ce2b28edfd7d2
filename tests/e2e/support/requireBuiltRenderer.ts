import fs from 'node:fs';
import path from 'node:path';

/** The suite tests the built cockpit and builds nothing itself. */
export default function requireBuiltRenderer(): void {
  const index = path.resolve('dist/renderer/index.html');
  if (!fs.existsSync(index)) {
    throw new Error(`The cockpit is not built (${index} is missing). Build it first: npx vite build --config renderer/vite.config.ts`);
  }
}
