import { ProjectOptions } from 'projen';
import { RustBuildOptions } from '../plan/options';

/** Options of {@link RustServiceProject}. */
export interface RustServiceProjectOptions extends ProjectOptions {
  /**
   * Rust edition of the generated crate (written once into Cargo.toml).
   *
   * @default '2024'
   * @featured
   */
  readonly edition?: string;

  /**
   * Rust toolchain channel written to rust-toolchain.toml (`1.97.1`, `stable`, `nightly-2026-03-11`).
   * The image build installs the same channel. A fixed version keeps builds reproducible.
   *
   * @default - the Rust version this library pins for image builds
   * @featured
   */
  readonly rustChannel?: string;

  /**
   * Port the service listens on: the default of the generated src/main.rs and the `EXPOSE` of the
   * image.
   *
   * @default 8080
   * @featured
   */
  readonly port?: number;

  /**
   * Platforms of the image, as Docker platform strings (`linux/amd64`, `linux/arm64`).
   *
   * @default ['linux/amd64', 'linux/arm64']
   * @featured
   */
  readonly platforms?: string[];

  /**
   * C library of the binary: `musl` (static, runs on any base), `gnu` (glibc of the runtime base)
   * or `gnu.<version>` (glibc no newer than that version, e.g. `gnu.2.36`).
   *
   * @default 'musl'
   */
  readonly libc?: string;

  /**
   * Base of the runtime stage: `scratch`, `distroless-static`, `alpine` or `debian-slim`. For any
   * other image, set `buildOptions.runtimeBase` to `RuntimeBase.custom(...)` instead.
   *
   * @default - 'scratch' for musl, 'debian-slim' for gnu
   */
  readonly runtimeBase?: string;

  /**
   * Every other build setting (features, health check, extra files, tool versions, ...). Platforms,
   * libc and runtime base belong in the options above; setting them in both places is an error.
   *
   * @default - the defaults of RustBuildOptions
   */
  readonly buildOptions?: RustBuildOptions;

  /**
   * Add a GitHub Actions CI workflow (`.github/workflows/ci.yml`).
   *
   * @default true
   */
  readonly ciWorkflow?: boolean;

  /**
   * Branch whose pushes run the CI workflow (pull requests always do).
   *
   * @default 'main'
   */
  readonly defaultReleaseBranch?: string;

  /**
   * Add a CDK app in `infra/` (written once, yours to change): the service's RustMultiArchImage,
   * a VPC, an ECS cluster and a load-balanced Fargate service on ARM64, plus the `infra:synth` task
   * and the aws-cdk-lib and constructs development dependencies.
   *
   * @default false
   * @featured
   */
  readonly infra?: boolean;

  /**
   * Add a deploy pipeline to the `infra/` app (turns `infra` on): a RustImagePipeline that, on every
   * push, rebuilds the image from the committed Dockerfile and rolls the Fargate service to it. Its
   * source is a CodeStar connection read from CDK context (`connectionArn`, `repository` as
   * owner/name, optional `branch`) in infra/cdk.json; synthesis fails, naming the key, until set.
   *
   * @default false
   * @featured
   */
  readonly infraPipeline?: boolean;

  /**
   * Node.js development dependencies of `.projenrc.ts` (`projen new --from` puts the module spec
   * here). projen, this library, ts-node and typescript are always added.
   *
   * @default []
   */
  readonly devDeps?: string[];
}
