import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/**
 * cdk-nag's AwsSolutions findings that were not acknowledged, as `rule resource-path` lines (empty
 * when clean). The pack is attached the cdk-nag 3 way (`Validations.of(app).addPlugins`); the report
 * is read with `validateScope(app)`, because aws-cdk-lib before the release that passes the construct
 * tree to validation plugins (2.257 is installed here) makes the plugin fail with "NagPack requires
 * a construct tree on the validation context".
 */
export function nagFindings(app: App): string[] {
  const pack = new AwsSolutionsChecks(app);
  Validations.of(app).addPlugins(pack);
  const report = pack.validateScope(app);
  return report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath ?? r.resourceLogicalId}: ${v.description}`));
}
