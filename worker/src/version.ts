import packageJson from '../../package.json' with { type: 'json' };

/** Reported by /healthz; follows the package version so a deploy can be matched to a release. */
export const API_VERSION: string = packageJson.version;
