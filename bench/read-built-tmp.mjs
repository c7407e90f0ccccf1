// src/modules/imports/csvReader.ts
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";

// src/domain/enums.ts
function enumeration(name, label, entries) {
  return { name, label, entries };
}
var householdAttribute = enumeration("householdAttribute", "\u8D2B\u56F0\u6237\u5C5E\u6027", [
  { code: "general", label: "\u4E00\u822C\u8D2B\u56F0\u6237", en: "general", aliases: ["\u4E00\u822C\u6237", "\u4E00\u822C"] },
  { code: "dibao", label: "\u4F4E\u4FDD\u8D2B\u56F0\u6237", en: "subsistence allowance (dibao)", aliases: ["\u4F4E\u4FDD\u6237", "\u4F4E\u4FDD"] },
  { code: "tekun", label: "\u7279\u56F0\u4F9B\u517B\u8D2B\u56F0\u6237", en: "extreme-poverty support (tekun)", aliases: ["\u7279\u56F0\u6237", "\u4E94\u4FDD\u6237", "\u4E94\u4FDD", "\u7279\u56F0\u4F9B\u517B", "\u4E94\u4FDD\u8D2B\u56F0\u6237"] }
]);
var povertyCause = enumeration("povertyCause", "\u81F4\u8D2B\u539F\u56E0", [
  { code: "illness", label: "\u56E0\u75C5", en: "illness", aliases: ["\u56E0\u75C5\u81F4\u8D2B"] },
  { code: "disability", label: "\u56E0\u6B8B", en: "disability", aliases: ["\u56E0\u6B8B\u81F4\u8D2B"] },
  { code: "schooling", label: "\u56E0\u5B66", en: "schooling costs", aliases: ["\u56E0\u5B66\u81F4\u8D2B"] },
  { code: "disaster", label: "\u56E0\u707E", en: "disaster", aliases: ["\u56E0\u707E\u81F4\u8D2B"] },
  { code: "land", label: "\u7F3A\u571F\u5730", en: "lack of land" },
  { code: "water", label: "\u7F3A\u6C34", en: "lack of water" },
  { code: "skills", label: "\u7F3A\u6280\u672F", en: "lack of skills" },
  { code: "labour", label: "\u7F3A\u52B3\u529B", en: "lack of labour" },
  { code: "capital", label: "\u7F3A\u8D44\u91D1", en: "lack of capital" },
  { code: "transport", label: "\u4EA4\u901A\u6761\u4EF6\u843D\u540E", en: "poor transport" },
  { code: "motivation", label: "\u81EA\u8EAB\u53D1\u5C55\u52A8\u529B\u4E0D\u8DB3", en: "lack of own drive", aliases: ["\u81EA\u8EAB\u53D1\u5C55\u4E0D\u8DB3", "\u81EA\u8EAB\u53D1\u5C55\u52A8\u529B\u4E0D\u8DB3"] }
]);
var householdStatus = enumeration("householdStatus", "\u6237\u72B6\u6001", [
  { code: "poor", label: "\u672A\u8131\u8D2B", en: "poor", aliases: ["\u8D2B\u56F0\u6237", "\u672A\u8131\u8D2B\u6237"] },
  { code: "exited", label: "\u5DF2\u8131\u8D2B", en: "exited", aliases: ["\u8131\u8D2B\u6237", "\u5DF2\u8131\u8D2B\u6237"] },
  { code: "returned", label: "\u8FD4\u8D2B", en: "returned to poverty", aliases: ["\u8FD4\u8D2B\u6237"] },
  { code: "monitored", label: "\u76D1\u6D4B\u5BF9\u8C61", en: "monitored", aliases: ["\u9632\u8FD4\u8D2B\u76D1\u6D4B\u5BF9\u8C61"] },
  { code: "risk_eliminated", label: "\u98CE\u9669\u5DF2\u6D88\u9664", en: "risk eliminated" },
  { code: "not_poor", label: "\u975E\u8D2B\u56F0", en: "never poor", aliases: ["\u975E\u8D2B\u56F0\u6237"] },
  { code: "deregistered", label: "\u6CE8\u9500", en: "deregistered", aliases: ["\u5DF2\u6CE8\u9500"] }
]);
var monitorCategory = enumeration("monitorCategory", "\u76D1\u6D4B\u5BF9\u8C61\u7C7B\u522B", [
  { code: "unstable", label: "\u8131\u8D2B\u4E0D\u7A33\u5B9A\u6237", en: "unstable exited household" },
  { code: "marginal", label: "\u8FB9\u7F18\u6613\u81F4\u8D2B\u6237", en: "marginal household at risk" },
  { code: "sudden", label: "\u7A81\u53D1\u4E25\u91CD\u56F0\u96BE\u6237", en: "sudden severe hardship" }
]);
var relation = enumeration("relation", "\u4E0E\u6237\u4E3B\u5173\u7CFB", [
  { code: "head", label: "\u6237\u4E3B", en: "head", aliases: ["\u672C\u4EBA"] },
  { code: "spouse", label: "\u914D\u5076", en: "spouse", aliases: ["\u59BB", "\u592B", "\u59BB\u5B50", "\u4E08\u592B"] },
  { code: "son", label: "\u4E4B\u5B50", en: "son", aliases: ["\u5B50", "\u513F\u5B50", "\u957F\u5B50", "\u6B21\u5B50"] },
  { code: "daughter", label: "\u4E4B\u5973", en: "daughter", aliases: ["\u5973", "\u5973\u513F", "\u957F\u5973", "\u6B21\u5973"] },
  { code: "daughter_in_law", label: "\u4E4B\u513F\u5AB3", en: "daughter-in-law", aliases: ["\u513F\u5AB3"] },
  { code: "son_in_law", label: "\u4E4B\u5973\u5A7F", en: "son-in-law", aliases: ["\u5973\u5A7F"] },
  { code: "grandson", label: "\u4E4B\u5B59\u5B50", en: "grandson", aliases: ["\u5B59\u5B50"] },
  { code: "granddaughter", label: "\u4E4B\u5B59\u5973", en: "granddaughter", aliases: ["\u5B59\u5973"] },
  { code: "father", label: "\u4E4B\u7236", en: "father", aliases: ["\u7236\u4EB2"] },
  { code: "mother", label: "\u4E4B\u6BCD", en: "mother", aliases: ["\u6BCD\u4EB2"] },
  { code: "sibling", label: "\u5144\u5F1F\u59D0\u59B9", en: "sibling", aliases: ["\u5144\u5F1F", "\u59D0\u59B9"] },
  { code: "other", label: "\u5176\u4ED6", en: "other" }
]);
var ETHNIC_GROUPS = [
  "\u6C49\u65CF",
  "\u8499\u53E4\u65CF",
  "\u56DE\u65CF",
  "\u85CF\u65CF",
  "\u7EF4\u543E\u5C14\u65CF",
  "\u82D7\u65CF",
  "\u5F5D\u65CF",
  "\u58EE\u65CF",
  "\u5E03\u4F9D\u65CF",
  "\u671D\u9C9C\u65CF",
  "\u6EE1\u65CF",
  "\u4F97\u65CF",
  "\u7476\u65CF",
  "\u767D\u65CF",
  "\u571F\u5BB6\u65CF",
  "\u54C8\u5C3C\u65CF",
  "\u54C8\u8428\u514B\u65CF",
  "\u50A3\u65CF",
  "\u9ECE\u65CF",
  "\u5088\u50F3\u65CF",
  "\u4F64\u65CF",
  "\u7572\u65CF",
  "\u9AD8\u5C71\u65CF",
  "\u62C9\u795C\u65CF",
  "\u6C34\u65CF",
  "\u4E1C\u4E61\u65CF",
  "\u7EB3\u897F\u65CF",
  "\u666F\u9887\u65CF",
  "\u67EF\u5C14\u514B\u5B5C\u65CF",
  "\u571F\u65CF",
  "\u8FBE\u65A1\u5C14\u65CF",
  "\u4EEB\u4F6C\u65CF",
  "\u7F8C\u65CF",
  "\u5E03\u6717\u65CF",
  "\u6492\u62C9\u65CF",
  "\u6BDB\u5357\u65CF",
  "\u4EE1\u4F6C\u65CF",
  "\u9521\u4F2F\u65CF",
  "\u963F\u660C\u65CF",
  "\u666E\u7C73\u65CF",
  "\u5854\u5409\u514B\u65CF",
  "\u6012\u65CF",
  "\u4E4C\u5B5C\u522B\u514B\u65CF",
  "\u4FC4\u7F57\u65AF\u65CF",
  "\u9102\u6E29\u514B\u65CF",
  "\u5FB7\u6602\u65CF",
  "\u4FDD\u5B89\u65CF",
  "\u88D5\u56FA\u65CF",
  "\u4EAC\u65CF",
  "\u5854\u5854\u5C14\u65CF",
  "\u72EC\u9F99\u65CF",
  "\u9102\u4F26\u6625\u65CF",
  "\u8D6B\u54F2\u65CF",
  "\u95E8\u5DF4\u65CF",
  "\u73DE\u5DF4\u65CF",
  "\u57FA\u8BFA\u65CF"
];
var ethnicity = enumeration(
  "ethnicity",
  "\u6C11\u65CF",
  ETHNIC_GROUPS.map((label, i) => ({
    code: String(i + 1).padStart(2, "0"),
    label,
    en: label,
    aliases: [label.replace(/族$/, "")]
  }))
);
var education = enumeration("education", "\u6587\u5316\u7A0B\u5EA6", [
  { code: "illiterate", label: "\u6587\u76F2\u6216\u534A\u6587\u76F2", en: "illiterate", aliases: ["\u6587\u76F2", "\u534A\u6587\u76F2"] },
  { code: "primary", label: "\u5C0F\u5B66", en: "primary" },
  { code: "junior", label: "\u521D\u4E2D", en: "junior secondary" },
  { code: "senior", label: "\u9AD8\u4E2D", en: "senior secondary" },
  { code: "vocational", label: "\u4E2D\u4E13/\u4E2D\u804C", en: "vocational secondary", aliases: ["\u4E2D\u4E13", "\u4E2D\u804C", "\u4E2D\u4E13\uFF08\u4E2D\u804C\uFF09"] },
  { code: "college", label: "\u5927\u4E13\u53CA\u4EE5\u4E0A", en: "college and above", aliases: ["\u5927\u4E13", "\u672C\u79D1", "\u5927\u5B66"] }
]);
var schooling = enumeration("schooling", "\u5728\u6821\u751F\u72B6\u51B5", [
  { code: "preschool", label: "\u5B66\u524D", en: "pre-school", aliases: ["\u5B66\u524D\u6559\u80B2"] },
  { code: "primary", label: "\u5C0F\u5B66", en: "primary school", aliases: ["\u5728\u6821\u5C0F\u5B66\u751F"] },
  { code: "junior", label: "\u521D\u4E2D", en: "junior secondary school", aliases: ["\u5728\u6821\u521D\u4E2D\u751F"] },
  { code: "senior", label: "\u9AD8\u4E2D", en: "senior secondary school", aliases: ["\u5728\u6821\u9AD8\u4E2D\u751F"] },
  { code: "vocational", label: "\u4E2D\u804C", en: "vocational school", aliases: ["\u4E2D\u4E13"] },
  { code: "college", label: "\u5927\u4E13", en: "college" },
  { code: "university", label: "\u672C\u79D1\u53CA\u4EE5\u4E0A", en: "university and above", aliases: ["\u672C\u79D1"] },
  { code: "none", label: "\u975E\u5728\u6821", en: "not in school", aliases: ["\u975E\u5728\u6821\u751F", "\u4E0D\u5728\u6821"] },
  { code: "dropout", label: "\u5931\u5B66/\u8F8D\u5B66", en: "out of school (drop-out)", aliases: ["\u5931\u5B66", "\u8F8D\u5B66", "\u5931\u5B66\u6216\u8F8D\u5B66"] }
]);
var health = enumeration("health", "\u5065\u5EB7\u72B6\u51B5", [
  { code: "healthy", label: "\u5065\u5EB7", en: "healthy" },
  { code: "chronic", label: "\u957F\u671F\u6162\u6027\u75C5", en: "chronic illness", aliases: ["\u6162\u6027\u75C5"] },
  { code: "serious", label: "\u60A3\u6709\u5927\u75C5", en: "serious illness", aliases: ["\u5927\u75C5"] },
  { code: "disabled", label: "\u6B8B\u75BE", en: "disabled" }
]);
var labourCapacity = enumeration("labourCapacity", "\u52B3\u52A8\u6280\u80FD", [
  { code: "ordinary", label: "\u666E\u901A\u52B3\u52A8\u529B", en: "ordinary labour" },
  { code: "skilled", label: "\u6280\u80FD\u52B3\u52A8\u529B", en: "skilled labour" },
  { code: "weak", label: "\u5F31\u52B3\u52A8\u529B\u6216\u534A\u52B3\u52A8\u529B", en: "weak or half labour", aliases: ["\u5F31\u52B3\u52A8\u529B", "\u534A\u52B3\u52A8\u529B"] },
  { code: "lost", label: "\u4E27\u5931\u52B3\u52A8\u529B", en: "lost capacity to work" },
  { code: "none", label: "\u65E0\u52B3\u52A8\u529B", en: "no labour capacity" }
]);
var workStatus = enumeration("workStatus", "\u52A1\u5DE5\u72B6\u51B5", [
  { code: "out_of_province", label: "\u7701\u5916\u52A1\u5DE5", en: "working outside the province" },
  { code: "in_province", label: "\u7701\u5185\u53BF\u5916\u52A1\u5DE5", en: "working in the province outside the county" },
  { code: "in_county", label: "\u53BF\u5185\u52A1\u5DE5", en: "working in the county" },
  { code: "in_township", label: "\u4E61\u9547\u5185\u52A1\u5DE5", en: "working in the township" },
  { code: "welfare_job", label: "\u516C\u76CA\u5C97\u4F4D", en: "public-welfare job", aliases: ["\u516C\u76CA\u6027\u5C97\u4F4D"] },
  { code: "farming", label: "\u52A1\u519C", en: "farming" },
  { code: "other", label: "\u5176\u4ED6", en: "other" },
  { code: "none", label: "\u65E0", en: "none", aliases: ["\u672A\u52A1\u5DE5"] }
]);
var houseGrade = enumeration("houseGrade", "\u4F4F\u623F\u5B89\u5168\u7B49\u7EA7", [
  { code: "A", label: "A\u7EA7", en: "A (safe)", aliases: ["A", "\u5B89\u5168"] },
  { code: "B", label: "B\u7EA7", en: "B (basically safe)", aliases: ["B", "\u57FA\u672C\u5B89\u5168"] },
  { code: "C", label: "C\u7EA7", en: "C (partly dangerous)", aliases: ["C", "\u5C40\u90E8\u5371\u9669"] },
  { code: "D", label: "D\u7EA7", en: "D (dangerous)", aliases: ["D", "\u6574\u4F53\u5371\u9669"] }
]);
var sex = enumeration("sex", "\u6027\u522B", [
  { code: "M", label: "\u7537", en: "male" },
  { code: "F", label: "\u5973", en: "female" }
]);
var leftBehind = enumeration("leftBehind", "\u4E09\u7559\u5B88", [
  { code: "child", label: "\u7559\u5B88\u513F\u7AE5", en: "left-behind child" },
  { code: "woman", label: "\u7559\u5B88\u5987\u5973", en: "left-behind woman" },
  { code: "elderly", label: "\u7559\u5B88\u8001\u4EBA", en: "left-behind elderly" },
  { code: "disabled", label: "\u6B8B\u75BE\u4EBA", en: "disabled person" }
]);
var lookupCache = /* @__PURE__ */ new Map();
function lookupTable(e) {
  let table = lookupCache.get(e);
  if (!table) {
    table = /* @__PURE__ */ new Map();
    for (const entry of e.entries) {
      table.set(entry.label, entry.code);
      table.set(entry.code, entry.code);
      for (const a of entry.aliases ?? []) if (!table.has(a)) table.set(a, entry.code);
    }
    lookupCache.set(e, table);
  }
  return table;
}
function codeOf(e, text) {
  return lookupTable(e).get(text.trim());
}
function allowedLabels(e) {
  return e.entries.map((x) => x.label).join("\u3001");
}

