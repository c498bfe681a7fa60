/**
 * SSRF guard for outbound webhooks: LASTRI runs inside the city's network, so an endpoint that
 * resolves to loopback, a private range, link-local (cloud metadata at 169.254.169.254) or
 * unique-local could make LASTRI reach what the agency cannot. Checked when a subscription is
 * made and again at every delivery, on the addresses DNS gives then (the connection uses the
 * address checked, so a DNS answer that changes in between cannot slip through).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return BLOCKED.check(mapped[1], 'ipv4');
  return BLOCKED.check(address, 'ipv6');
}

export interface TargetRules {
  /** Loopback and private targets, and plain http: for tests and a closed development setup only. */
  readonly allowPrivateTargets: boolean;
}

export class TargetRefusedError extends Error {
  override readonly name = 'TargetRefusedError';
}

/** The URL's shape: https (http only where private targets are allowed), no credentials in it. */
export function checkEndpointUrl(endpointUrl: string, rules: TargetRules): URL {
  let url: URL;
  try {
    url = new URL(endpointUrl);
  } catch {
    throw new TargetRefusedError('bukan URL yang valid');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && rules.allowPrivateTargets)) {
    throw new TargetRefusedError('harus https');
  }
  if (url.username || url.password) throw new TargetRefusedError('tidak boleh memuat kredensial');
  return url;
}

function resolveAll(hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });
}

/** Resolves the endpoint's host and refuses it when any address it names is not public. */
export async function resolvePublicTarget(endpointUrl: string, rules: TargetRules): Promise<LookupAddress[]> {
  const url = checkEndpointUrl(endpointUrl, rules);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: LookupAddress[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolveAll(host);
  } catch {
    throw new TargetRefusedError(`nama host ${host} tidak dapat di-resolve`);
  }
  if (addresses.length === 0) throw new TargetRefusedError(`nama host ${host} tidak punya alamat`);
  if (!rules.allowPrivateTargets) {
    const blocked = addresses.find((entry) => isPrivateAddress(entry.address));
    if (blocked) throw new TargetRefusedError(`${host} menunjuk ke alamat internal ${blocked.address}`);
  }
  return addresses;
}
