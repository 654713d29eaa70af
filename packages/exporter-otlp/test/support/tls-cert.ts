/**
 * A self-signed certificate for 127.0.0.1 made with the `openssl` CLI in a temp dir (node:crypto
 * makes keys but not X.509 certificates). Tests using it skip with a visible reason when openssl is
 * missing, and fail instead under OTLPX_REQUIRE_PEERS=1.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCert {
  dir: string;
  keyPath: string;
  certPath: string;
  key: Buffer;
  cert: Buffer;
}

export const opensslAvailable = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;

/** True when TLS tests must be skipped (openssl missing and peers not required). */
export function skipWithoutOpenssl(): boolean {
  if (opensslAvailable) return false;
  if (process.env.OTLPX_REQUIRE_PEERS === '1') return false; // the test runs and fails
  console.warn('skipping TLS tests: openssl not found (apt-get install openssl)');
  return true;
}

export function makeSelfSignedCert(commonName: string): TestCert {
  const dir = mkdtempSync(join(tmpdir(), 'otlpx-tls-'));
  const keyPath = join(dir, `${commonName}-key.pem`);
  const certPath = join(dir, `${commonName}-cert.pem`);
  const res = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '1',
      '-subj',
      `/CN=${commonName}`,
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { encoding: 'utf8' },
  );
  if (res.status !== 0) throw new Error(`openssl failed: ${res.stderr || res.error}`);
  return { dir, keyPath, certPath, key: readFileSync(keyPath), cert: readFileSync(certPath) };
}