// src/modules/imports/columns.ts
var h = (header, key, kind, extra = {}) => ({ header, key, level: "household", kind, ...extra });
var inc = (header, key, kind) => ({ header, key, level: "income", kind });
var p = (header, key, kind, extra = {}) => ({ header, key, level: "person", kind, ...extra });
var COLUMNS = [
  h("\u6237\u7F16\u53F7", "household_no", "householdNo", { required: true, aliases: ["\u6237\u53F7", "\u5BB6\u5EAD\u7F16\u53F7"] }),
  h("\u7701", "province", "text", { aliases: ["\u7701\u4EFD", "\u7701(\u81EA\u6CBB\u533A\u3001\u76F4\u8F96\u5E02)"] }),
  h("\u5E02", "city", "text", { aliases: ["\u5E02(\u5DDE)", "\u5730\u5E02", "\u5E02\u5DDE"] }),
  h("\u53BF", "county", "text", { aliases: ["\u53BF(\u5E02\u3001\u533A)", "\u53BF\u533A", "\u53BF(\u533A)"] }),
  h("\u4E61\u9547", "township", "text", { aliases: ["\u4E61(\u9547)", "\u4E61\u9547(\u8857\u9053)", "\u4E61"] }),
  h("\u6751", "village", "text", { aliases: ["\u884C\u653F\u6751", "\u6751(\u793E\u533A)"] }),
  h("\u6751\u4EE3\u7801", "village_code", "villageCode", { aliases: ["\u884C\u653F\u533A\u5212\u4EE3\u7801", "\u6751\u7EA7\u4EE3\u7801"] }),
  h("\u6237\u4E3B\u59D3\u540D", "head_name", "name", { aliases: ["\u6237\u4E3B"] }),
  h("\u6237\u5C5E\u6027", "attribute", "enum", { enumeration: householdAttribute, required: true, aliases: ["\u8D2B\u56F0\u6237\u5C5E\u6027"] }),
  h("\u6237\u72B6\u6001", "status", "enum", { enumeration: householdStatus, required: true, aliases: ["\u8D2B\u56F0\u6237\u72B6\u6001"] }),
  h("\u76D1\u6D4B\u5BF9\u8C61\u7C7B\u522B", "monitor_category", "enum", { enumeration: monitorCategory }),
  h("\u8BC6\u522B\u5E74\u5EA6", "identified_year", "year", { aliases: ["\u8BC6\u522B\u65F6\u95F4"] }),
  h("\u8BA1\u5212\u8131\u8D2B\u5E74\u5EA6", "planned_exit_year", "year"),
  h("\u8131\u8D2B\u5E74\u5EA6", "exit_year", "year", { aliases: ["\u8131\u8D2B\u65F6\u95F4"] }),
  h("\u4E3B\u8981\u81F4\u8D2B\u539F\u56E0", "main_cause", "enum", { enumeration: povertyCause }),
  h("\u5176\u4ED6\u81F4\u8D2B\u539F\u56E0", "other_causes", "causes"),
  h("\u8054\u7CFB\u7535\u8BDD", "phone", "phone", { aliases: ["\u6237\u8054\u7CFB\u7535\u8BDD"] }),
  h("\u4E0D\u6101\u5403", "food_secure", "bool"),
  h("\u4E0D\u6101\u7A7F", "clothing_secure", "bool"),
  h("\u4F4F\u623F\u5B89\u5168\u7B49\u7EA7", "house_grade", "enum", { enumeration: houseGrade, aliases: ["\u4F4F\u623F\u5B89\u5168\u9274\u5B9A\u7B49\u7EA7"] }),
  h("\u5371\u623F\u6539\u9020", "house_renovated", "bool", { aliases: ["\u662F\u5426\u5371\u623F\u6539\u9020"] }),
  h("\u6613\u5730\u642C\u8FC1", "relocated", "bool", { aliases: ["\u6613\u5730\u6276\u8D2B\u642C\u8FC1", "\u662F\u5426\u6613\u5730\u642C\u8FC1"] }),
  h("\u4EBA\u5747\u65E5\u7528\u6C34\u91CF(\u5347)", "water_lpd", "litres", { aliases: ["\u4EBA\u5747\u65E5\u7528\u6C34\u91CF", "\u4EBA\u5747\u65E5\u4F9B\u6C34\u91CF(\u5347)"] }),
  h("\u6C34\u8D28\u8FBE\u6807", "water_quality_ok", "bool"),
  h("\u53D6\u6C34\u5F80\u8FD4\u65F6\u95F4(\u5206\u949F)", "water_trip_minutes", "count", { max: 1440, aliases: ["\u53D6\u6C34\u5F80\u8FD4\u65F6\u95F4"] }),
  h("\u81EA\u6765\u6C34\u5165\u6237", "water_piped", "bool"),
  h("\u5E74\u65AD\u6C34\u5929\u6570", "water_outage_days", "count", { max: 366, aliases: ["\u5E74\u7D2F\u8BA1\u65AD\u6C34\u5929\u6570"] }),
  h("\u7F3A\u6C34\u5730\u533A", "water_scarce_area", "bool"),
  inc("\u6536\u5165\u5E74\u5EA6", "income_year", "year"),
  inc("\u5DE5\u8D44\u6027\u6536\u5165", "wages", "money"),
  inc("\u751F\u4EA7\u7ECF\u8425\u6027\u51C0\u6536\u5165", "production_net", "money"),
  inc("\u8D22\u4EA7\u6027\u6536\u5165", "property", "money"),
  inc("\u8F6C\u79FB\u6027\u6536\u5165", "transfer", "money"),
  inc("\u751F\u4EA7\u7ECF\u8425\u6027\u652F\u51FA", "production_cost", "money"),
  p("\u59D3\u540D", "name", "name", { required: true, aliases: ["\u6210\u5458\u59D3\u540D"] }),
  p("\u8BC1\u4EF6\u53F7\u7801", "id_number", "idNumber", { required: true, aliases: ["\u8EAB\u4EFD\u8BC1\u53F7\u7801", "\u8EAB\u4EFD\u8BC1\u53F7", "\u516C\u6C11\u8EAB\u4EFD\u53F7\u7801"] }),
  p("\u4E0E\u6237\u4E3B\u5173\u7CFB", "relation", "enum", { enumeration: relation, required: true, aliases: ["\u4E0E\u6237\u4E3B\u7684\u5173\u7CFB"] }),
  p("\u6C11\u65CF", "ethnicity", "enum", { enumeration: ethnicity }),
  p("\u6587\u5316\u7A0B\u5EA6", "education", "enum", { enumeration: education }),
  p("\u5728\u6821\u751F\u72B6\u51B5", "schooling", "enum", { enumeration: schooling, aliases: ["\u5728\u6821\u751F\u60C5\u51B5"] }),
  p("\u5065\u5EB7\u72B6\u51B5", "health", "enum", { enumeration: health }),
  p("\u6B8B\u75BE\u7B49\u7EA7", "disability_grade", "disabilityGrade"),
  p("\u52B3\u52A8\u6280\u80FD", "labour", "enum", { enumeration: labourCapacity, aliases: ["\u52B3\u52A8\u80FD\u529B"] }),
  p("\u52A1\u5DE5\u72B6\u51B5", "work_status", "enum", { enumeration: workStatus, aliases: ["\u52A1\u5DE5\u60C5\u51B5"] }),
  p("\u57FA\u672C\u533B\u7597\u4FDD\u9669", "insured_basic", "bool", { aliases: ["\u662F\u5426\u53C2\u52A0\u57FA\u672C\u533B\u7597\u4FDD\u9669", "\u53C2\u52A0\u57FA\u672C\u533B\u7597\u4FDD\u9669"] }),
  p("\u5927\u75C5\u4FDD\u9669", "insured_serious", "bool", { aliases: ["\u662F\u5426\u53C2\u52A0\u5927\u75C5\u4FDD\u9669"] }),
  p("\u5546\u4E1A\u8865\u5145\u4FDD\u9669", "insured_commercial", "bool", { aliases: ["\u5546\u4E1A\u8865\u5145\u533B\u7597\u4FDD\u9669"] }),
  p("\u517B\u8001\u4FDD\u9669", "insured_pension", "bool", { aliases: ["\u662F\u5426\u53C2\u52A0\u517B\u8001\u4FDD\u9669", "\u57CE\u4E61\u5C45\u6C11\u57FA\u672C\u517B\u8001\u4FDD\u9669"] }),
  p("\u5BB6\u5EAD\u533B\u751F\u7B7E\u7EA6", "family_doctor", "bool", { aliases: ["\u662F\u5426\u5BB6\u5EAD\u533B\u751F\u7B7E\u7EA6"] }),
  p("\u6162\u75C5\u5361", "chronic_card", "bool", { aliases: ["\u662F\u5426\u529E\u7406\u6162\u75C5\u5361"] }),
  p("\u9001\u6559\u4E0A\u95E8", "home_schooling", "bool"),
  p("\u4E2A\u4EBA\u8054\u7CFB\u7535\u8BDD", "person_phone", "phone", { aliases: ["\u6210\u5458\u8054\u7CFB\u7535\u8BDD"] })
];
var PLACE_NAME_KEYS = ["province", "city", "county", "township", "village"];
var MAX_CELL_CHARS = 32767;
function normaliseHeader(text) {
  return text.replace(/[\s\u3000]+/g, "").replace(/（/g, "(").replace(/）/g, ")").replace(/\*$/, "").replace(/^\*/, "");
}
var BY_HEADER = /* @__PURE__ */ new Map();
for (const column of COLUMNS) {
  for (const name of [column.header, ...column.aliases ?? []]) BY_HEADER.set(normaliseHeader(name), column);
}
function layoutOf(headers) {
  const positions = /* @__PURE__ */ new Map();
  const unknown = [];
  const duplicated = [];
  headers.forEach((raw, index) => {
    const text = normaliseHeader(raw ?? "");
    if (text === "") return;
    const column = BY_HEADER.get(text);
    if (!column) unknown.push(raw.trim());
    else if (positions.has(column)) duplicated.push(column.header);
    else positions.set(column, index);
  });
  const missing = COLUMNS.filter((c) => c.required && !positions.has(c)).map((c) => c.header);
  const hasCode = [...positions.keys()].some((c) => c.key === "village_code");
  if (!hasCode) {
    const names = COLUMNS.filter((c) => PLACE_NAME_KEYS.includes(c.key));
    const absent = names.filter((c) => !positions.has(c)).map((c) => c.header);
    if (absent.length > 0) missing.push(`\u6751\u4EE3\u7801\uFF08\u6216${absent.join("\u3001")}\uFF09`);
  }
  return { positions, unknown, missing, duplicated };
}
var HOUSEHOLD_COLUMNS = COLUMNS.filter((c) => c.level !== "person" && c.key !== "household_no");
var PERSON_COLUMNS = COLUMNS.filter((c) => c.level === "person" && c.key !== "id_number");
function columnByKey(key) {
  const column = COLUMNS.find((c) => c.key === key);
  if (!column) throw new Error(`\u672A\u77E5\u5217 ${key}`);
  return column;
}

