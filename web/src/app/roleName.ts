/** Role and permission names in the current language, from the roles table the server enforces. */
import { PERMISSIONS, ROLES, isRole } from '../../../src/domain/roles';
import { currentLanguage } from '../i18n';

export function roleName(role: string, fallback = role): string {
  if (!isRole(role)) return fallback;
  return currentLanguage() === 'en' ? ROLES[role].labelEn : ROLES[role].label;
}

export function permissionName(code: string): string {
  return (PERMISSIONS as Record<string, string>)[code] ?? code;
}
