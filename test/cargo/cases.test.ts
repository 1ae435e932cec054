import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CargoError, readCargoProject } from '../../src/cargo';
import { caseDir, caseProps } from '../support/shared';

/** Copies a case into a temp folder so that a variant can change one file. */
function copyCase(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cargo-${name}-`));
  fs.cpSync(caseDir(name), dir, { recursive: true });
  return dir;
}

function fromProps(name: string, file = 'props.json') {
  const props = caseProps(name, file) as { projectPath: string; binary?: string; package?: string };
  return readCargoProject(caseDir(name, props.projectPath), { binary: props.binary, package: props.package });
}

describe('bug-report cases', () => {
  test('B01: ingest is selected with its path dependency although default-members also names report', () => {
    const p = fromProps('B01');
    expect(p.selection.binary).toMatchObject({ name: 'ingest', package: 'ingest' });
    expect(p.defaultMembers).toEqual(['ingest', 'report']);
    expect(p.packages.map((x) => x.name)).toEqual(['ingest', 'report', 'common']);
    expect(p.buildInputs).toEqual(['Cargo.lock', 'Cargo.toml', 'libs/common/Cargo.toml', 'services/ingest/Cargo.toml', 'services/report/Cargo.toml']);
  });

  test('fails B01 without a binary: default-members builds both services', () => {
    expect(() => readCargoProject(caseDir('B01'))).toThrow(/several binaries could be built \(default-members \(ingest, report\)\): ingest \(package ingest\), report \(package report\)\./);
  });

  test('B03: the channel comes from rust-toolchain.toml, rust-version 1.79 is reported beside it', () => {
    const p = fromProps('B03');
    expect(p.toolchain).toEqual({
      channel: '1.79.0',
      source: 'rust-toolchain.toml',
      file: caseDir('B03', 'rust-toolchain.toml'),
      components: ['clippy'],
      targets: ['x86_64-unknown-linux-musl', 'aarch64-unknown-linux-musl'],
      profile: 'minimal',
      rustVersion: '1.79',
    });
  });

  test('B04: channel stable without targets, and no lock file is a warning', () => {
    const p = fromProps('B04');
    expect([p.toolchain.channel, p.toolchain.source, p.toolchain.targets]).toEqual(['stable', 'rust-toolchain.toml', []]);
    expect(p.warnings.find((w) => w.id === 'cargo:no-lockfile')?.message).toMatch(/builds will not be reproducible and --locked is dropped/);
    expect(p.lock).toBeUndefined();
  });

  test('fails B04 when locked builds are asked for and there is no Cargo.lock', () => {
    expect(() => readCargoProject(caseDir('B04'), { requireLockfile: true })).toThrow(/B04\/Cargo\.lock: no Cargo\.lock, but locked builds were asked for\. Run `cargo generate-lockfile`/);
  });

  test('B05 ok: dotted and table inheritance, workspace dependency features added', () => {
    const p = fromProps('B05');
    const api = p.packages.find((x) => x.name === 'api')!;
    expect([api.version, api.edition, api.rustVersion]).toEqual(['1.12.0', '2021', '1.80']);
    const tokio = api.dependencies.find((d) => d.key === 'tokio')!;
    expect([tokio.version, tokio.defaultFeatures, tokio.features]).toEqual(['1.40', false, ['rt-multi-thread', 'net']]);
    expect(api.dependencies.find((d) => d.key === 'core')!.path).toBe(caseDir('B05', 'ok', 'core'));
    expect(p.toolchain).toMatchObject({ channel: '1.80', source: 'rust-version', rustVersion: '1.80' });
  });

  test('fails B05 bad: an inherited rust-version the workspace does not set names the member, the key and the root', () => {
    expect(() => readCargoProject(caseDir('B05', 'bad'))).toThrow(CargoError);
    expect(() => readCargoProject(caseDir('B05', 'bad'))).toThrow(
      new RegExp(`^${esc(caseDir('B05', 'bad', 'api', 'Cargo.toml'))}: \`package.rust-version\` is inherited .* the workspace root ${esc(caseDir('B05', 'bad', 'Cargo.toml'))} has no \`\\[workspace.package\\].rust-version\``));
  });

  test('B07: the context is the common folder of the crate and its path dependency; the lock is the crate\'s own', () => {
    const p = fromProps('B07');
    expect(p.workspaceRoot).toBe(caseDir('B07', 'service'));
    expect(p.contextDir).toBe(caseDir('B07'));
    expect(p.lock?.file).toBe(caseDir('B07', 'service', 'Cargo.lock'));
    expect(p.buildInputs).toEqual(['service/Cargo.lock', 'service/Cargo.toml', 'shared/telemetry/Cargo.toml']);
  });

  test('fails B07 when the context may not leave service/: the message names the path crate', () => {
    expect(() => readCargoProject(caseDir('B07', 'service'), { contextBoundary: caseDir('B07', 'service') }))
      .toThrow(/shared\/telemetry\/Cargo\.toml: this crate lies outside .*service, but the build context must contain every path dependency/);
  });

  test('fails B08: a crate under a workspace that does not list it names both manifests and both fixes', () => {
    expect(() => fromProps('B08')).toThrow(new RegExp(
      `^${esc(caseDir('B08', 'examples', 'lambda-svc', 'Cargo.toml'))}: this package is inside the workspace of ${esc(caseDir('B08', 'Cargo.toml'))} ` +
      'but is not one of its members\\. Either add "examples/lambda-svc" to `workspace.members` \\(or to `workspace.exclude`\\) .* or add an empty `\\[workspace\\]` table'));
  });

  test('B08 variant with [workspace] in the crate: its own root, context widened to sdk/', () => {
    const dir = copyCase('B08');
    fs.appendFileSync(path.join(dir, 'examples/lambda-svc/Cargo.toml'), '\n[workspace]\n');
    const p = readCargoProject(path.join(dir, 'examples/lambda-svc'), { binary: 'token-vendor' });
    expect(p.workspaceRoot).toBe(path.join(dir, 'examples/lambda-svc'));
    expect(p.contextDir).toBe(dir);
    expect(p.selection.binary?.name).toBe('token-vendor');
  });

  test('B08 variant listed in members: the case root is the workspace, token-vendor is a member', () => {
    const dir = copyCase('B08');
    fs.writeFileSync(path.join(dir, 'Cargo.toml'), '[workspace]\nresolver = "2"\nmembers = ["sdk", "examples/lambda-svc"]\n');
    const p = readCargoProject(path.join(dir, 'examples/lambda-svc'), { binary: 'token-vendor' });
    expect([p.workspaceRoot, p.contextDir]).toEqual([dir, dir]);
    expect(p.selection.binary).toMatchObject({ name: 'token-vendor', package: 'token-vendor' });
  });

  test('B08 variant listed in exclude: the crate is standalone', () => {
    const dir = copyCase('B08');
    fs.writeFileSync(path.join(dir, 'Cargo.toml'), '[workspace]\nmembers = ["sdk"]\nexclude = ["examples"]\n');
    const p = readCargoProject(path.join(dir, 'examples/lambda-svc'));
    expect(p.workspaceRoot).toBe(path.join(dir, 'examples/lambda-svc'));
  });

  test('B09: orders (explicit) and migrate (auto); the package name is not a binary', () => {
    const p = fromProps('B09');
    expect(p.binaries.map((b) => [b.name, b.path, b.origin])).toEqual([['orders', 'src/main.rs', 'explicit'], ['migrate', 'src/bin/migrate.rs', 'auto']]);
    expect(p.selection.binary).toMatchObject({ name: 'orders', package: 'acme-orders-service' });
  });

  test('fails B09 without a binary: lists orders and migrate', () => {
    expect(() => fromProps('B09', 'props.no-binary.json')).toThrow(/several binaries could be built \(the root package acme-orders-service\): orders \(package acme-orders-service\), migrate \(package acme-orders-service\)\. Pass one of them as the binary\.$/);
  });

  test('fails B09 with the package name as binary: lists what is available', () => {
    expect(() => fromProps('B09', 'props.wrong-binary.json')).toThrow(/no binary named acme-orders-service; available: orders, migrate\. Pass one of these as the binary\.$/);
  });

  test('B09 variant autobins = false: only orders', () => {
    const dir = copyCase('B09');
    const file = path.join(dir, 'Cargo.toml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('edition = "2021"', 'edition = "2021"\nautobins = false'));
    const p = readCargoProject(dir);
    expect(p.binaries.map((b) => b.name)).toEqual(['orders']);
    expect(p.selection.binary?.name).toBe('orders');
  });

  test('B11: rustflags, target-dir relative to the context, and a target-cpu=native warning', () => {
    const p = fromProps('B11');
    expect(p.config.buildRustflags).toEqual(['-C', 'target-cpu=native']);
    expect(p.config.targetDir).toBe('build-out');
    expect(p.buildInputs).toContain('.cargo/config.toml');
    const w = p.warnings.find((x) => x.id === 'cargo:target-cpu-native');
    expect(w?.message).toMatch(/config\.toml sets `-C target-cpu=native`: .*illegal instruction/);
  });

  test('B11 variant with [build] target and a legacy .cargo/config next to it: the legacy file wins', () => {
    const dir = copyCase('B11');
    fs.writeFileSync(path.join(dir, '.cargo/config'), '[build]\ntarget = "x86_64-unknown-linux-gnu"\n[env]\nA = "1"\nB = { value = "data", relative = true, force = true }\n');
    const p = readCargoProject(dir);
    expect(p.config.files).toEqual([path.join(dir, '.cargo/config')]);
    expect(p.config.buildTarget).toEqual(['x86_64-unknown-linux-gnu']);
    expect(p.config.env).toEqual([
      { name: 'A', value: '1', force: false, relative: false },
      { name: 'B', value: path.join(dir, 'data'), force: true, relative: true },
    ]);
  });
});

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
