import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';

/** A push endpoint the server will not call: not https, or a host that resolves into a non-public network. */
export class EndpointRefusedError extends Error {}

/** IANA's IPv6 Address Space registry: 2000::/3 is Global Unicast; nothing else is routable on the internet. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * True when `address` (IPv4 or IPv6 text) is a public unicast address. IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is
 * judged as the IPv4 address it carries. Everything ipaddr.js does not classify as `unicast` is refused: loopback,
 * private (RFC 1918), link-local, unique-local (RFC 4193), multicast, unspecified, carrier-grade NAT, reserved,
 * and the IPv6 ranges that tunnel or translate IPv4 (6to4, Teredo, NAT64), which could reach a private one.
 * The rule: OWASP's SSRF prevention cheat sheet (allow public destinations only).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.process(address);
  if (ip.range() !== 'unicast') return false;
  // IPv6 outside 2000::/3, the only block IANA allocates for global unicast, is not public either: ipaddr.js calls
  // the rest of ::/8 (IPv4-compatible ::a.b.c.d, deprecated by RFC 4291 §2.5.5.1, and the IETF-reserved space)
  // `unicast`, and `::127.0.0.1` or `::169.254.169.254` must not pass.
  return ip.kind() === 'ipv4' || ip.match(GLOBAL_UNICAST_V6);
}

function refuseUnlessPublic(host: string, addresses: readonly string[]): void {
  if (addresses.length === 0) throw new EndpointRefusedError(`push endpoint host ${host} has no address`);
  const bad = addresses.find((a) => !isPublicAddress(a));
  if (bad !== undefined) throw new EndpointRefusedError(`push endpoint host ${host} resolves to non-public ${bad}`);
}

/**
 * Checks a push endpoint before it is stored and before each send: an `https` URL whose host resolves (node:dns,
 * every address) only to public addresses. With `allowInsecure` (PUSH_ALLOW_INSECURE_ENDPOINTS, tests only) any
 * http or https URL passes. Throws {@link EndpointRefusedError}; a host that does not resolve is refused too.
 */
export async function checkEndpoint(endpoint: string, allowInsecure: boolean): Promise<URL> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new EndpointRefusedError('push endpoint is not a URL');
  }
  if (allowInsecure && (url.protocol === 'http:' || url.protocol === 'https:')) return url;
  if (url.protocol !== 'https:') throw new EndpointRefusedError('push endpoint must be an https URL');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (net.isIP(host)) {
    refuseUnlessPublic(host, [host]);
    return url;
  }
  let found: dns.LookupAddress[];
  try {
    found = await dns.promises.lookup(host, { all: true, verbatim: true });
  } catch {
    throw new EndpointRefusedError(`push endpoint host ${host} does not resolve`);
  }
  refuseUnlessPublic(
    host,
    found.map((a) => a.address),
  );
  return url;
}

/**
 * A `lookup` for http(s).request that refuses non-public addresses at connect time, so a host whose DNS answer
 * changed after {@link checkEndpoint} (DNS rebinding) is still not reached.
 */
export const publicOnlyLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    try {
      refuseUnlessPublic(
        hostname,
        addresses.map((a) => a.address),
      );
    } catch (refused) {
      return callback(refused as Error, []);
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0]!;
    return callback(null, first.address, first.family);
  });
};
