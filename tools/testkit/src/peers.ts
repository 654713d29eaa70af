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

/** How to find each peer: the command, the check that it works, and what to install. */
const PEERS: Record<PeerName, { command: string; works: () => boolean; reason: string }> = {
  protoc: {
    command: 'protoc',
    works: () => probe('protoc', ['--version']),
    reason: 'protoc not found: apt-get install protobuf-compiler',
  },
  go: {
    command: 'go',
    works: () => probe('go', ['version']),
    reason: 'go not found: apt-get install golang-go',
  },
  'go-pprof': {
    command: 'go',
    works: () => probe('go', ['version']) && existsSync(PPROF_PROTO),
    reason: 'go tool pprof not found: apt-get install golang-go golang-github-google-pprof-dev',
  },
  chromium: {
    command: 'chromium',
    works: () => probe('chromium', ['--version']),
    reason: 'chromium not found: apt-get install chromium',
  },
};

export function findPeer(name: PeerName): Peer {
  let peer = cache.get(name);
  if (peer === undefined) {
    const { command, works, reason } = PEERS[name];
    peer = { name, command, available: works(), reason };
    cache.set(name, peer);
  }
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