// src/modules/imports/problems.ts
var MAX_KEPT_PROBLEMS = 1e4;
var MAX_VALUE_CHARS = 200;
var ProblemList = class {
  items = [];
  count = 0;
  add(row, column, value, message) {
    this.count++;
    if (this.items.length < MAX_KEPT_PROBLEMS) {
      const shown = value.length > MAX_VALUE_CHARS ? value.slice(0, MAX_VALUE_CHARS) + "\u2026" : value;
      this.items.push({ row, column, value: shown, message });
    }
  }
  sorted() {
    return [...this.items].sort((a, b) => a.row - b.row);
  }
};
var ImportFileError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "ImportFileError";
  }
};

// src/modules/imports/csvReader.ts
var BLOCK = 1 << 16;
var MAX_RECORD_CHARS = 2e6;
function detectEncoding(first) {
  if (first.length >= 3 && first[0] === 239 && first[1] === 187 && first[2] === 191) return { encoding: "utf-8", skip: 3 };
  if (first.length >= 2 && (first[0] === 255 && first[1] === 254 || first[0] === 254 && first[1] === 255)) {
    throw new ImportFileError("\u4E0D\u652F\u6301 UTF-16 \u7F16\u7801\u7684\u6587\u4EF6\uFF0C\u8BF7\u5728 Excel \u4E2D\u53E6\u5B58\u4E3A\u201CCSV UTF-8\uFF08\u9017\u53F7\u5206\u9694\uFF09\u201D\u6216\u201CCSV\uFF08\u9017\u53F7\u5206\u9694\uFF09\u201D");
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(first, { stream: true });
    return { encoding: "utf-8", skip: 0 };
  } catch {
    return { encoding: "gb18030", skip: 0 };
  }
}
function tooLong(row, column) {
  return new ImportFileError(`\u7B2C${row}\u884C\u7B2C${column}\u5217\u7684\u5355\u5143\u683C\u8D85\u8FC7${MAX_CELL_CHARS}\u4E2A\u5B57\u7B26\uFF08Excel \u5355\u5143\u683C\u7684\u4E0A\u9650\uFF09\uFF0C\u6587\u4EF6\u5DF2\u62D2\u7EDD`);
}
var CsvSplitter = class {
  constructor(emit) {
    this.emit = emit;
  }
  emit;
  carry = "";
  row = 0;
  delimiter = ",";
  delimiterKnown = false;
  push(chunk, final) {
    const text = this.carry.length > 0 ? this.carry + chunk : chunk;
    this.carry = "";
    if (!this.delimiterKnown) this.chooseDelimiter(text, final);
    if (!this.delimiterKnown) {
      this.carry = text;
      return;
    }
    const len = text.length;
    const d = this.delimiter;
    let pos = 0;
    let quoteAt = text.indexOf('"');
    if (quoteAt < 0) quoteAt = len;
    while (pos < len) {
      if (quoteAt < pos) {
        quoteAt = text.indexOf('"', pos);
        if (quoteAt < 0) quoteAt = len;
      }
      const nl = text.indexOf("\n", pos);
      if (nl >= 0 && nl < quoteAt) {
        const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        this.emitCells(text.slice(pos, end).split(d));
        pos = nl + 1;
        continue;
      }
      if (quoteAt === len) {
        if (!final) break;
        this.emitCells(text.slice(pos, text.charCodeAt(len - 1) === 13 ? len - 1 : len).split(d));
        pos = len;
        break;
      }
      const next = this.quotedRecord(text, pos, final);
      if (next < 0) break;
      pos = next;
    }
    if (pos < len) this.keep(text.slice(pos));
  }
  chooseDelimiter(text, final) {
    const nl = text.indexOf("\n");
    if (nl < 0 && !final) {
      if (text.length > MAX_RECORD_CHARS) throw new ImportFileError("\u6587\u4EF6\u7B2C\u4E00\u884C\u8FC7\u957F\uFF0C\u4E0D\u662F\u6709\u6548\u7684 CSV \u8868\u5934");
      return;
    }
    const header = nl < 0 ? text : text.slice(0, nl);
    const commas = header.split(",").length;
    const tabs = header.split("	").length;
    this.delimiter = tabs > commas ? "	" : ",";
    this.delimiterKnown = true;
  }
  keep(rest) {
    if (rest.length > MAX_RECORD_CHARS) throw new ImportFileError(`\u7B2C${this.row + 1}\u884C\u8FC7\u957F\uFF08\u8D85\u8FC7${MAX_RECORD_CHARS}\u4E2A\u5B57\u7B26\uFF09\uFF0C\u6587\u4EF6\u5DF2\u62D2\u7EDD`);
    const lastDelimiter = rest.lastIndexOf(this.delimiter);
    if (rest.indexOf('"') < 0 && rest.length - lastDelimiter - 1 > MAX_CELL_CHARS) {
      throw tooLong(this.row + 1, rest.split(this.delimiter).length);
    }
    this.carry = rest;
  }
  emitCells(cells) {
    this.row++;
    for (let i = 0; i < cells.length; i++) if (cells[i].length > MAX_CELL_CHARS) throw tooLong(this.row, i + 1);
    this.emit({ row: this.row, cells, kinds: null });
  }
  /** A record containing quotes; returns the position after it, or -1 when it continues in the next block. */
  quotedRecord(text, start, final) {
    const len = text.length;
    const d = this.delimiter;
    const cells = [];
    let i = start;
    for (; ; ) {
      let value = "";
      if (text.charCodeAt(i) === 34) {
        let j = i + 1;
        for (; ; ) {
          const q = text.indexOf('"', j);
          if (q < 0 || q === len - 1 && !final) {
            if (len - i > MAX_CELL_CHARS * 2 + 2) throw tooLong(this.row + 1, cells.length + 1);
            return -1;
          }
          value += text.slice(j, q);
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            j = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        const stop = this.fieldEnd(text, i);
        if (stop < 0 && !final) return -1;
        const end = stop < 0 ? len : stop;
        value += text.slice(i, end);
        i = end;
      } else {
        const stop = this.fieldEnd(text, i);
        if (stop < 0 && !final) {
          if (len - i > MAX_CELL_CHARS) throw tooLong(this.row + 1, cells.length + 1);
          return -1;
        }
        const end = stop < 0 ? len : stop;
        value = text.slice(i, end);
        i = end;
      }
      if (value.length > MAX_CELL_CHARS) throw tooLong(this.row + 1, cells.length + 1);
      if (i >= len) {
        cells.push(value);
        this.emitCells(cells);
        return len;
      }
      const c = text[i];
      if (c === d) {
        cells.push(value);
        i++;
        continue;
      }
      cells.push(value.endsWith("\r") ? value.slice(0, -1) : value);
      this.emitCells(cells);
      return c === "\r" && text[i + 1] === "\n" ? i + 2 : i + 1;
    }
  }
  /** Next delimiter or line end at or after i; -1 when the block ends first. */
  fieldEnd(text, i) {
    const a = text.indexOf(this.delimiter, i);
    const b = text.indexOf("\n", i);
    if (a < 0) return b;
    if (b < 0) return a;
    return a < b ? a : b;
  }
  finish() {
    if (this.carry.length > 0) {
      const rest = this.carry;
      this.carry = "";
      this.push(rest, true);
    }
  }
};
async function openCsv(path) {
  const { size } = await stat(path);
  let bytesRead = 0;
  async function* rows2() {
    let decoder = null;
    let batch = [];
    const splitter = new CsvSplitter((row) => batch.push(row));
    const stream = createReadStream(path, { highWaterMark: BLOCK });
    try {
      for await (const block of stream) {
        let bytes = block;
        if (!decoder) {
          const { encoding, skip } = detectEncoding(block);
          decoder = new TextDecoder(encoding, { fatal: true });
          bytes = block.subarray(skip);
        }
        bytesRead += block.length;
        splitter.push(decodeBlock(decoder, bytes, false), false);
        if (batch.length > 0) {
          yield batch;
          batch = [];
        }
      }
      if (decoder) splitter.push(decodeBlock(decoder, new Uint8Array(0), true), true);
      splitter.finish();
      if (batch.length > 0) yield batch;
    } finally {
      stream.destroy();
    }
  }
  return { rows: rows2, progress: () => size === 0 ? 1 : bytesRead / size };
}
function decodeBlock(decoder, bytes, final) {
  try {
    return decoder.decode(bytes, { stream: !final });
  } catch {
    throw new ImportFileError(
      `\u6587\u4EF6\u542B\u6709\u65E0\u6CD5\u8BC6\u522B\u7684\u5B57\u7B26\uFF1A\u6309 ${decoder.encoding === "utf-8" ? "UTF-8" : "GB18030/GBK"} \u7F16\u7801\u8BFB\u53D6\u5931\u8D25\u3002\u8BF7\u5728 Excel \u4E2D\u53E6\u5B58\u4E3A\u201CCSV UTF-8\uFF08\u9017\u53F7\u5206\u9694\uFF09\u201D\u540E\u91CD\u8BD5`
    );
  }
}

// src/modules/imports/xlsxReader.ts
import { posix } from "node:path";

// src/modules/imports/cells.ts
var CELL_TEXT = 0;
var CELL_NUMBER = 1;
var CELL_BOOLEAN = 2;
var COPY_NULL = "\\N";
var CellProblem = class {
  constructor(message) {
    this.message = message;
  }
  message;
};
var CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
var COPY_SPECIAL = /[\\\t\n\r]/;
var HOUSEHOLD_NO = /^[0-9A-Za-z_-]{1,40}$/;
var VILLAGE_CODE = /^\d{12}$/;
var PHONE = /^[0-9+() -]{3,30}$/;
var DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)$/;
var SCIENTIFIC = /^-?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i;
var WHOLE = /^\d+(\.0*)?$/;
var CAUSE_SEPARATORS = /[、,，;；/\s]+/;
var EXACT_INTEGER = /^\d{1,15}$/;
var TRUE_TEXT = /* @__PURE__ */ new Set(["\u662F", "\u6709", "TRUE", "true", "1", "Y", "y", "\u221A"]);
var FALSE_TEXT = /* @__PURE__ */ new Set(["\u5426", "\u65E0", "FALSE", "false", "0", "N", "n", "\xD7"]);
var GRADES = {
  "1": "1",
  "2": "2",
  "3": "3",
  "4": "4",
  \u4E00\u7EA7: "1",
  \u4E8C\u7EA7: "2",
  \u4E09\u7EA7: "3",
  \u56DB\u7EA7: "4",
  "1\u7EA7": "1",
  "2\u7EA7": "2",
  "3\u7EA7": "3",
  "4\u7EA7": "4",
  \u4E00: "1",
  \u4E8C: "2",
  \u4E09: "3",
  \u56DB: "4"
};
function copyEscape(text) {
  if (!COPY_SPECIAL.test(text)) return text;
  return text.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}
