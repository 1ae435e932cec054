/**
 * The runtime stage and the stage that feeds it files. The runtime stage follows the target platform
 * and only copies, so building it for another architecture needs no emulation (case B22).
 */
import { copyJson, dockerfileValue, execForm, run } from './dockerfile-shell';
import type { BuildPlan } from '../plan/model';

export const RUNTIME_FILES_STAGE = 'runtime-files';

/** CA bundle and tzdata, installed on the build platform (the files are the same on every arch). */
export function runtimeFilesStage(plan: BuildPlan): string[] {
  const packages = [
    ...(plan.runtime.caCertificates ? ['ca-certificates'] : []),
    ...(plan.runtime.timezoneData ? ['tzdata'] : []),
  ];
  if (packages.length === 0) return [];
  return [
    `FROM --platform=$BUILDPLATFORM ${plan.images.runtimeFiles} AS ${RUNTIME_FILES_STAGE}`,
    run([
      'apt-get update',
      `apt-get install -y --no-install-recommends ${packages.join(' ')}`,
      'rm -rf /var/lib/apt/lists/*',
    ]),
  ];
}

/** The runtime stage: COPY, metadata, exec-form ENTRYPOINT; never RUN. */
export function runtimeStage(plan: BuildPlan): string[] {
  const rt = plan.runtime;
  const lines = [`FROM ${plan.images.runtime} AS runtime`];
  if (rt.caCertificates) {
    lines.push(`COPY --from=${RUNTIME_FILES_STAGE} /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt`);
  }
  if (rt.timezoneData) lines.push(`COPY --from=${RUNTIME_FILES_STAGE} /usr/share/zoneinfo /usr/share/zoneinfo`);
  lines.push(`COPY --from=builder /out/${plan.binary} ${rt.binaryPath}`);
  for (const f of rt.extraFiles) lines.push(copyJson(f.source, f.destination));
  const env: Record<string, string> = { ...rt.env };
  if (rt.caCertificates) env.SSL_CERT_FILE = env.SSL_CERT_FILE ?? '/etc/ssl/certs/ca-certificates.crt';
  const keys = Object.keys(env).sort();
  if (keys.length > 0) lines.push(`ENV ${keys.map((k) => `${checkEnvName(k)}=${dockerfileValue(env[k])}`).join(' ')}`);
  if (rt.ports.length > 0) lines.push(`EXPOSE ${rt.ports.join(' ')}`);
  const labels = Object.keys(rt.labels).sort();
  if (labels.length > 0) lines.push(`LABEL ${labels.map((k) => `${dockerfileValue(k)}=${dockerfileValue(rt.labels[k])}`).join(' ')}`);
  if (rt.healthCheck) {
    const h = rt.healthCheck;
    lines.push(
      // A zero start period is Docker's default and dockerfile-utils rejects `--start-period=0s`.
      `HEALTHCHECK --interval=${h.intervalSeconds}s --timeout=${h.timeoutSeconds}s ` +
      `${h.startPeriodSeconds > 0 ? `--start-period=${h.startPeriodSeconds}s ` : ''}--retries=${h.retries} CMD ${execForm(h.command)}`,
    );
  }
  lines.push(`USER ${rt.user}`);
  lines.push(`ENTRYPOINT ${execForm([rt.binaryPath])}`);
  return lines;
}

function checkEnvName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new Error(`environment variable name '${name}' is not valid: use letters, digits and '_', not starting with a digit.`);
  }
  return name;
}
