#!/usr/bin/env bash
# Installs the tools the test suite runs on generated artefacts, beyond npm packages:
#   - ShellCheck, for every shell line of the CodeBuild buildspecs
#   - gcc, binutils, the aarch64 cross gcc with its libc and rustc, to build the real ELF files that the
#     rendered Dockerfile's post-link checks (readelf) are run against
#   - cfn-lint, for every synthesized CloudFormation template (python; it must already be on the machine,
#     since PyPI is not reachable from where this project is built)
#   - moto_server, ECR on 127.0.0.1 for the tests of the deploy-time trigger (python, like cfn-lint)
# Safe to run again: it installs only what is missing.
set -euo pipefail

missing=()
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
command -v gcc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
command -v readelf >/dev/null 2>&1 || missing+=(binutils)
command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || missing+=(gcc-aarch64-linux-gnu)
[ -e /usr/aarch64-linux-gnu/lib/libc.a ] || missing+=(libc6-dev-arm64-cross)
# Any rustc for the host will do (a rustup one counts); Debian's is the fallback.
command -v rustc >/dev/null 2>&1 || missing+=(rustc)

if ((${#missing[@]} > 0)); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-test-tools: need root (or sudo) to apt-get install: ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "install-test-tools: cfn-lint is not installed; install cfn-lint 1.x (pip install cfn-lint) and run again" >&2
  exit 1
fi

if ! command -v moto_server >/dev/null 2>&1; then
  echo "install-test-tools: moto_server is not installed; install moto[server] 5.x (pip install 'moto[server]') and run again" >&2
  exit 1
fi

echo "install-test-tools: shellcheck $(shellcheck --version | sed -n 's/^version: //p'), $(cfn-lint --version), $(aarch64-linux-gnu-gcc -dumpfullversion) (aarch64 gcc), $(rustc --version)"