function lostPrecision(text, cellKind) {
  return cellKind === CELL_NUMBER && !EXACT_INTEGER.test(text);
}
var NUMBER_STORED = "\u88AB\u5B58\u6210\u4E86\u6570\u5B57\uFF0C\u8D85\u8FC715\u4F4D\u7684\u6570\u5B57\u5DF2\u4E22\u5931\u7CBE\u5EA6\uFF1B\u8BF7\u628A\u8BE5\u5217\u8BBE\u4E3A\u201C\u6587\u672C\u201D\u683C\u5F0F\u540E\u91CD\u65B0\u586B\u5199";
function plainText(text, max) {
  if (text.length > max) return new CellProblem(`\u592A\u957F\uFF08${text.length}\u4E2A\u5B57\u7B26\uFF09\uFF0C\u6700\u591A${max}\u4E2A`);
  if (CONTROL.test(text)) return new CellProblem("\u542B\u6709\u4E0D\u53EF\u89C1\u7684\u63A7\u5236\u5B57\u7B26");
  return copyEscape(text);
}
function decimalText(text) {
  const t = text.indexOf(",") >= 0 ? text.replace(/,/g, "") : text;
  if (DECIMAL.test(t)) return t;
  if (SCIENTIFIC.test(t)) {
    const n = Number(t);
    return Number.isFinite(n) ? String(n) : null;
  }
  return null;
}
function readCell(column, text, cellKind) {
  switch (column.kind) {
    case "householdNo":
      if (lostPrecision(text, cellKind)) return new CellProblem("\u6237\u7F16\u53F7" + NUMBER_STORED);
      return HOUSEHOLD_NO.test(text) ? text : new CellProblem("\u6237\u7F16\u53F7\u53EA\u80FD\u7531\u5B57\u6BCD\u3001\u6570\u5B57\u3001\u77ED\u6A2A\u7EBF\u7EC4\u6210\uFF0C\u6700\u957F40\u4F4D");
    case "text":
      return plainText(text, 100);
    case "name":
      return plainText(text, 50);
    case "villageCode":
      if (lostPrecision(text, cellKind)) return new CellProblem("\u6751\u4EE3\u7801" + NUMBER_STORED);
      return VILLAGE_CODE.test(text) ? text : new CellProblem("\u6751\u4EE3\u7801\u5E94\u4E3A12\u4F4D\u6570\u5B57\uFF08\u7EDF\u8BA1\u7528\u533A\u5212\u4EE3\u7801\uFF09");
    case "phone":
      if (lostPrecision(text, cellKind)) return new CellProblem("\u7535\u8BDD\u53F7\u7801" + NUMBER_STORED);
      return PHONE.test(text) ? text : new CellProblem("\u7535\u8BDD\u53F7\u7801\u53EA\u80FD\u5305\u542B\u6570\u5B57\u3001\u7A7A\u683C\u3001+ - ( )\uFF0C3\u523030\u4F4D");
    case "enum": {
      const e = column.enumeration;
      const code = codeOf(e, text);
      return code ?? new CellProblem(`\u4E0D\u662F\u6709\u6548\u7684${e.label}\uFF0C\u5E94\u4E3A\uFF1A${allowedLabels(e)}`);
    }
    case "causes":
      return readCauses(text);
    case "bool":
      if (TRUE_TEXT.has(text)) return "t";
      if (FALSE_TEXT.has(text)) return "f";
      return new CellProblem("\u5E94\u586B\u201C\u662F\u201D\u6216\u201C\u5426\u201D");
    case "year": {
      const t = text.endsWith("\u5E74") ? text.slice(0, -1) : text;
      if (!WHOLE.test(t)) return new CellProblem("\u5E94\u4E3A\u56DB\u4F4D\u5E74\u4EFD\uFF0C\u5982 2019");
      const year = Number(t);
      return year >= 1949 && year <= 2100 ? String(year) : new CellProblem("\u5E74\u4EFD\u5E94\u57281949\u52302100\u4E4B\u95F4");
    }
    case "count": {
      if (!WHOLE.test(text)) return new CellProblem("\u5E94\u4E3A\u4E0D\u5C0F\u4E8E0\u7684\u6574\u6570");
      const n = Number(text);
      return n <= (column.max ?? 32767) ? String(n) : new CellProblem(`\u5E94\u4E0D\u5927\u4E8E${column.max}`);
    }
    case "litres": {
      const t = decimalText(text);
      if (t === null || Number(t) < 0) return new CellProblem("\u5E94\u4E3A\u4E0D\u5C0F\u4E8E0\u7684\u6570\u5B57\uFF08\u5347\uFF09");
      return Number(t) < 1e5 ? t : new CellProblem("\u5E94\u5C0F\u4E8E100000\u5347");
    }
    case "money": {
      const t = decimalText(text);
      if (t === null) return new CellProblem("\u5E94\u4E3A\u91D1\u989D\u6570\u5B57\uFF08\u5143\uFF09\uFF0C\u5982 3500 \u6216 3500.50");
      return Math.abs(Number(t)) < 1e10 ? t : new CellProblem("\u91D1\u989D\u8FC7\u5927");
    }
    case "disabilityGrade":
      return GRADES[text] ?? new CellProblem("\u6B8B\u75BE\u7B49\u7EA7\u5E94\u4E3A1\u52304\u7EA7\uFF08\u6216\u201C\u4E00\u7EA7\u201D\u81F3\u201C\u56DB\u7EA7\u201D\uFF09");
    case "idNumber":
      throw new Error("\u8BC1\u4EF6\u53F7\u7801\u7531 readIdNumber \u8BFB\u53D6");
  }
}
function readCauses(text) {
  const codes = [];
  for (const part of text.split(CAUSE_SEPARATORS)) {
    if (part === "") continue;
    const code = codeOf(povertyCause, part);
    if (code === void 0) return new CellProblem(`\u201C${part}\u201D\u4E0D\u662F\u6709\u6548\u7684\u81F4\u8D2B\u539F\u56E0\uFF0C\u5E94\u4E3A\uFF1A${allowedLabels(povertyCause)}\uFF08\u591A\u4E2A\u7528\u201C\u3001\u201D\u5206\u9694\uFF09`);
    if (!codes.includes(code)) codes.push(code);
  }
  return "{" + codes.join(",") + "}";
}
var REPEATING = /* @__PURE__ */ new Set(["text", "villageCode", "enum", "causes", "bool", "year", "count", "litres", "disabilityGrade"]);
var CACHE_LIMIT = 2e4;
var PLAIN_NUMBER = /^\d{1,9}(\.\d{1,2})?$/;
function columnReader(column) {
  if (column.kind === "money") {
    return (text, cellKind) => PLAIN_NUMBER.test(text) ? text : readCell(column, text, cellKind);
  }
  if (!REPEATING.has(column.kind)) return (text, cellKind) => readCell(column, text, cellKind);
  const cache = /* @__PURE__ */ new Map();
  return (text, cellKind) => {
    if (cellKind === CELL_NUMBER && column.kind === "villageCode") return readCell(column, text, cellKind);
    let result = cache.get(text);
    if (result === void 0) {
      result = readCell(column, text, cellKind);
      if (cache.size < CACHE_LIMIT) cache.set(text.length < 13 ? text : text.slice(0, 12) + text.slice(12), result);
    }
    return result;
  };
}

