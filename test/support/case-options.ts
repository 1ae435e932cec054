import { Libc, Platform, RuntimeBase } from '../../src/plan/option-values';
import { RustBuildOptions } from '../../src/plan/options';

/**
 * The construct-style props of a shared case (props.json) as RustBuildOptions. The case props are
 * a proposal (cases/README.md); only the fields planBuild takes are carried over, and runtime bases
 * given as image strings become the matching RuntimeBase.
 */
export function optionsFromCaseProps(props: Record<string, any>): RustBuildOptions {
  const targets: Record<string, string> | undefined = props.targets;
  const floor = targets ? /\.(\d+\.\w+)$/.exec(Object.values(targets)[0])?.[1] : undefined;
  return {
    binary: props.binary,
    package: props.package,
    platforms: props.platforms?.map((p: string) => Platform.of(p)),
    libc: props.libc === 'gnu' ? Libc.gnu(floor) : props.libc === 'musl' ? Libc.MUSL : undefined,
    runtimeBase: props.runtimeBase ? runtimeBase(props.runtimeBase) : undefined,
    registryMirror: props.registryMirror,
    toolVersions: {
      zig: props.toolchain?.zig,
      cargoZigbuild: props.toolchain?.cargoZigbuild,
      cargoChef: props.toolchain?.cargoChef,
      builderImage: props.builderBase,
    },
  };
}

function runtimeBase(image: string): RuntimeBase {
  if (/^debian:bookworm-slim$/.test(image)) return RuntimeBase.DEBIAN_SLIM;
  if (/^alpine(:|$)/.test(image)) return RuntimeBase.custom(image, 'musl');
  if (/^(amazonlinux|debian|ubuntu):/.test(image)) return RuntimeBase.custom(image, 'gnu');
  return RuntimeBase.custom(image, 'static');
}
