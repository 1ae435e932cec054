import * as fs from 'fs';
import { Project, SampleFile, TomlFile, github, javascript, typescript } from 'projen';
import { addCiWorkflow, dockerBuildCommand } from './ci-workflow';
import { addInfraApp } from './infra-files';
import { infraReadmeSection } from './infra-readme';
import { RustServiceDockerfile } from './rust-service-dockerfile';
import { RustServiceProjectOptions } from './rust-service-project-options';
import { cargoToml, mainRs, readme } from './service-template';
import { Libc, Platform, RuntimeBase } from '../plan/option-values';
import { RustBuildOptions } from '../plan/options';
import { VERSIONS } from '../plan/versions';

/**
 * A Rust HTTP service built into a multi-arch (amd64 + arm64) container image.
 *
 * Creates once, for the user to own: Cargo.toml (axum + tokio), src/main.rs (a health endpoint)
 * and README.md. Keeps in step on every `npx projen`: the Dockerfile and .dockerignore (rendered
 * from the current Cargo.toml and Cargo.lock), rust-toolchain.toml, the CI workflow and the
 * `build`, `test` and `docker` tasks. With `infra`, also a CDK app in `infra/` that deploys it (with
 * `infraPipeline`, from a CodePipeline on every push). `.projenrc.ts` is TypeScript, so a package.json holds projen
 * and this library as development dependencies.
 *
 * @pjid rust-service
 */
export class RustServiceProject extends Project {
  /** The component that renders the Dockerfile and .dockerignore of the service. */
  public readonly image: RustServiceDockerfile;
  /** The Node.js package that runs `.projenrc.ts`. */
  public readonly package: javascript.NodePackage;
  /** rust-toolchain.toml. */
  public readonly toolchainFile: TomlFile;
  /**
   * The CI workflow, when `ciWorkflow` is on.
   *
   * @default - none when `ciWorkflow` is false
   */
  public readonly ciWorkflow?: github.GithubWorkflow;
  /** Docker platforms of the image. */
  public readonly platforms: string[];
  /** Port the service listens on. */
  public readonly port: number;

  public constructor(options: RustServiceProjectOptions) {
    super(options);

    const name = validateCrateName(options.name);
    const edition = options.edition ?? '2024';
    const channel = options.rustChannel ?? VERSIONS.rust;
    this.port = options.port ?? 8080;
    this.platforms = (options.platforms ?? Platform.all().map((p) => p.docker)).map((p) => Platform.of(p).docker);
    const buildOptions = resolveBuildOptions(options, this.platforms, this.port);
    const infraPipeline = options.infraPipeline ?? false;
    if (infraPipeline && options.infra === false) {
      throw new Error(
        'RustServiceProject: infraPipeline is true but infra is false; the pipeline deploys the infra/ app. ' +
        'Set infra to true (or leave it unset: infraPipeline turns it on), or drop infraPipeline.',
      );
    }
    const infra = (options.infra ?? false) || infraPipeline;
    const branch = options.defaultReleaseBranch ?? 'main';

    // .projenrc.ts runs with ts-node from the project's own node_modules.
    this.package = new javascript.NodePackage(this, {
      packageManager: javascript.NodePackageManager.NPM,
      devDeps: devDependencies(options.devDeps ?? []),
      // Not a package anyone installs: no entry point, no license field, never published.
      entrypoint: '',
      licensed: false,
    });
    this.package.addField('private', true);
    this.package.file.addDeletionOverride('publishConfig');
    const projenrc = new typescript.ProjenrcTs(this);
    projenrc.tsconfig.file.addOverride('compilerOptions', PROJENRC_COMPILER_OPTIONS);
    this.gitignore.exclude('/target/', 'node_modules/');

    // User-owned, written once. They come before the Dockerfile so that on the first synthesis
    // the Dockerfile is rendered from the Cargo.toml just written.
    const template = { name, edition, port: this.port };
    new SampleFile(this, 'Cargo.toml', { contents: cargoToml(template) });
    new SampleFile(this, 'src/main.rs', { contents: mainRs(template) });
    new SampleFile(this, 'README.md', { contents: readme(template, infra ? infraReadmeSection(infraPipeline, branch) : []) });

    this.toolchainFile = new TomlFile(this, 'rust-toolchain.toml', {
      obj: {
        toolchain: {
          channel,
          components: ['clippy', 'rustfmt'],
          // The targets the image build compiles for, so it need not add them itself.
          targets: rustTargets(buildOptions),
          profile: 'minimal',
        },
      },
    });
    this.image = new RustServiceDockerfile(this, buildOptions);

    this.addRustTasks(name);
    if (infra) {
      addInfraApp(this, this.package, {
        name,
        pipeline: infraPipeline,
        branch,
        port: this.port,
        platforms: options.platforms !== undefined ? this.platforms : undefined,
        libc: options.libc,
        runtimeBase: options.runtimeBase,
      });
    }
    if (options.ciWorkflow ?? true) {
      const gh = new github.GitHub(this, { mergify: false, pullRequestLint: false });
      this.ciWorkflow = addCiWorkflow(gh, {
        name,
        platforms: this.platforms,
        branch,
      });
    }
  }