// src/modules/imports/xmlScanner.ts
var MAX_TAG = 64 * 1024;
var ENTITY = /&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g;
var NAMED = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
function decodeEntities(text) {
  if (text.indexOf("&") < 0) return text;
  return text.replace(ENTITY, (_, e) => {
    if (e[0] !== "#") return NAMED[e];
    const code = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 1114111 ? String.fromCodePoint(code) : "";
  });
}
function attributeOf(tag, name) {
  let from = 0;
  for (; ; ) {
    const at2 = tag.indexOf(name, from);
    if (at2 < 0) return null;
    from = at2 + name.length;
    const before = tag.charCodeAt(at2 - 1);
    if (at2 === 0 || !(before === 32 || before === 9 || before === 10 || before === 13)) continue;
    let i = from;
    while (tag.charCodeAt(i) === 32) i++;
    if (tag.charCodeAt(i) !== 61) continue;
    i++;
    while (tag.charCodeAt(i) === 32) i++;
    const quote = tag[i];
    if (quote !== '"' && quote !== "'") return null;
    const end = tag.indexOf(quote, i + 1);
    return end < 0 ? null : decodeEntities(tag.slice(i + 1, end));
  }
}
var XmlScanner = class {
  /** When true, text between tags is passed to `onText`. */
  collecting = false;
  carry = "";
  /**
   * A subclass's shortcut for its most frequent tags, read in place without slicing: given the
   * tag at s[lt..gt], return where scanning continues (past what it consumed), or -1 for the
   * general path.
   */
  fastTag(_s, _lt, _gt) {
    return -1;
  }
  push(chunk) {
    const s = this.carry.length > 0 ? this.carry + chunk : chunk;
    this.carry = "";
    const len = s.length;
    let pos = 0;
    while (pos < len) {
      const lt = s.indexOf("<", pos);
      if (this.collecting && lt !== pos) {
        const end = lt < 0 ? len : lt;
        if (lt < 0) {
          const amp = s.lastIndexOf("&", end - 1);
          if (amp >= pos && s.indexOf(";", amp) < 0 && end - amp < 12) {
            this.onText(decodeEntities(s.slice(pos, amp)));
            this.carry = s.slice(amp);
            return;
          }
        }
        this.onText(decodeEntities(s.slice(pos, end)));
      }
      if (lt < 0) return;
      const second = s.charCodeAt(lt + 1);
      if (second === 33 && lt + 9 > len) return this.keep(s.slice(lt));
      if (second === 33 && (s.startsWith("<!--", lt) || s.startsWith("<![CDATA[", lt))) {
        const cdata = s.startsWith("<![CDATA[", lt);
        const close = s.indexOf(cdata ? "]]>" : "-->", lt + 4);
        if (close < 0) return this.keep(s.slice(lt));
        if (cdata && this.collecting) this.onText(s.slice(lt + 9, close));
        pos = close + 3;
        continue;
      }
      const gt = s.indexOf(">", lt + 1);
      if (gt < 0) return this.keep(s.slice(lt));
      const next = this.fastTag(s, lt, gt);
      if (next >= 0) {
        pos = next;
        continue;
      }
      pos = gt + 1;
      if (second === 47) {
        this.onClose(localName(s.slice(lt + 2, gt).trimEnd()));
      } else if (second !== 63 && second !== 33) {
        const selfClosing = s.charCodeAt(gt - 1) === 47;
        const tag = s.slice(lt + 1, selfClosing ? gt - 1 : gt);
        let n = 0;
        while (n < tag.length) {
          const c = tag.charCodeAt(n);
          if (c === 32 || c === 9 || c === 10 || c === 13) break;
          n++;
        }
        this.onOpen(localName(n === tag.length ? tag : tag.slice(0, n)), tag, selfClosing);
      }
    }
  }
  keep(rest) {
    if (rest.length > MAX_TAG) throw new ImportFileError("\u5DE5\u4F5C\u7C3F\u7684 XML \u5185\u5BB9\u5F02\u5E38\uFF08\u6807\u7B7E\u8FC7\u957F\uFF09\uFF0C\u6587\u4EF6\u5DF2\u635F\u574F\u6216\u4E0D\u662F Excel \u751F\u6210\u7684\u6587\u4EF6");
    this.carry = rest;
  }
  /** Call after the last chunk: an unfinished tag means a truncated part. */
  end() {
    if (this.carry.trim().length > 0 && !this.collecting) throw new ImportFileError("\u5DE5\u4F5C\u7C3F\u7684 XML \u5185\u5BB9\u4E0D\u5B8C\u6574\uFF0C\u6587\u4EF6\u5DF2\u635F\u574F");
  }
};
function localName(name) {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

// src/modules/imports/zipArchive.ts
import { createInflateRaw } from "node:zlib";
import yauzl from "yauzl";
var MAX_ENTRIES = 1e4;
var MAX_UNCOMPRESSED = 2 * 1024 ** 3;
var MAX_RATIO = 100;
var RATIO_FLOOR = 1024 * 1024;
var NOT_A_WORKBOOK = "\u4E0D\u662F\u6709\u6548\u7684 .xlsx \u5DE5\u4F5C\u7C3F\uFF08\u53EF\u80FD\u662F\u6539\u4E86\u6269\u5C55\u540D\u7684\u5176\u4ED6\u6587\u4EF6\uFF0C\u6216\u6587\u4EF6\u5DF2\u635F\u574F\uFF09";
function openZipFile(path) {
  return new Promise((resolve, reject) => {
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: false, validateEntrySizes: false, strictFileNames: false },
      (err, zip) => err || !zip ? reject(new ImportFileError(NOT_A_WORKBOOK)) : resolve(zip)
    );
  });
}
function readEntries(zip) {
  return new Promise((resolve, reject) => {
    const entries = [];
    zip.on("entry", (entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", () => reject(new ImportFileError(NOT_A_WORKBOOK)));
    zip.readEntry();
  });
}
function checkBomb(entries) {
  let compressed = 0;
  let uncompressed = 0;
  for (const e of entries) {
    compressed += e.compressedSize;
    uncompressed += e.uncompressedSize;
    if (e.uncompressedSize > MAX_UNCOMPRESSED || uncompressed > MAX_UNCOMPRESSED) {
      throw new ImportFileError(`\u5DE5\u4F5C\u7C3F\u89E3\u538B\u540E\u8D85\u8FC7 2 GB\uFF08${e.fileName} \u58F0\u660E ${(e.uncompressedSize / 1024 ** 2).toFixed(0)} MB\uFF09\uFF0C\u5DF2\u62D2\u7EDD\uFF0C\u672A\u89E3\u538B`);
    }
    if (e.uncompressedSize > RATIO_FLOOR && e.uncompressedSize > MAX_RATIO * Math.max(e.compressedSize, 1)) {
      throw new ImportFileError(
        `\u5DE5\u4F5C\u7C3F\u4E2D\u7684 ${e.fileName} \u538B\u7F29\u6BD4\u5F02\u5E38\uFF08${Math.round(e.uncompressedSize / Math.max(e.compressedSize, 1))}:1\uFF0C\u4E0A\u9650 ${MAX_RATIO}:1\uFF09\uFF0C\u7591\u4F3C\u538B\u7F29\u70B8\u5F39\uFF0C\u5DF2\u62D2\u7EDD\uFF0C\u672A\u89E3\u538B`
      );
    }
  }
  if (uncompressed > RATIO_FLOOR && uncompressed > MAX_RATIO * Math.max(compressed, 1)) {
    throw new ImportFileError(`\u5DE5\u4F5C\u7C3F\u538B\u7F29\u6BD4\u5F02\u5E38\uFF08${Math.round(uncompressed / Math.max(compressed, 1))}:1\uFF0C\u4E0A\u9650 ${MAX_RATIO}:1\uFF09\uFF0C\u7591\u4F3C\u538B\u7F29\u70B8\u5F39\uFF0C\u5DF2\u62D2\u7EDD\uFF0C\u672A\u89E3\u538B`);
  }
}
function rawStream(zip, entry) {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, { decodeFileData: false }, (err, stream) => err || !stream ? reject(new ImportFileError(NOT_A_WORKBOOK)) : resolve(stream));
  });
}
async function openZip(path) {
  const zip = await openZipFile(path);
  try {
    if (zip.entryCount > MAX_ENTRIES) throw new ImportFileError(`\u5DE5\u4F5C\u7C3F\u5305\u542B ${zip.entryCount} \u4E2A\u5185\u90E8\u6587\u4EF6\uFF08\u4E0A\u9650 ${MAX_ENTRIES}\uFF09\uFF0C\u7591\u4F3C\u538B\u7F29\u70B8\u5F39\uFF0C\u5DF2\u62D2\u7EDD`);
    const list = await readEntries(zip);
    checkBomb(list);
    const entries = new Map(list.map((e) => [e.fileName, e]));
    async function* read(entry, onCompressed) {
      if (entry.isEncrypted()) throw new ImportFileError("\u5DE5\u4F5C\u7C3F\u5DF2\u52A0\u5BC6\uFF0C\u8BF7\u5148\u5728 Excel \u4E2D\u53D6\u6D88\u5BC6\u7801\u4FDD\u62A4\u518D\u5BFC\u5165");
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new ImportFileError(NOT_A_WORKBOOK);
      const raw = await rawStream(zip, entry);
      if (onCompressed) raw.on("data", (chunk) => onCompressed(chunk.length));
      const inflated = entry.compressionMethod === 8 ? raw.pipe(createInflateRaw({ chunkSize: 256 * 1024 })) : raw;
      raw.on("error", (e) => inflated.destroy(e));
      let total = 0;
      try {
        for await (const chunk of inflated) {
          total += chunk.length;
          if (total > entry.uncompressedSize) {
            throw new ImportFileError(`\u5DE5\u4F5C\u7C3F\u4E2D\u7684 ${entry.fileName} \u89E3\u538B\u540E\u7684\u5B9E\u9645\u5927\u5C0F\u8D85\u8FC7\u5176\u58F0\u660E\u7684 ${entry.uncompressedSize} \u5B57\u8282\uFF0C\u7591\u4F3C\u538B\u7F29\u70B8\u5F39\uFF0C\u5DF2\u505C\u6B62\u89E3\u538B\u5E76\u62D2\u7EDD`);
          }
          yield chunk;
        }
      } catch (e) {
        if (e instanceof ImportFileError) throw e;
        throw new ImportFileError(`\u5DE5\u4F5C\u7C3F\u4E2D\u7684 ${entry.fileName} \u65E0\u6CD5\u89E3\u538B\uFF1A\u6587\u4EF6\u5DF2\u635F\u574F`);
      } finally {
        raw.destroy();
        inflated.destroy();
      }
    }
    async function text(name, limit = 16 * 1024 * 1024) {
      const entry = entries.get(name);
      if (!entry) return null;
      if (entry.uncompressedSize > limit) throw new ImportFileError(`\u5DE5\u4F5C\u7C3F\u4E2D\u7684 ${name} \u8FC7\u5927\uFF08${entry.uncompressedSize} \u5B57\u8282\uFF09`);
      const parts = [];
      for await (const chunk of read(entry)) parts.push(chunk);
      return Buffer.concat(parts).toString("utf8");
    }
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      zip.close();
    };
    return { entries, read, text, close };
  } catch (e) {
    zip.close();
    throw e;
  }
}

