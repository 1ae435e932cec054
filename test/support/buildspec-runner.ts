import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Buildspec } from '../../src/render/buildspec';

/**
 * Runs the nodes of a rendered buildspec with bash, the way CodeBuild runs them (phase by phase,
 * command by command, stopping at the first failing command), against stand-in `docker`, `aws`,
 * `curl` and `uname` scripts that record their arguments and keep a fake ECR in a folder.
 */

/** One recorded call of a stand-in: the program and its arguments. */
export interface Call {
  readonly program: string;
  readonly args: string[];
}

export interface NodeRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly calls: Call[];
}

export interface RunOptions {
  /** `uname -m` of the host (default x86_64). */
  readonly machine?: string;
  /** Whether the CodeBuild image ships buildx (default true). */
  readonly buildxPresent?: boolean;
  /** An error code `aws ecr describe-images` fails with (e.g. ThrottlingException). */
  readonly ecrError?: string;
  /** Only look-ups of this tag fail with `ecrError`. @default - every look-up */
  readonly ecrErrorTag?: string;
}

const STANDINS: Record<string, string[]> = {
  docker: [
    '#!/usr/bin/env bash',
    '# login reads the password first, so the pipeline\'s aws call is always logged before it',
    'if [ "$1" = login ]; then cat > /dev/null; fi',
    'line=docker; for a in "$@"; do line+=$\'\\t\'"$a"; done; printf "%s\\n" "$line" >> "$FAKE_LOG"',
    'if [ "$1 $2" = "buildx version" ]; then',
    '  if [ "$FAKE_BUILDX_PRESENT" = true ] || [ -x "$HOME/.docker/cli-plugins/docker-buildx" ]; then echo "github.com/docker/buildx v0.test"; exit 0; fi',
    '  echo "docker: unknown command: docker buildx" >&2; exit 1',
    'fi',
    'if [ "$1" = login ]; then exit 0; fi',
    'push_tag() { digest="sha256:$(printf "%s" "$1" | sha256sum | cut -c1-64)"; printf "%s" "$digest" > "$FAKE_ECR/${1##*:}"; }',
    'if [ "$1 $2" = "buildx build" ]; then',
    '  while [ $# -gt 0 ]; do if [ "$1" = --output ]; then name="${2#*name=}"; push_tag "${name%%,*}"; fi; shift; done; exit 0',
    'fi',
    'if [ "$1 $2 $3" = "buildx imagetools create" ]; then push_tag "$5"; exit 0; fi',
    'exit 0',
  ],
  aws: [
    '#!/usr/bin/env bash',
    'line=aws; for a in "$@"; do line+=$\'\\t\'"$a"; done; printf "%s\\n" "$line" >> "$FAKE_LOG"',
    'if [ "$2" = get-login-password ]; then echo fake-password; exit 0; fi',
    'if [ "$2" = describe-images ]; then',
    '  tag=""; query=""',
    '  while [ $# -gt 0 ]; do case "$1" in --image-ids) tag="${2#imageTag=}";; --query) query="$2";; esac; shift; done',
    '  if [ -n "$FAKE_ECR_ERROR" ] && { [ -z "$FAKE_ECR_ERROR_TAG" ] || [ "$FAKE_ECR_ERROR_TAG" = "$tag" ]; }; then echo "An error occurred ($FAKE_ECR_ERROR) when calling the DescribeImages operation" >&2; exit 254; fi',
    '  if [ ! -e "$FAKE_ECR/$tag" ]; then echo "An error occurred (ImageNotFoundException)" >&2; exit 254; fi',
    '  if [ -n "$query" ]; then cat "$FAKE_ECR/$tag"; echo; else echo "{\\"imageDetails\\": []}"; fi; exit 0',
    'fi',
    'exit 0',
  ],
  curl: [
    '#!/usr/bin/env bash',
    'line=curl; for a in "$@"; do line+=$\'\\t\'"$a"; done; printf "%s\\n" "$line" >> "$FAKE_LOG"',
    'out=""; url=""',
    'while [ $# -gt 0 ]; do case "$1" in -o) out="$2"; shift;; -*) ;; *) url="$1";; esac; shift; done',
    'binary="$(printf "#!/bin/sh\\necho github.com/docker/buildx installed\\n")"',
    'case "$url" in',
    '  */checksums.txt) dir="${url%/checksums.txt}"; version="${dir##*/}";',
    '    for arch in amd64 arm64; do printf "%s *buildx-%s.linux-%s\\n" "$(printf "%s\\n" "$binary" | sha256sum | cut -c1-64)" "$version" "$arch"; done > "$out";;',
    '  *) printf "%s\\n" "$binary" > "$out";;',
    'esac',
  ],
  uname: [
    '#!/usr/bin/env bash',
    'if [ "$1" = -m ]; then echo "$FAKE_MACHINE"; else echo Linux; fi',
  ],
};

