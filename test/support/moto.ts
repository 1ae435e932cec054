import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as net from 'net';

/**
 * A moto server on 127.0.0.1 for the tests' AWS calls, started on a free port and stopped by the
 * test. Fails (never skips) when moto is missing.
 */
export class MotoServer {
  /** Starts moto and waits until it answers. */
  public static async start(): Promise<MotoServer> {
    const probe = spawnSync('moto_server', ['--help'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
      throw new Error('moto_server is not installed, so the ECR look-ups cannot be tested: run .ci/run (it installs the test tools).');
    }
    const port = await freePort();
    const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    const server = new MotoServer(child, `http://127.0.0.1:${port}`);
    await server.waitReady();
    return server;
  }

  private constructor(private readonly child: ChildProcess, public readonly endpoint: string) {}

  public async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
  }

  private async waitReady(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      try {
        const res = await fetch(`${this.endpoint}/moto-api/`);
        if (res.ok) {
          return;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await this.stop();
    throw new Error(`moto_server did not answer on ${this.endpoint} within 10 s.`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}