// src/modules/imports/xlsxReader.ts
var MAX_SHARED_CHARS = 4e8;
function columnIndex(ref) {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}
function columnLetters(index) {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + (n - 1) % 26) + s;
  return s;
}
function cellTooLong(row, column) {
  return new ImportFileError(`\u7B2C${row}\u884C ${columnLetters(column)} \u5217\u7684\u5355\u5143\u683C\u8D85\u8FC7${MAX_CELL_CHARS}\u4E2A\u5B57\u7B26\uFF08Excel \u5355\u5143\u683C\u7684\u4E0A\u9650\uFF09\uFF0C\u6587\u4EF6\u5DF2\u62D2\u7EDD`);
}
var R = 114;
var T = 116;
function attributeIn(s, lt, gt, letter) {
  for (let i = lt + 2; i < gt - 3; i++) {
    if (s.charCodeAt(i) === letter && s.charCodeAt(i + 1) === 61 && s.charCodeAt(i + 2) === 34 && s.charCodeAt(i - 1) === 32) return i + 3;
  }
  return -1;
}
function unusualAttribute(s, lt, gt, letter) {
  for (let i = lt + 2; i < gt - 1; i++) {
    if (s.charCodeAt(i) !== letter) continue;
    const next = s.charCodeAt(i + 1);
    if (next === 61 || next === 32 || next === 9 || next === 10 || next === 13) return true;
  }
  return false;
}
function digitsAt(s, i) {
  let n = 0;
  let j = i;
  for (let c = s.charCodeAt(j); c >= 48 && c <= 57; c = s.charCodeAt(++j)) n = n * 10 + (c - 48);
  return j === i ? -1 : n;
}
function columnAt(s, i) {
  let n = 0;
  for (let c = s.charCodeAt(i); c >= 65 && c <= 90; c = s.charCodeAt(++i)) n = n * 26 + (c - 64);
  return n - 1;
}
var SharedStringsScanner = class extends XmlScanner {
  strings = [];
  current = "";
  inPhonetic = false;
  total = 0;
  onOpen(name, _tag, selfClosing) {
    if (name === "si") this.current = "";
    else if (name === "t" && !this.inPhonetic && !selfClosing) this.collecting = true;
    else if (name === "rPh") this.inPhonetic = true;
  }
  onClose(name) {
    if (name === "t") this.collecting = false;
    else if (name === "rPh") this.inPhonetic = false;
    else if (name === "si") {
      this.total += this.current.length;
      if (this.total > MAX_SHARED_CHARS) throw new ImportFileError("\u5DE5\u4F5C\u7C3F\u7684\u5171\u4EAB\u5B57\u7B26\u4E32\u8FC7\u591A\uFF0C\u8D85\u51FA\u5BFC\u5165\u4E0A\u9650");
      this.strings.push(this.current);
    }
  }
  onText(text) {
    this.current += text;
    if (this.current.length > MAX_CELL_CHARS) {
      throw new ImportFileError(`\u5DE5\u4F5C\u7C3F\u4E2D\u7B2C${this.strings.length + 1}\u4E2A\u5171\u4EAB\u5B57\u7B26\u4E32\u8D85\u8FC7${MAX_CELL_CHARS}\u4E2A\u5B57\u7B26\uFF08Excel \u5355\u5143\u683C\u7684\u4E0A\u9650\uFF09\uFF0C\u6587\u4EF6\u5DF2\u62D2\u7EDD`);
    }
  }
};
var SheetScanner = class extends XmlScanner {
  constructor(shared, emit) {
    super();
    this.shared = shared;
    this.emit = emit;
  }
  shared;
  emit;
  rowNo = 0;
  cells = [];
  kinds = [];
  column = -1;
  type = "";
  value = "";
  inInline = false;
  inPhonetic = false;
  onOpen(name, tag, selfClosing) {
    switch (name) {
      case "c": {
        const ref = attributeOf(tag, "r");
        this.column = ref ? columnIndex(ref) : this.column + 1;
        this.type = attributeOf(tag, "t") ?? "n";
        this.value = "";
        if (selfClosing) this.finishCell();
        return;
      }
      case "v":
        this.collecting = !selfClosing;
        return;
      case "is":
        this.inInline = true;
        return;
      case "t":
        if (this.inInline && !this.inPhonetic && !selfClosing) this.collecting = true;
        return;
      case "rPh":
        this.inPhonetic = true;
        return;
      case "row": {
        const r = attributeOf(tag, "r");
        this.rowNo = r ? Number(r) : this.rowNo + 1;
        this.cells = [];
        this.kinds = [];
        this.column = -1;
        if (selfClosing) this.finishRow();
        return;
      }
    }
  }
  onClose(name) {
    switch (name) {
      case "v":
      case "t":
        this.collecting = false;
        return;
      case "c":
        this.finishCell();
        return;
      case "is":
        this.inInline = false;
        return;
      case "rPh":
        this.inPhonetic = false;
        return;
      case "row":
        this.finishRow();
        return;
    }
  }
  onText(text) {
    this.value += text;
    if (this.value.length > MAX_CELL_CHARS) throw cellTooLong(this.rowNo, this.column);
  }
  /**
   * The forms nearly every cell takes — `<c r="B7" t="s"><v>12</v></c>`, `</c>`, `<row r="7" …>`,
   * `</row>` — read in place: a million-row sheet has some fifty million cells.
   */
  fastTag(s, lt, gt) {
    const c1 = s.charCodeAt(lt + 1);
    const c2 = s.charCodeAt(lt + 2);
    if (c1 === 99 && (c2 === 32 || c2 === 62 || c2 === 47)) return this.fastCell(s, lt, gt);
    if (c1 === 47) {
      if (c2 === 99 && gt === lt + 3) {
        this.finishCell();
        return gt + 1;
      }
      if (c2 === 114 && gt === lt + 5 && s.startsWith("</row", lt)) {
        this.finishRow();
        return gt + 1;
      }
      return -1;
    }
    if (c1 === 114 && s.startsWith("<row", lt) && (s.charCodeAt(lt + 4) === 32 || gt === lt + 4)) {
      const r = attributeIn(s, lt, gt, R);
      if (r < 0 && unusualAttribute(s, lt, gt, R)) return -1;
      this.rowNo = r >= 0 ? digitsAt(s, r) : this.rowNo + 1;
      this.cells = [];
      this.kinds = [];
      this.column = -1;
      if (s.charCodeAt(gt - 1) === 47) this.finishRow();
      return gt + 1;
    }
    return -1;
  }
  fastCell(s, lt, gt) {
    const r = attributeIn(s, lt, gt, R);
    if (r < 0 && unusualAttribute(s, lt, gt, R)) return -1;
    const t = attributeIn(s, lt, gt, T);
    if (t < 0 && unusualAttribute(s, lt, gt, T)) return -1;
    this.column = r >= 0 ? columnAt(s, r) : this.column + 1;
    this.type = t < 0 ? "n" : s.charCodeAt(t + 1) === 34 ? s[t] : s.slice(t, s.indexOf('"', t));
    this.value = "";
    if (s.charCodeAt(gt - 1) === 47) {
      this.finishCell();
      return gt + 1;
    }
    if (s.charCodeAt(gt + 1) !== 60 || s.charCodeAt(gt + 2) !== 118 || s.charCodeAt(gt + 3) !== 62) return gt + 1;
    const end = s.indexOf("<", gt + 4);
    if (end < 0 || !s.startsWith("</v></c>", end)) return gt + 1;
    if (this.type === "s") {
      const index = digitsAt(s, gt + 4);
      this.storeCell(index >= 0 && s.charCodeAt(gt + 4) !== 60 ? this.shared[index] : void 0, CELL_TEXT);
    } else {
      this.value = decodeEntities(s.slice(gt + 4, end));
      this.finishCell();
    }
    return end + 8;
  }
  finishCell() {
    this.collecting = false;
    switch (this.type) {
      case "s":
        return this.storeCell(/^\d+$/.test(this.value) ? this.shared[Number(this.value)] : void 0, CELL_TEXT);
      case "n":
        return this.storeCell(this.value, CELL_NUMBER);
      case "b":
        return this.storeCell(this.value === "1" ? "TRUE" : "FALSE", CELL_BOOLEAN);
      default:
        return this.storeCell(this.value, CELL_TEXT);
    }
  }
  storeCell(text, kind) {
    if (text === void 0) throw new ImportFileError(`\u7B2C${this.rowNo}\u884C ${columnLetters(this.column)} \u5217\u5F15\u7528\u4E86\u4E0D\u5B58\u5728\u7684\u5171\u4EAB\u5B57\u7B26\u4E32\uFF0C\u6587\u4EF6\u5DF2\u635F\u574F`);
    if (this.column >= 0 && this.column < 16384) {
      this.cells[this.column] = text;
      this.kinds[this.column] = kind;
    }
  }
  finishRow() {
    const cells = this.cells;
    for (let i = 0; i < cells.length; i++) {
      if (cells[i] === void 0) {
        cells[i] = "";
        this.kinds[i] = CELL_TEXT;
      }
    }
    this.emit({ row: this.rowNo, cells, kinds: this.kinds });
  }
};
function resolveTarget(target) {
  return target.startsWith("/") ? target.slice(1) : posix.normalize(posix.join("xl", target));
}
async function findParts(zip) {
  const workbook = await zip.text("xl/workbook.xml");
  if (workbook === null) throw new ImportFileError("\u4E0D\u662F\u6709\u6548\u7684 .xlsx \u5DE5\u4F5C\u7C3F\uFF08\u7F3A\u5C11 xl/workbook.xml\uFF0C\u53EF\u80FD\u662F\u6539\u4E86\u6269\u5C55\u540D\u7684\u5176\u4ED6\u6587\u4EF6\uFF09");
  const rels = await zip.text("xl/_rels/workbook.xml.rels") ?? "";
  const targets = /* @__PURE__ */ new Map();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const id = attributeOf(" " + m[1], "Id");
    const target = attributeOf(" " + m[1], "Target");
    if (id && target) targets.set(id, { type: attributeOf(" " + m[1], "Type") ?? "", target: resolveTarget(target) });
  }
  const firstSheet = /<(?:\w+:)?sheet\b([^>]*)>/.exec(workbook);
  const relId = firstSheet ? attributeOf(" " + firstSheet[1], "r:id") ?? attributeOf(" " + firstSheet[1], "id") : null;
  const sheetName = relId && targets.get(relId)?.target || "xl/worksheets/sheet1.xml";
  const sheet2 = zip.entries.get(sheetName);
  if (!sheet2) throw new ImportFileError("\u5DE5\u4F5C\u7C3F\u4E2D\u6CA1\u6709\u5DE5\u4F5C\u8868");
  const sharedName = [...targets.values()].find((t) => t.type.endsWith("/sharedStrings"))?.target ?? "xl/sharedStrings.xml";
  return { sheet: sheet2, sharedStrings: zip.entries.get(sharedName) ?? null };
}
async function readSharedStrings(zip, entry) {
  if (!entry) return [];
  const scanner = new SharedStringsScanner();
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of zip.read(entry)) scanner.push(decoder.decode(chunk, { stream: true }));
  scanner.push(decoder.decode());
  scanner.end();
  return scanner.strings;
}
async function openXlsx(path) {
  const zip = await openZip(path);
  let consumed = 0;
  let total = 1;
  try {
    const parts = await findParts(zip);
    total = parts.sheet.compressedSize + (parts.sharedStrings?.compressedSize ?? 0) || 1;
    async function* rows2() {
      try {
        const shared = await readSharedStrings(zip, parts.sharedStrings);
        consumed = parts.sharedStrings?.compressedSize ?? 0;
        let batch = [];
        const scanner = new SheetScanner(shared, (row) => batch.push(row));
        const decoder = new TextDecoder("utf-8");
        for await (const chunk of zip.read(parts.sheet, (n) => consumed += n)) {
          scanner.push(decoder.decode(chunk, { stream: true }));
          if (batch.length > 0) {
            yield batch;
            batch = [];
          }
        }
        scanner.push(decoder.decode());
        scanner.end();
        if (batch.length > 0) yield batch;
      } finally {
        zip.close();
      }
    }
    return { rows: rows2, progress: () => Math.min(1, consumed / total), close: async () => zip.close() };
  } catch (e) {
    zip.close();
    throw e;
  }
}

