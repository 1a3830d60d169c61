/**
 * `npm run pair`: asks the API running on this machine for a fresh pairing code and prints it as
 * `Pairing code: XXXX-XXXX`. The request carries the admin secret from the API's state directory,
 * which only someone who can read that directory has.
 */
import { pathToFileURL } from 'node:url';
import { AUTH_PATHS, PairingCodeSchema } from '../../../shared/auth/contract';
import { ADMIN_SECRET_FILE, readStateSecret } from '../auth/state-files';
import { parseEnv } from '../env';
import { pairingLine } from './start-message';

export async function requestPairingCode(options: { url: string; stateDir: string }) {
  let secret: string;
  try {
    secret = await readStateSecret(options.stateDir, ADMIN_SECRET_FILE);
  } catch {
    throw new Error(`No admin secret in ${options.stateDir}: start the API first (npm start)`);
  }
  let response: Response;
  try {
    response = await fetch(`${options.url}${AUTH_PATHS.pairingCode}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}` },
    });
  } catch {
    throw new Error(`No API answers at ${options.url}: start it first (npm start)`);
  }
  if (!response.ok) throw new Error(`The API refused to make a pairing code (HTTP ${response.status})`);
  return PairingCodeSchema.parse(await response.json());
}

async function main() {
  const env = parseEnv(process.env);
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${env.PORT}`;
  const { code } = await requestPairingCode({ url, stateDir: env.STATE_DIR });
  console.log(pairingLine(code));
  console.log('Valid for 10 minutes, for any of your browsers.');
}

const entryPath = process.argv[1];
if (entryPath !== undefined && import.meta.url === pathToFileURL(entryPath).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
