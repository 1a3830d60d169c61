/**
 * The Node API's own secrets, kept as files in its state directory (mode 0600): the key access
 * tokens are signed with (so sessions survive a restart) and the admin secret `npm run pair` sends.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const AUTH_SECRET_FILE = 'auth-secret';
export const ADMIN_SECRET_FILE = 'admin-secret';

/** The secret in `dir/name`, made on first use. */
export async function stateSecret(dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  try {
    const saved = (await readFile(path, 'utf8')).trim();
    if (saved.length >= 32) return saved;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export async function readStateSecret(dir: string, name: string): Promise<string> {
  return (await readFile(join(dir, name), 'utf8')).trim();
}
