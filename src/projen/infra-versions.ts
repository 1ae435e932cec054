/**
 * The dependency ranges the generated `infra/` app asks for. Constants, never resolved at synth
 * time: the user's install has this library's peers but not its development dependencies, and
 * whatever it has is not necessarily the line this library was built against.
 *
 * They match the library's own pins in `.projenrc.ts` (CDK_FLOOR, constructsVersion, the Node types
 * line); test/projen/infra-versions.test.ts holds them to package.json.
 */

/** aws-cdk-lib: the library's peer floor (cdk-nag 3 needs 2.257). */
export const INFRA_CDK_RANGE = '^2.257.0';

/** constructs: the library's peer floor. */
export const INFRA_CONSTRUCTS_RANGE = '^10.5.1';

/** @types/node: the types of the oldest Node line the library supports (minNodeVersion 20). */
export const INFRA_NODE_TYPES_RANGE = '^20';
