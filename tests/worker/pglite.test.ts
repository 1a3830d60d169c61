import { openDatabase } from '../../worker/src/db/client';
import { defineApiSuite } from './api-suite';

defineApiSuite('PGlite (in memory)', 'pglite', async () => {
  const handle = await openDatabase({ kind: 'pglite', dataDir: null });
  return { handle, cleanup: () => handle.close() };
});