/** A fake CodeBuild: a shared fake ECR, and `run(node)` for each node of the batch. */
export class FakeCodeBuild {
  public readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buildspec-run-'));
  public readonly ecr = path.join(this.dir, 'ecr');
  private readonly bin = path.join(this.dir, 'bin');

  constructor(private readonly buildspec: Buildspec) {
    fs.mkdirSync(this.ecr);
    fs.mkdirSync(this.bin);
    for (const [name, lines] of Object.entries(STANDINS)) {
      fs.writeFileSync(path.join(this.bin, name), lines.join('\n') + '\n', { mode: 0o755 });
    }
  }

  /** Puts a tag into the fake ECR, as an earlier build would have. Returns its digest. */
  public seed(tag: string): string {
    const digest = `sha256:${'a'.repeat(64)}`;
    fs.writeFileSync(path.join(this.ecr, tag), digest);
    return digest;
  }

  /** The digest the fake ECR holds for a tag. */
  public digest(tag: string): string | undefined {
    const file = path.join(this.ecr, tag);
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  }

  /** Runs every phase of one build-graph node; each node gets its own host (state dir, HOME). */
  public run(identifier: string, options: RunOptions = {}): NodeRun {
    const node = this.buildspec.batch['build-graph'].find((n) => n.identifier === identifier);
    if (!node) {
      throw new Error(`No build-graph node '${identifier}'`);
    }
    const host = fs.mkdtempSync(path.join(this.dir, `${identifier}-`));
    const log = path.join(host, 'calls.log');
    fs.writeFileSync(log, '');
    const phases = this.buildspec.phases;
    const lines = [phases.install, phases.pre_build, phases.build].flatMap((phase) => phase.commands).flatMap((command, i) => [
      command,
      `rc=$?; if [ "$rc" -ne 0 ]; then echo "command ${i} failed with $rc" >&2; exit "$rc"; fi`,
    ]);
    const script = path.join(host, 'buildspec.sh');
    fs.writeFileSync(script, lines.join('\n') + '\n');
    const env: Record<string, string> = {
      PATH: `${this.bin}:${process.env.PATH}`,
      HOME: path.join(host, 'home'),
      AWS_REGION: 'eu-west-1',
      FAKE_LOG: log,
      FAKE_ECR: this.ecr,
      FAKE_MACHINE: options.machine ?? 'x86_64',
      FAKE_BUILDX_PRESENT: String(options.buildxPresent ?? true),
      FAKE_ECR_ERROR: options.ecrError ?? '',
      FAKE_ECR_ERROR_TAG: options.ecrErrorTag ?? '',
      ...this.buildspec.env.variables,
      ...node.env.variables,
      STATE_DIR: path.join(host, 'state'),
    };
    const result = spawnSync('bash', [script], { cwd: host, env, encoding: 'utf8' });
    const calls = fs.readFileSync(log, 'utf8').split('\n').filter((l) => l !== '').map((l) => {
      const [program, ...args] = l.split('\t');
      return { program, args };
    });
    return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, calls };
  }

  public dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
