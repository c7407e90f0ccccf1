/**
 * Who may see ID numbers and phones in clear in an export. The one decision point: the access
 * module replaces `mayReveal` with a check of the viewer's role.
 */
export const REVEALABLE_FIELDS = ['idNumber', 'phone'] as const;
export type RevealableField = (typeof REVEALABLE_FIELDS)[number];

/** Whether `viewer` may see `field` in clear. Everyone may, until the access module decides. */
export function mayReveal(_viewer: unknown, _field: RevealableField): boolean {
  return true;
}