// src/modules/imports/sheet.ts
async function openSheet(path, format) {
  return format === "csv" ? openCsv(path) : openXlsx(path);
}

// src/domain/idNumber.ts
var WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
var CHECK = "10X98765432";
function checkCharacter(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK[sum % 11];
}
function isRealDate(y, m, d) {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}
function parseIdNumber(raw, today = /* @__PURE__ */ new Date()) {
  const text = raw.trim().toUpperCase();
  let id;
  let converted = false;
  if (/^\d{15}$/.test(text)) {
    const first17 = text.slice(0, 6) + "19" + text.slice(6);
    id = first17 + checkCharacter(first17);
    converted = true;
  } else if (/^\d{17}[\dX]$/.test(text)) {
    id = text;
  } else if (text === "") {
    return { ok: false, reason: "\u8EAB\u4EFD\u8BC1\u53F7\u4E3A\u7A7A" };
  } else {
    return { ok: false, reason: `\u8EAB\u4EFD\u8BC1\u53F7\u5E94\u4E3A18\u4F4D\uFF08\u6700\u540E\u4E00\u4F4D\u53EF\u4E3AX\uFF09\u621615\u4F4D\u6570\u5B57\uFF0C\u5B9E\u4E3A${text.length}\u4F4D` };
  }
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1890 || !isRealDate(y, m, d)) return { ok: false, reason: `\u51FA\u751F\u65E5\u671F ${id.slice(6, 14)} \u4E0D\u662F\u6709\u6548\u65E5\u671F` };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const todayText = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
  if (birthDate > todayText) return { ok: false, reason: `\u51FA\u751F\u65E5\u671F ${id.slice(6, 14)} \u665A\u4E8E\u4ECA\u5929` };
  if (!converted) {
    const expected = checkCharacter(id.slice(0, 17));
    if (id[17] !== expected) return { ok: false, reason: `\u6821\u9A8C\u4F4D\u9519\u8BEF\uFF1A\u5E94\u4E3A ${expected}\uFF0C\u5B9E\u4E3A ${id[17]}` };
  }
  const sex2 = Number(id[16]) % 2 === 1 ? "M" : "F";
  return { ok: true, idNumber: id, converted, sex: sex2, birthDate, addressCode: id.slice(0, 6) };
}

// src/modules/imports/idNumberSet.ts
var slotOf = (hi, lo, mask) => (Math.imul(hi, 2654435761) ^ Math.imul(lo, 2246822507)) & mask;
var IdNumberSet = class {
  hi;
  lo;
  owner;
  mask;
  size = 0;
  constructor(capacity = 1 << 16) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.hi = new Int32Array(slots);
    this.lo = new Int32Array(slots);
    this.owner = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
  }
  /**
   * Record that `id` (a valid 18-character ID number) belongs to `owner` (≥ 0), unless it was
   * met before: then return the owner recorded first; otherwise -1.
   */
  claim(id, owner) {
    let hi = 0;
    for (let i = 0; i < 9; i++) hi = hi * 10 + (id.charCodeAt(i) - 48);
    let lo = 0;
    for (let i = 9; i < 17; i++) lo = lo * 10 + (id.charCodeAt(i) - 48);
    const check = id.charCodeAt(17);
    lo = lo * 11 + (check === 88 ? 10 : check - 48);
    let slot = slotOf(hi, lo, this.mask);
    while (this.owner[slot] !== -1) {
      if (this.hi[slot] === hi && this.lo[slot] === lo) return this.owner[slot];
      slot = slot + 1 & this.mask;
    }
    this.hi[slot] = hi;
    this.lo[slot] = lo;
    this.owner[slot] = owner;
    if (++this.size * 2 > this.mask) this.grow();
    return -1;
  }
  grow() {
    const { hi, lo, owner } = this;
    const slots = (this.mask + 1) * 2;
    this.hi = new Int32Array(slots);
    this.lo = new Int32Array(slots);
    this.owner = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
    for (let i = 0; i < owner.length; i++) {
      if (owner[i] === -1) continue;
      let slot = slotOf(hi[i], lo[i], this.mask);
      while (this.owner[slot] !== -1) slot = slot + 1 & this.mask;
      this.hi[slot] = hi[i];
      this.lo[slot] = lo[i];
      this.owner[slot] = owner[i];
    }
  }
};

