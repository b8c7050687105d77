import { createServer } from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Route } from './server';

/**
 * A local HTTPS server that stands in for hosts on the internet (`hosts`: huggingface.co by default, or GitHub's
 * raw.githubusercontent.com for WebLLM's libraries), so a curated model's real address can be downloaded in a test
 * with no internet: Chromium is started with `--host-resolver-rules=MAP <host> 127.0.0.1:PORT` for each host and
 * `--ignore-certificate-errors` (`args`). `hits` lists "host/path" of each request. The certificate is self-signed,
 * made with openssl for this run.
 */
export async function startHttpsMirror(
  route: Route,
  hosts: string[] = ['huggingface.co'],
): Promise<{ port: number; hits: string[]; args: string[]; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-mirror-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=huggingface.co',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  const hits: string[] = [];
  const server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, async (req, res) => {
    hits.push(`${req.headers.host?.split(':')[0] ?? ''}${req.url ?? ''}`);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    await route(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    hits,
    args: [`--host-resolver-rules=${hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(',')}`, '--ignore-certificate-errors'],
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          r();
        });
      }),
  };
}
