/**
 * Checks of what native crates produced, run where a broken result would otherwise surface only at the
 * final link or at runtime. jemalloc's configure/make build can produce an archive with no objects
 * under a cross C compiler; cargo does not treat that as an error, so the link fails much later on
 * undefined `_rjem_*` symbols (case B15). The check runs in the same RUN as `cook`, so a broken
 * dependency layer is never cached.
 */
import { quote } from './shell';
import type { BuildPlan } from '../plan/model';

/**
 * Shell commands (after `selectTarget`, so `$artifact` is set) that fail when a jemalloc archive built by
 * `cook` does not define `_rjem_malloc`. Empty when jemalloc is not compiled for the target. `readelf`
 * reads archives of any architecture, unlike the host's `nm` on some distributions.
 */
export function jemallocArchiveCheck(plan: BuildPlan, src: string): string[] {
  if (!plan.checks.jemalloc) return [];
  const buildDir = `${quote(`${src}/${plan.targetDir}`)}/"$artifact"/${quote(plan.profileDir)}/build`;
  return [
    // A target whose cfg leaves jemalloc out builds no archive: nothing to check then.
    `for lib in $(find ${buildDir} -path '*jemalloc-sys-*/out/*' -name 'libjemalloc*.a' 2>/dev/null); do ` +
    'if ! readelf -sW "$lib" | awk \'$8 == "_rjem_malloc" && $7 != "UND" { found = 1 } END { exit !found }\'; then ' +
    'echo "$lib defines no _rjem_malloc ($(ar t "$lib" | wc -l) members): jemalloc\'s configure/make produced an empty ' +
    'archive for $triple and the final link would fail on undefined _rjem_ symbols. Build each architecture on its own ' +
    'host (the NATIVE strategy) or drop the jemalloc feature for this target." >&2; exit 1; fi; done',
  ];
}

/**
 * Commands (after `bin` is set) that fail when the linked binary still references `_rjem_` symbols. Each name is
 * listed once: an unstripped binary has it in both .dynsym and .symtab.
 */
export function jemallocBinaryCheck(plan: BuildPlan): string[] {
  if (!plan.checks.jemalloc) return [];
  return [
    'if readelf -sW "$bin" | awk \'$7 == "UND" && $8 ~ /^_rjem_/ { found = 1 } END { exit !found }\'; then ' +
    'echo "$bin has undefined jemalloc symbols: $(readelf -sW "$bin" | awk \'$7 == "UND" && $8 ~ /^_rjem_/ { print $8 }\' | sort -u | tr \'\\n\' \' \')" >&2; exit 1; fi',
  ];
}