  private addRustTasks(name: string): void {
    this.compileTask.exec('cargo build --release');
    const lint = this.addTask('lint', { description: 'cargo fmt --check and cargo clippy (warnings are errors)' });
    lint.exec('cargo fmt --all -- --check');
    lint.exec('cargo clippy --all-targets -- -D warnings');
    this.testTask.spawn(lint);
    this.testTask.exec('cargo test');
    this.addTask('docker', {
      description:
        `Build the image for ${this.platforms.join(' and ')} with docker buildx (needs a builder that ` +
        'can hold several platforms; append --push or --output to keep the result)',
      exec: dockerBuildCommand(name, this.platforms, 'local'),
      receiveArgs: true,
    });
  }
}

/** TypeScript settings for running `.projenrc.ts` with ts-node. */
const PROJENRC_COMPILER_OPTIONS = {
  target: 'ES2022',
  module: 'commonjs',
  moduleResolution: 'node',
  strict: true,
  esModuleInterop: true,
  skipLibCheck: true,
};

/** The TypeScript line `.projenrc.ts` is checked with (ts-node 10 predates TypeScript 6). */
const PROJENRC_TOOLS = ['ts-node@^10.9.2', 'typescript@~5.9.0'];
const LIBRARY = 'cdk-rust-multiarch';

function devDependencies(given: string[]): string[] {
  const deps = given.map(libraryTarball);
  const names = deps.map(dependencyName);
  const add = (spec: string) => {
    if (!names.includes(dependencyName(spec))) {
      deps.push(spec);
    }
  };
  add(`projen@^${projenVersion()}`);
  if (!given.some((spec) => spec.includes(LIBRARY))) {
    add(LIBRARY);
  }
  PROJENRC_TOOLS.forEach(add);
  return deps;
}

/**
 * `projen new --from ./cdk-rust-multiarch-1.2.3.tgz` passes the bare tarball path, which npm can
 * install but package.json cannot hold as a name; give it the package name with a `file:` range.
 */
function libraryTarball(spec: string): string {
  return new RegExp(`(^|/)${LIBRARY}-[^/]*\\.tgz$`).test(spec) && !spec.startsWith(`${LIBRARY}@`)
    ? `${LIBRARY}@file:${spec}`
    : spec;
}

/** The package name of an npm spec (`name`, `name@range`, `@scope/name@range`). */
function dependencyName(spec: string): string {
  const scoped = spec.startsWith('@');
  const [name] = (scoped ? spec.slice(1) : spec).split('@');
  return scoped ? `@${name}` : name;
}

/** The version of the projen module running this project (what `.projenrc.ts` must keep using). */
function projenVersion(): string {
  return JSON.parse(fs.readFileSync(require.resolve('projen/package.json'), 'utf-8')).version;
}

function validateCrateName(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name) || name.length > 64) {
    throw new Error(
      `RustServiceProject: name '${name}' is not a valid crate name. Use up to 64 letters, digits, ` +
      "'-' or '_', starting with a letter (e.g. 'orders-api'); pass it with --name or the 'name' option.",
    );
  }
  return name;
}

function resolveBuildOptions(options: RustServiceProjectOptions, platforms: string[], port: number): RustBuildOptions {
  const base = options.buildOptions ?? {};
  const both = ([
    ['platforms', options.platforms, base.platforms],
    ['libc', options.libc, base.libc],
    ['runtimeBase', options.runtimeBase, base.runtimeBase],
  ] as const).filter(([, top, nested]) => top !== undefined && nested !== undefined).map(([key]) => key);
  if (both.length > 0) {
    throw new Error(
      `RustServiceProject: ${both.map((k) => `'${k}'`).join(', ')} set both as an option and in buildOptions. ` +
      'Keep one: the top-level option for the built-in values, buildOptions for custom ones.',
    );
  }
  return {
    ...base,
    platforms: base.platforms ?? platforms.map((p) => Platform.of(p)),
    libc: base.libc ?? (options.libc !== undefined ? parseLibc(options.libc) : undefined),
    runtimeBase: base.runtimeBase ?? (options.runtimeBase !== undefined ? parseRuntimeBase(options.runtimeBase) : undefined),
    ports: base.ports ?? [port],
  };
}

/** Rust target triples of the image's platforms (`aarch64-unknown-linux-musl`, ...). */
function rustTargets(options: RustBuildOptions): string[] {
  const env = (options.libc ?? Libc.MUSL).name === 'gnu' ? 'gnu' : 'musl';
  return (options.platforms ?? Platform.all()).map((p) => `${p.rustArch}-unknown-linux-${env}`);
}

function parseLibc(value: string): Libc {
  if (value === 'musl') {
    return Libc.MUSL;
  }
  const gnu = /^gnu(?:\.(\d+\.\d+))?$/.exec(value);
  if (gnu) {
    return Libc.gnu(gnu[1]);
  }
  throw new Error(
    `RustServiceProject: libc '${value}' is not supported. Use 'musl', 'gnu', or 'gnu.<glibc version>' such as 'gnu.2.36'.`,
  );
}

const RUNTIME_BASES: Record<string, RuntimeBase> = {
  'scratch': RuntimeBase.SCRATCH,
  'distroless-static': RuntimeBase.DISTROLESS_STATIC,
  'alpine': RuntimeBase.ALPINE,
  'debian-slim': RuntimeBase.DEBIAN_SLIM,
};

function parseRuntimeBase(value: string): RuntimeBase {
  const base = RUNTIME_BASES[value];
  if (!base) {
    throw new Error(
      `RustServiceProject: runtimeBase '${value}' is not a built-in base. Use one of ${Object.keys(RUNTIME_BASES).join(', ')}, ` +
      'or set buildOptions.runtimeBase to RuntimeBase.custom(image, libc, glibcVersion) for another image.',
    );
  }
  return base;
}