// src/modules/imports/rowChecker.ts
var SEPARATOR = "";
var HOUSEHOLD_NULLS = HOUSEHOLD_COLUMNS.map(() => COPY_NULL).join("	");
var idColumn = columnByKey("id_number");
var noColumn = columnByKey("household_no");
var at = (key) => HOUSEHOLD_COLUMNS.findIndex((c) => c.key === key);
var STATUS = at("status");
var MONITOR = at("monitor_category");
var VILLAGE_CODE2 = at("village_code");
var HEAD_NAME = at("head_name");
var INCOME_YEAR = at("income_year");
var PLACE_NAMES = PLACE_NAME_KEYS.map(at);
var INCOME_AMOUNTS = HOUSEHOLD_COLUMNS.flatMap((c, i) => c.level === "income" && c.kind === "money" ? [i] : []);
var RELATION = PERSON_COLUMNS.findIndex((c) => c.key === "relation");
var NAME = PERSON_COLUMNS.findIndex((c) => c.key === "name");
var RowChecker = class {
  constructor(layout, problems, today = /* @__PURE__ */ new Date()) {
    this.problems = problems;
    this.today = today;
    const position = (c) => layout.positions.get(c) ?? -1;
    this.householdAt = Int32Array.from(HOUSEHOLD_COLUMNS.map(position));
    this.personAt = Int32Array.from(PERSON_COLUMNS.map(position));
    this.noAt = position(noColumn);
    this.idAt = position(idColumn);
    this.current = HOUSEHOLD_COLUMNS.map(() => "");
  }
  problems;
  today;
  households = /* @__PURE__ */ new Map();
  list = [];
  /** ID number → index of its household, for duplicates within the file. */
  ids = new IdNumberSet();
  householdAt;
  personAt;
  noAt;
  idAt;
  current;
  householdReaders = HOUSEHOLD_COLUMNS.map(columnReader);
  personReaders = PERSON_COLUMNS.map(columnReader);
  previous = null;
  previousCells = [];
  /** The staging line being built: row, carrier, household number, ID, sex, birth date, person columns, household part. */
  line = new Array(7 + PERSON_COLUMNS.length).fill("");
  rows = 0;
  staged = 0;
  /** One data row: its COPY line when valid, otherwise null with its problems recorded. */
  check(row) {
    const { cells } = row;
    const rawNo = this.noAt < cells.length ? cells[this.noAt].trim() : "";
    if (rawNo === "" && cells.every((c) => c.trim() === "")) return null;
    this.rows++;
    let household = null;
    if (rawNo === "") {
      this.problems.add(row.row, noColumn.header, "", "\u6237\u7F16\u53F7\u4E0D\u80FD\u4E3A\u7A7A");
    } else {
      const no = readCell(noColumn, rawNo, kindAt(row, this.noAt));
      if (no instanceof CellProblem) this.problems.add(row.row, noColumn.header, rawNo, no.message);
      else household = this.householdOf(row, this.previous !== null && this.previous.no === no ? this.previous.no : detach(no));
    }
    const personOk = this.person(row, household);
    if (!personOk || household === null || !household.valid || this.previous !== household) return null;
    const line = this.line;
    line[0] = String(row.row);
    line[2] = household.no;
    if (household.part !== null) {
      line[1] = "t";
      line[line.length - 1] = household.part;
      household.part = null;
    } else {
      line[1] = "f";
      line[line.length - 1] = HOUSEHOLD_NULLS;
    }
    this.staged++;
    return line.join("	") + "\n";
  }
  /** The household of a row; `previous` is left pointing at it only when this row agrees with its first row. */
  householdOf(row, no) {
    const { cells } = row;
    const current = this.current;
    for (let i = 0; i < current.length; i++) {
      const p2 = this.householdAt[i];
      current[i] = p2 >= 0 && p2 < cells.length ? cells[p2].trim() : "";
    }
    let seen = this.previous !== null && this.previous.no === no ? this.previous : this.households.get(no);
    if (seen === void 0) {
      seen = this.newHousehold(row, no, current);
      this.households.set(no, seen);
      this.list.push(seen);
      this.previousCells = current.slice();
      this.previous = seen;
      return seen;
    }
    const first = seen === this.previous ? this.previousCells : seen.signature.split(SEPARATOR);
    let same = true;
    for (let i = 0; i < current.length; i++) {
      if (current[i] !== first[i]) {
        same = false;
        const header = HOUSEHOLD_COLUMNS[i].header;
        this.problems.add(
          row.row,
          header,
          current[i],
          `\u4E0E\u6237 ${no} \u7B2C${seen.firstRow}\u884C\u7684\u201C${header}\u201D\uFF08${first[i] || "\u7A7A"}\uFF09\u4E0D\u4E00\u81F4\uFF1A\u540C\u4E00\u6237\u7684\u6237\u7EA7\u4FE1\u606F\u5728\u6BCF\u4E00\u884C\u5FC5\u987B\u76F8\u540C`
        );
      }
    }
    if (same && seen !== this.previous) {
      this.previousCells = first;
      this.previous = seen;
    } else if (!same) {
      this.previous = null;
    }
    return seen;
  }
  newHousehold(row, no, current) {
    const parts = [];
    let valid = true;
    const problem = (i, message) => {
      valid = false;
      this.problems.add(row.row, HOUSEHOLD_COLUMNS[i].header, current[i], message);
    };
    for (let i = 0; i < current.length; i++) {
      const column = HOUSEHOLD_COLUMNS[i];
      const text = current[i];
      if (text === "") {
        if (column.required) problem(i, `${column.header}\u4E0D\u80FD\u4E3A\u7A7A`);
        parts.push(COPY_NULL);
        continue;
      }
      const value = this.householdReaders[i](text, kindAt(row, this.householdAt[i]));
      if (value instanceof CellProblem) {
        problem(i, value.message);
        parts.push(COPY_NULL);
      } else parts.push(value);
    }
    if (parts[STATUS] === "monitored" && current[MONITOR] === "") problem(MONITOR, "\u6237\u72B6\u6001\u4E3A\u201C\u76D1\u6D4B\u5BF9\u8C61\u201D\u65F6\u987B\u586B\u5199\u76D1\u6D4B\u5BF9\u8C61\u7C7B\u522B");
    if (current[VILLAGE_CODE2] === "" && PLACE_NAMES.some((i) => current[i] === "")) {
      problem(VILLAGE_CODE2, "\u6751\u4EE3\u7801\u4E3A\u7A7A\u65F6\u987B\u586B\u5199\u7701\u3001\u5E02\u3001\u53BF\u3001\u4E61\u9547\u3001\u6751\u7684\u540D\u79F0");
    }
    if (current[INCOME_YEAR] === "" && INCOME_AMOUNTS.some((i) => current[i] !== "")) problem(INCOME_YEAR, "\u586B\u5199\u4E86\u6536\u5165\u65F6\u987B\u540C\u65F6\u586B\u5199\u6536\u5165\u5E74\u5EA6");
    return {
      index: this.list.length,
      no,
      firstRow: row.row,
      signature: current.join(SEPARATOR),
      valid,
      part: parts.join("	"),
      headRow: 0,
      headNameGiven: detach(current[HEAD_NAME])
    };
  }
  /** Fill the person columns of `line` (ID number, sex, birth date, then PERSON_COLUMNS); false when the row has errors. */
  person(row, household) {
    const { cells } = row;
    const line = this.line;
    let ok = true;
    const idText = this.idAt < cells.length ? cells[this.idAt].trim() : "";
    if (idText === "") {
      ok = false;
      this.problems.add(row.row, idColumn.header, "", "\u8BC1\u4EF6\u53F7\u7801\u4E0D\u80FD\u4E3A\u7A7A");
    } else if (lostPrecision(idText, kindAt(row, this.idAt))) {
      ok = false;
      this.problems.add(row.row, idColumn.header, idText, "\u8BC1\u4EF6\u53F7\u7801\u88AB Excel \u5B58\u6210\u4E86\u6570\u5B57\uFF0C\u540E\u51E0\u4F4D\u5DF2\u4E22\u5931\uFF08\u7CBE\u5EA6\u53EA\u670915\u4F4D\uFF09\uFF1B\u8BF7\u628A\u8BE5\u5217\u8BBE\u4E3A\u201C\u6587\u672C\u201D\u683C\u5F0F\u540E\u91CD\u65B0\u586B\u5199");
    } else {
      const id = parseIdNumber(idText, this.today);
      if (!id.ok) {
        ok = false;
        this.problems.add(row.row, idColumn.header, idText, id.reason);
      } else {
        line[3] = id.idNumber;
        line[4] = id.sex;
        line[5] = id.birthDate;
        if (household !== null) ok = this.uniqueId(row.row, id.idNumber, household) && ok;
      }
    }
    let relation2 = "";
    let name = "";
    for (let i = 0; i < PERSON_COLUMNS.length; i++) {
      const column = PERSON_COLUMNS[i];
      const p2 = this.personAt[i];
      const text = p2 >= 0 && p2 < cells.length ? cells[p2].trim() : "";
      let value;
      if (text === "") {
        if (column.required) {
          ok = false;
          this.problems.add(row.row, column.header, "", `${column.header}\u4E0D\u80FD\u4E3A\u7A7A`);
        }
        value = COPY_NULL;
      } else {
        const read = this.personReaders[i](text, kindAt(row, p2));
        if (read instanceof CellProblem) {
          ok = false;
          this.problems.add(row.row, column.header, text, read.message);
          value = COPY_NULL;
        } else value = read;
      }
      if (i === RELATION) relation2 = value;
      else if (i === NAME) name = text;
      line[6 + i] = value;
    }
    if (relation2 === "head" && household !== null) ok = this.head(row.row, household, name) && ok;
    return ok;
  }
  uniqueId(row, id, household) {
    const first = this.ids.claim(id, household.index);
    if (first === -1) return true;
    const owner = this.list[first];
    const message = owner === household ? `\u8BC1\u4EF6\u53F7\u7801 ${id} \u5728\u6237 ${household.no} \u4E2D\u91CD\u590D\u51FA\u73B0` : `\u8BC1\u4EF6\u53F7\u7801 ${id} \u5DF2\u51FA\u73B0\u5728\u672C\u6587\u4EF6\u7684\u6237 ${owner.no} \u4E2D\uFF0C\u672C\u884C\u5C5E\u4E8E\u6237 ${household.no}\uFF1A\u4E00\u4EBA\u53EA\u80FD\u5C5E\u4E8E\u4E00\u6237`;
    this.problems.add(row, idColumn.header, id, message);
    return false;
  }
  head(row, household, name) {
    if (household.headRow !== 0 && household.headRow !== row) {
      this.problems.add(row, "\u4E0E\u6237\u4E3B\u5173\u7CFB", "\u6237\u4E3B", `\u6237 ${household.no} \u5DF2\u6709\u6237\u4E3B\uFF08\u7B2C${household.headRow}\u884C\uFF09\uFF0C\u4E00\u6237\u53EA\u80FD\u6709\u4E00\u4E2A\u6237\u4E3B`);
      return false;
    }
    household.headRow = row;
    if (household.headNameGiven !== "" && household.headNameGiven !== name) {
      this.problems.add(row, "\u6237\u4E3B\u59D3\u540D", household.headNameGiven, `\u6237\u4E3B\u59D3\u540D\u201C${household.headNameGiven}\u201D\u4E0E\u5173\u7CFB\u4E3A\u6237\u4E3B\u7684\u6210\u5458\u201C${name}\u201D\u4E0D\u4E00\u81F4`);
      return false;
    }
    return true;
  }
};
function detach(text) {
  if (text.length < 13) return text;
  let out = "";
  for (let i = 0; i < text.length; i += 12) out += text.slice(i, i + 12);
  return out;
}
function kindAt(row, position) {
  return row.kinds === null || position < 0 ? CELL_TEXT : row.kinds[position] ?? CELL_TEXT;
}

// src/modules/imports/staging.ts
var HEADER_SEARCH_ROWS = 10;
var HEADER_MIN_MATCHES = 3;
var CHUNK_CHARS = 1 << 20;
function isBlank(row) {
  for (const cell of row.cells) if (cell.trim() !== "") return false;
  return true;
}
function headerLayout(rows2) {
  const found = rows2.map((r) => layoutOf(r.cells)).find((l) => l.positions.size >= HEADER_MIN_MATCHES);
  const layout = found ?? layoutOf(rows2[0].cells);
  if (layout.duplicated.length > 0) throw new ImportFileError(`\u8868\u5934\u4E2D\u8FD9\u4E9B\u5217\u51FA\u73B0\u4E86\u4E0D\u6B62\u4E00\u6B21\uFF1A${layout.duplicated.join("\u3001")}`);
  if (layout.missing.length > 0) {
    const hint = found ? "" : "\uFF08\u672A\u627E\u5230\u8868\u5934\u884C\uFF1A\u8BF7\u786E\u8BA4\u7B2C\u4E00\u884C\u662F\u4E2D\u6587\u5217\u540D\uFF0C\u53EF\u4E0B\u8F7D\u5BFC\u5165\u6A21\u677F\u5BF9\u7167\uFF09";
    throw new ImportFileError(`\u7F3A\u5C11\u5FC5\u9700\u7684\u5217\uFF1A${layout.missing.join("\u3001")}${hint}`);
  }
  return layout;
}
async function* stagingChunks(sheet2, problems, state, today, onBatch) {
  const candidates = [];
  let lines = [];
  let size = 0;
  const take = (row) => {
    const line = state.checker.check(row);
    if (line !== null) {
      lines.push(line);
      size += line.length;
    }
  };
  const startWith = (pending) => {
    state.layout = headerLayout(pending);
    state.checker = new RowChecker(state.layout, problems, today);
    const headerIndex = pending.findIndex((r) => layoutOf(r.cells).positions.size >= HEADER_MIN_MATCHES);
    for (const row of pending.slice(headerIndex + 1)) take(row);
  };
  for await (const batch of sheet2.rows()) {
    for (const row of batch) {
      if (state.checker !== null) {
        take(row);
        continue;
      }
      if (isBlank(row)) continue;
      candidates.push(row);
      if (layoutOf(row.cells).positions.size >= HEADER_MIN_MATCHES || candidates.length >= HEADER_SEARCH_ROWS) startWith(candidates);
    }
    onBatch();
    if (size >= CHUNK_CHARS) {
      yield lines.join("");
      lines = [];
      size = 0;
    }
  }
  if (state.checker === null) {
    if (candidates.length === 0) throw new ImportFileError("\u5DE5\u4F5C\u8868\u662F\u7A7A\u7684\uFF1A\u6CA1\u6709\u8868\u5934\uFF0C\u4E5F\u6CA1\u6709\u6570\u636E");
    startWith(candidates);
  }
  if (state.checker.rows === 0) throw new ImportFileError("\u6587\u4EF6\u53EA\u6709\u8868\u5934\uFF0C\u6CA1\u6709\u6570\u636E\u884C");
  if (lines.length > 0) yield lines.join("");
}

// bench/read-tmp.ts
var [, , file, mode] = process.argv;
var fmt = file.endsWith(".csv") ? "csv" : "xlsx";
var t0 = Date.now();
var c0 = process.cpuUsage();
var sheet = await openSheet(file, fmt);
var rows = 0;
var chars = 0;
if (mode === "raw") {
  for await (const b of sheet.rows()) rows += b.length;
} else {
  const problems = new ProblemList();
  const state = { layout: null, checker: null };
  for await (const chunk of stagingChunks(sheet, problems, state, /* @__PURE__ */ new Date(), () => {
  })) chars += chunk.length;
  rows = state.checker.rows;
  console.log("problems", problems.count, problems.items.slice(0, 3));
}
var cpu = process.cpuUsage(c0);
console.log(mode, rows, "rows", chars, "chars", "wall", Date.now() - t0, "cpu", Math.round((cpu.user + cpu.system) / 1e3), "maxRSS MB", Math.round(process.resourceUsage().maxRSS / 1024));
