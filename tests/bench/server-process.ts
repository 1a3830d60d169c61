/**
 * The API for the load benches in its own process, as `npm start` runs it (`api-server.ts`): the
 * load generator shares the machine with the server, as the targets say, but not its event loop.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface ServerProcess {
  url: string;
  pairingCode: string;
  close(): Promise<void>;
}

/**
 * `api-server.ts` in a child process, on PostgreSQL at `databaseUrl` or in-memory PGlite.
 * `BENCH_SERVER_FLAGS` passes Node flags to it, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the server.
 */
export async function startServerProcess(databaseUrl: string | undefined): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      fileURLToPath(new URL('./api-server.ts', import.meta.url)),
    ],
    {
      env: { ...process.env, BENCH_DATABASE_URL: databaseUrl ?? '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench API exited with ${code} before listening`)));
  });
  lines.close();
  const { url, pairingCode } = JSON.parse(first) as { url: string; pairingCode: string };
  return {
    url,
    pairingCode,
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
