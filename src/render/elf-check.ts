/**
 * The checks run on the linked binary before the runtime stage copies it (cases B14, B18, B20):
 * the ELF machine matches the architecture, a static build has no interpreter and no NEEDED entry,
 * and a gnu build uses no `GLIBC_x.y` symbol version newer than the runtime base's glibc.
 */
import { jemallocBinaryCheck } from './native-checks';
import { quote } from './shell';
import type { BuildPlan } from '../plan/model';

/** Shell commands (run after `selectTarget`, so `$artifact` is set) that check and install the binary. */
export function elfChecks(plan: BuildPlan): string[] {
  const bin = `${quote(`/src/${plan.targetDir}`)}/"$artifact"/${quote(plan.profileDir)}/${quote(plan.binary)}`;
  const machines = plan.platforms.map((p) => `${p.arch}) want='${p.elfMachine}' ;;`).join(' ');
  const cmds = [
    `bin=${bin}`,
    `case "$TARGETARCH" in ${machines} esac`,
    'machine="$(readelf -h "$bin" | sed -n \'s/^ *Machine: *//p\')"',
    'if [ "$machine" != "$want" ]; then echo "$bin is built for \'$machine\', expected \'$want\' for $TARGETARCH" >&2; exit 1; fi',
  ];
  if (plan.checks.static) {
    cmds.push(
      'if readelf -l "$bin" | grep -q "program interpreter"; then echo "$bin has an ELF interpreter: it is not static and cannot run on a base without a loader" >&2; exit 1; fi',
      'if readelf -d "$bin" | grep -q "(NEEDED)"; then echo "$bin needs shared libraries: $(readelf -d "$bin" | grep "(NEEDED)")" >&2; exit 1; fi',
    );
  }
  if (plan.checks.maxGlibc) {
    const floor = plan.checks.maxGlibc;
    cmds.push(
      'glibc="$(readelf -V "$bin" | grep -o "GLIBC_[0-9][0-9.]*" | sed "s/GLIBC_//" | sort -t. -k1,1n -k2,2n -k3,3n | tail -n 1)"',
      `if [ -n "$glibc" ] && [ "$(printf '%s\\n%s\\n' "$glibc" "${floor}" | sort -t. -k1,1n -k2,2n -k3,3n | tail -n 1)" != "${floor}" ]; then echo "$bin needs GLIBC_$glibc, newer than the runtime base's ${floor}" >&2; exit 1; fi`,
    );
  }
  cmds.push(...jemallocBinaryCheck(plan));
  cmds.push(`install -D -m 0755 "$bin" /out/${plan.binary}`);
  return cmds;
}
