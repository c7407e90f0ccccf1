/** JSON shapes of the /api/v1 contract (camelCase; enumerations carry their stable codes). */

export interface PlaceRef {
  code: string;
  name: string;
  level: number;
}

export interface Place extends PlaceRef {
  parentCode: string | null;
  path: PlaceRef[];
}

export interface PlaceChild extends PlaceRef {
  households: number;
  persons: number;
  poorHouseholds: number;
  poorPersons: number;
}

export interface PlaceChildren {
  place: PlaceRef;
  children: PlaceChild[];
}

export interface PlaceSearchHit extends PlaceRef {
  path: PlaceRef[];
}

export interface HouseholdListItem {
  householdNo: string;
  countyCode: string;
  villageCode: string;
  placePath: string;
  headName: string;
  headIdNumber: string | null;
  attribute: string;
  status: string;
  monitorCategory: string | null;
  mainCause: string | null;
  size: number;
  identifiedYear: number | null;
  exitYear: number | null;
  perCapitaNet: number | null;
}

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

export interface Household {
  householdNo: string;
  countyCode: string;
  townshipCode: string;
  villageCode: string;
  placePath: string;
  headName: string;
  headIdNumber: string | null;
  phone: string | null;
  attribute: string;
  status: string;
  monitorCategory: string | null;
  identifiedYear: number | null;
  plannedExitYear: number | null;
  exitYear: number | null;
  mainCause: string | null;
  otherCauses: string[];
  size: number;
  foodSecure: boolean | null;
  clothingSecure: boolean | null;
  houseGrade: string | null;
  houseRenovated: boolean | null;
  relocated: boolean | null;
  waterLpd: number | null;
  waterQualityOk: boolean | null;
  waterTripMinutes: number | null;
  waterPiped: boolean | null;
  waterOutageDays: number | null;
  waterScarceArea: boolean | null;
  waterHorizontalM: number | null;
  waterVerticalM: number | null;
  /** Open risk types (codes of POLICY §6). */
  openRiskTypes: string[];
  deregisterReason: string | null;
}

export interface Member {
  /** The member's stable key (the ID number is masked and may be corrected). */
  memberKey: string;
  idNumber: string;
  name: string;
  sex: string;
  birthDate: string;
  age: number;
  relation: string;
  ethnicity: string | null;
  education: string | null;
  schooling: string | null;
  health: string | null;
  disabilityGrade: number | null;
  labour: string | null;
  workStatus: string | null;
  insuredBasic: boolean | null;
  insuredSerious: boolean | null;
  insuredCommercial: boolean | null;
  insuredPension: boolean | null;
  familyDoctor: boolean | null;
  chronicCard: boolean | null;
  homeSchooling: boolean | null;
  phone: string | null;
  /** Health, disability grade and chronic card withheld from this user (his department's line does not need them). */
  healthWithheld?: true;
}

export interface Income {
  year: number;
  wages: number;
  productionNet: number;
  property: number;
  transfer: number;
  productionCost: number;
  householdSize: number;
  perCapitaNet: number;
}

export interface StatusRecord {
  year: number;
  status: string;
  monitorCategory: string | null;
  reason: string | null;
}

export interface HouseholdCard {
  household: Household;
  members: Member[];
  incomes: Income[];
  statusHistory: StatusRecord[];
}

/** The signed-in user (GET /auth/me). */
export interface Me {
  id: number;
  username: string;
  displayName: string;
  role: string;
  roleLabel: string;
  /** The place scope: '0' the nation, or a 2/4/6/9/12-digit code. */
  placeCode: string;
  departmentLine: string | null;
  permissions: string[];
  mustChangePassword: boolean;
  passwordExpiresAt: string | null;
  /** TOTP (动态口令) is on: every login needs a code after the password. */
  totpEnabled: boolean;
  /** The role must use TOTP and the user has not enrolled: only the enrolment page answers. */
  mustEnrolTotp: boolean;
}

/** The password policy in force (GET /auth/password-policy). */
export interface PasswordPolicy {
  profile: string;
  profileLabel: string;
  minLength: number;
  maxLength: number;
  minClasses: number;
  forbidUsername: boolean;
  maxAgeDays: number | null;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: string;
  roleLabel: string;
  placeCode: string;
  placeName: string | null;
  departmentLine: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  /** TOTP (动态口令) is on for this account. */
  totpEnabled: boolean;
  passwordChangedAt: string;
  createdAt: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: string;
  placeCode: string;
  departmentLine?: string | null;
}

export interface UserWithPassword {
  user: User;
  oneTimePassword: string;
}

export interface RoleInfo {
  code: string;
  label: string;
  labelEn: string;
  permissions: string[];
  scopeLevels: string[];
  privileged: boolean;
}

export interface Roles {
  roles: RoleInfo[];
  permissions: { code: string; label: string }[];
  departmentLines: { code: string; label: string }[];
}

export interface AuditEvent {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  role: string | null;
  address: string | null;
  action: string;
  actionLabel: string;
  objectType: string | null;
  objectId: string | null;
  placeCode: string | null;
  before: unknown;
  after: unknown;
  outcome: string;
  note: string | null;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstId: number | null;
  lastId: number;
  headHash: string;
  broken?: { id: number; reason: string };
}

/** One change of a field in a timeline entry: camelCase field name, stored values (enum codes; ID numbers and phones masked). */
export interface FieldChange {
  field: string;
  /** The field's Chinese name. */
  fieldLabel: string;
  before: unknown;
  after: unknown;
}

/** One entry of a household's 操作记录 (GET /households/:no/timeline), newest first. */
export interface TimelineEntry {
  id: number;
  at: string;
  userName: string | null;
  /** Role code and its Chinese name at the time of the change. */
  role: string | null;
  roleLabel: string | null;
  action: string;
  actionLabel: string;
  /** What was changed, in words: "成员 张三" (null: the household's own record). */
  subject: string | null;
  changes: FieldChange[];
}

export interface Timeline {
  items: TimelineEntry[];
}
