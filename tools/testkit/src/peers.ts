import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Reference peers that conformance tests run: they skip with a visible reason when a peer is
 * missing, unless OTLPX_REQUIRE_PEERS=1 (CI), where a missing peer fails the test.
 */
export type PeerName = 'protoc' | 'go' | 'go-pprof' | 'chromium';

export interface Peer {
  name: PeerName;
  available: boolean;
  /** Why it is missing and how to get it. */
  reason: string;
  /** The command to run. */
  command: string;
}

const PPROF_PROTO = '/usr/share/gocode/src/github.com/google/pprof/proto/profile.proto';
const cache = new Map<PeerName, Peer>();

function probe(command: string, args: string[]): boolean {
  const res = spawnSync(command, args, { stdio: 'ignore', timeout: 20_000 });
  return res.status === 0;
}

export function findPeer(name: PeerName): Peer {
  const hit = cache.get(name);
  if (hit) return hit;
  let peer: Peer;
  switch (name) {
    case 'protoc':
      peer = {
        name,
        command: 'protoc',
        available: probe('protoc', ['--version']),
        reason: 'protoc not found: apt-get install protobuf-compiler',
      };
      break;
    case 'go':
      peer = {
        name,
        command: 'go',
        available: probe('go', ['version']),
        reason: 'go not found: apt-get install golang-go',
      };
      break;
    case 'go-pprof':
      peer = {
        name,
        command: 'go',
        available: probe('go', ['version']) && existsSync(PPROF_PROTO),
        reason: 'go tool pprof not found: apt-get install golang-go golang-github-google-pprof-dev',
      };
      break;
    case 'chromium':
      peer = {
        name,
        command: 'chromium',
        available: probe('chromium', ['--version']),
        reason: 'chromium not found: apt-get install chromium',
      };
      break;
  }
  cache.set(name, peer);
  return peer;
}

export const peersRequired: boolean = process.env.OTLPX_REQUIRE_PEERS === '1';

/**
 * Whether tests needing `name` should be skipped. Prints the reason once; throws when the
 * peer is required (OTLPX_REQUIRE_PEERS=1) but missing, so the suite fails instead of skipping.
 */
export function skipWithoutPeer(name: PeerName): boolean {
  const peer = findPeer(name);
  if (peer.available) return false;
  if (peersRequired)
    throw new Error(`reference peer required (OTLPX_REQUIRE_PEERS=1) but missing: ${peer.reason}`);
  console.warn(`[skip] ${peer.reason}`);
  return true;
}
