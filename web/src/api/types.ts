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
  deregisterReason: string | null;
}

export interface Member {
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
