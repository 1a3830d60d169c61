/**
 * The extension's public key (manifest `key`) fixes its id, so the API's CORS allow-list and the
 * user's bookmarks keep working across installs. It is a public key: nothing secret.
 */
export const EXTENSION_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAjmAfN0wHejuOB+t8Wsf2wFCk6bKz0RpRk8MKRC6YptsQturRoM7NzpHSXFuCeQXP7WiO2UxunmhqD17MNzXJLyGjXV4mD+j7Nl8FNl80NfeYEFvCbDVuPfpDcUUQyaeHRIm9BuC1kSfTe3V9xzgLQwCw2CQWNIvyotH1YPz5hsvYxryE1qqopHrf/2pf//744g3uSUOOYC7hRaqeV0sZDv3lpMPDlQ2UAbGrdJnTiPcqDuMtRWJy3tK+S4ykHmwJS4CPFB4qJrmvNe+B1UKGFebkJORe5eO4xBmiaGl0W+qjRxUp0cc27j7YPUy5/2zjbpJRTBWzlGrwc7QUrCV7NwIDAQAB';
export const EXTENSION_ID = 'nbhhplomhjglgghekjkpcadephlcfhdb';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;
/** Where the local API listens unless PORT says otherwise. */
export const DEFAULT_API_URL = 'http://127.0.0.1:8787';
