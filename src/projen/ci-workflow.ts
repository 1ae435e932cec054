import { github } from 'projen';

/** What the CI workflow of a Rust service needs to know. */
export interface CiWorkflowProps {
  /** Image name used for the local tag of the CI build. */
  readonly name: string;
  /** Docker platforms the image is built for, e.g. `linux/amd64`. */
  readonly platforms: string[];
  /** Branch whose pushes run the workflow (pull requests always do). */
  readonly branch: string;
}

/** Pinned major versions of the GitHub actions the workflow uses. */
const CHECKOUT = 'actions/checkout@v5';
const SETUP_BUILDX = 'docker/setup-buildx-action@v3';

/**
 * Adds `.github/workflows/ci.yml`: a `check` job (format, clippy with warnings as errors, tests)
 * and an `image` job that builds the image for every platform with docker buildx. No QEMU step:
 * the builder stages run on the runner's own platform and cross-compile, and the runtime stage
 * runs no command, so nothing is emulated.
 */
export function addCiWorkflow(gh: github.GitHub, props: CiWorkflowProps): github.GithubWorkflow {
  const workflow = gh.addWorkflow('ci');
  workflow.on({ push: { branches: [props.branch] }, pullRequest: {} });

  const readOnly = { contents: github.workflows.JobPermission.READ };
  workflow.addJob('check', {
    name: 'cargo fmt, clippy, test',
    runsOn: ['ubuntu-latest'],
    permissions: readOnly,
    steps: [
      { name: 'Checkout', uses: CHECKOUT },
      // rustup no longer installs the rust-toolchain.toml toolchain on first use.
      { name: 'Install the toolchain of rust-toolchain.toml', run: 'rustup toolchain install' },
      { name: 'Format', run: 'cargo fmt --all -- --check' },
      { name: 'Lint', run: 'cargo clippy --all-targets -- -D warnings' },
      { name: 'Test', run: 'cargo test' },
    ],
  });
  workflow.addJob('image', {
    name: `Image (${props.platforms.join(', ')})`,
    runsOn: ['ubuntu-latest'],
    permissions: readOnly,
    steps: [
      { name: 'Checkout', uses: CHECKOUT },
      { name: 'Set up docker buildx', uses: SETUP_BUILDX },
      { name: 'Build the image', run: dockerBuildCommand(props.name, props.platforms, 'ci') },
    ],
  });
  return workflow;
}

/** The buildx command that builds the image of the project root for `platforms`. */
export function dockerBuildCommand(name: string, platforms: string[], tag: string): string {
  return `docker buildx build --platform ${platforms.join(',')} --tag ${name}:${tag} .`;
}
