/** Laying a partial override over complete rules, following the rule schema's structure. */
import type { PolicyOverrides, PolicyRules } from './record';
import { policyRulesObject } from './rulesSchema';
import { mergeBySchema } from './schemaWalk';

export function mergeRules(base: PolicyRules, override: PolicyOverrides): PolicyRules {
  return mergeBySchema(policyRulesObject, base, override) as PolicyRules;
}
