import { describe, expect, it } from 'vitest';
import { checkEndpoint, EndpointRefusedError, isPublicAddress } from '../../src/push/endpoint-guard.ts';

describe('push endpoint guard', () => {
  it.each([
    ['127.0.0.1', 'IPv4 loopback'],
    ['10.1.2.3', 'RFC 1918'],
    ['172.16.0.1', 'RFC 1918'],
    ['192.168.1.1', 'RFC 1918'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fe80::1', 'IPv6 link-local'],
    ['fd12:3456::1', 'unique-local'],
    ['ff02::1', 'IPv6 multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['64:ff9b::a00:1', 'NAT64 of a private address'],
    ['2002:a00:1::', '6to4 of a private address'],
    ['::127.0.0.1', 'IPv4-compatible loopback'],
    ['::a9fe:a9fe', 'IPv4-compatible link-local (cloud metadata)'],
    ['::1:0:0:1', 'IETF-reserved ::/8'],
    ['1::1', 'unallocated, outside 2000::/3'],
    ['not-an-ip', 'not an address'],
  ])('refuses %s (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '142.250.74.78', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('accepts public %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    'http://push.example.com/x',
    'https://127.0.0.1/x',
    'https://[::1]/x',
    'https://localhost/x',
    'https://no-such-host.invalid/x',
    'ftp://push.example.com/x',
    'not a url',
  ])('refuses the endpoint %s without the test flag', async (endpoint) => {
    await expect(checkEndpoint(endpoint, false)).rejects.toBeInstanceOf(EndpointRefusedError);
  });

  it('allows http and loopback with the test flag, and nothing but http(s)', async () => {
    await expect(checkEndpoint('http://127.0.0.1:9/x', true)).resolves.toBeInstanceOf(URL);
    await expect(checkEndpoint('https://localhost/x', true)).resolves.toBeInstanceOf(URL);
    await expect(checkEndpoint('ftp://127.0.0.1/x', true)).rejects.toBeInstanceOf(EndpointRefusedError);
  });
});
