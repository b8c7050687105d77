/**
 * Hosts on this computer or the local network, judged from the address alone (a URL's hostname, already normalized
 * by the URL parser: "2130706433" and "0x7f.1" become "127.0.0.1"). A public name that resolves to a private address
 * cannot be told from here; Chrome's own Private Network Access checks are what stands behind that case.
 */
const LOCAL_NAMES = /(^|\.)(localhost|local|internal|home\.arpa|lan)$/i;

function ipv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return m ? m.slice(1).map(Number) : null;
}

function privateIpv4([a, b]: number[]): boolean {
  return (
    a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b! >= 16 && b! <= 31) ||
    (a === 192 && b === 168) || (a === 100 && b! >= 64 && b! <= 127) || a! >= 224
  );
}

function privateIpv6(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === '::' || h === '::1') return true;
  // IPv4-mapped (the parser writes ::ffff:7f00:1 for ::ffff:127.0.0.1).
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(h);
  if (mapped) {
    const hi = parseInt(mapped[1]!, 16);
    const lo = parseInt(mapped[2]!, 16);
    return privateIpv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
  }
  return /^f[cd][0-9a-f]{0,2}:/.test(h) || /^fe[89ab][0-9a-f]?:/.test(h);
}

/** True for loopback, private, link-local and local-only names (localhost, *.local, …). */
export function isPrivateHost(hostname: string): boolean {
  if (!hostname) return true;
  if (hostname.startsWith('[')) return privateIpv6(hostname);
  const v4 = ipv4(hostname);
  if (v4) return privateIpv4(v4);
  return LOCAL_NAMES.test(hostname.replace(/\.$/, ''));
}
