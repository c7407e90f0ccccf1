/**
 * Seed 000: 龙山镇脱贫攻坚“春季攻势”实施方案 (龙陵县龙山镇, 2019-03-09) — its tasks with their
 * 完成时限 as written, lead department (牵头部门) and responsible departments (责任部门). The
 * demo loads it as the township's plan; the deadlines are read by parseDeadline.
 */
import type { PlanInput } from './schemas';

const SECTION = {
  housing: '（一）打好住房保障硬仗',
  industry: '（二）打好产业扶贫硬仗',
  employment: '（三）打好就业扶贫硬仗',
  services: '（四）打好教育医疗社保硬仗',
  infrastructure: '（五）打好基础设施建设硬仗',
};

const LONG = '3—5月发动“春季攻势”，长期坚持';
const villages = '各村（社区）';

export const SPRING_OFFENSIVE: PlanInput = {
  placeCode: '530523101',
  year: 2019,
  title: '龙山镇脱贫攻坚“春季攻势”实施方案',
  docNo: '龙开组办〔2019〕7号（县方案）',
  issuedOn: '2019-03-09',
  tasks: [
    {
      section: SECTION.housing, title: '全面完成易地扶贫搬迁任务',
      content: '所有安置点完成基础设施配套建设，建档立卡562户2452人全部高质量搬迁入住；同步搬迁27户、非卡户85户、整改调出户52户249人全部入住；涉及易地搬迁的农户完成旧房拆除。',
      deadlineText: '3月底前完成基础设施配套建设、卡户搬迁户全部入住；6月底前，所有搬迁户全部入住；9月底前旧房全部拆除',
      leadDepartment: '项目办', responsibleDepartments: ['镇社保中心', '社会事务办', '农业服务中心', '林业站', '畜牧兽医站', '涉及易地扶贫搬迁各村（社区）'],
    },
    {
      section: SECTION.housing, title: '彻底完成农村危房改造工作',
      content: '农村危房改造对象户及已脱贫户住房质量提升全面竣工入住，启动未脱贫户及非四类对象无能力建房户危房改造，实现危房改造“清零”，完成补助资金兑付。',
      deadlineText: '4月底前竣工入住', leadDepartment: '危改办', responsibleDepartments: ['国土所', '国土和村镇规划建设服务中心', villages],
    },
    {
      section: SECTION.housing, title: '全力抓好人居环境整治提升',
      content: '按“七改三清”标准开展农村人居环境整治，完成串户路、入户路和户内硬化扫尾并组织验收。',
      deadlineText: '3月底以前完成项目验收', leadDepartment: '人居办', responsibleDepartments: ['危改办', villages],
    },
    {
      section: SECTION.industry, title: '进一步完善产业扶持政策',
      content: '优化扶贫产业项目，扶持龙头企业、合作社、种养殖大户等新型经营主体，建立利益联结关系和稳定的产销关系。',
      deadlineText: LONG, leadDepartment: '产业办', responsibleDepartments: ['镇社保中心', '农业服务中心', '林业站', '畜牧兽医站', '小额信贷工作站', villages],
    },
    {
      section: SECTION.industry, title: '继续培育壮大增收产业',
      content: '巩固提升烤烟、茶叶、生猪、核桃等传统优势产业，形成“村村有产业、户户有项目、人人有收入”的格局。',
      deadlineText: '3—5月发动“春季攻势”，2019年底完成，并长期坚持', leadDepartment: '产业办', responsibleDepartments: ['农业服务中心', '林业站', '畜牧兽医站', villages],
    },
    {
      section: SECTION.industry, title: '大力推广产业扶贫典型模式',
      content: '推进肉牛、黄山羊产业发展，做大做强石斛生态产业，建设枫斗加工厂4个。',
      deadlineText: '3—5月发动“春季攻势”，2019年底完成', leadDepartment: '产业办', responsibleDepartments: ['畜牧兽医站', '建丰牧业专业合作社'],
    },
    {
      section: SECTION.employment, title: '加大贫困劳动力培训和转移就业力度',
      content: '组织贫困劳动力参加短期培训，组建服务队就近就地转移，提高劳务输出组织化程度。',
      deadlineText: LONG, leadDepartment: '镇社保中心', responsibleDepartments: ['镇扶贫办', '农业服务中心', '林业站', '畜牧兽医站', villages],
    },
    {
      section: SECTION.employment, title: '鼓励贫困劳动力自主创业',
      content: '对自主创业的农村贫困劳动力每人给予不超过10万元的创业担保贷款扶持。',
      deadlineText: LONG, leadDepartment: '镇社保中心', responsibleDepartments: ['小额信贷工作站', '镇妇联', '团镇委', villages],
    },
    {
      section: SECTION.employment, title: '进一步开发村公共服务岗位',
      content: '开发生态扶贫、人居环境、地质灾害监测等公共服务岗位，使建档立卡贫困劳动力就地就业。',
      deadlineText: LONG, leadDepartment: '镇社保中心', responsibleDepartments: ['林业服务中心', '人居办', '国土所', villages],
    },
    {
      section: SECTION.employment, title: '加强就业扶持政策落实',
      content: '技能培训不低于3300人次（其中建档立卡贫困劳动力不低于250人次），新增转移农村劳动力不低于500人。',
      deadlineText: '3—5月发动“春季攻势”，2019年底完成', leadDepartment: '镇社保中心', responsibleDepartments: ['小额信贷工作站', '镇妇联', '共青团镇委', villages],
    },
    {
      section: SECTION.services, title: '加大教育扶贫力度',
      content: '落实学生资助政策，确保精准资助“一个不漏”、控辍保学“一个不失”。',
      deadlineText: LONG, leadDepartment: '镇中心学校', responsibleDepartments: ['各村完小', villages],
    },
    {
      section: SECTION.services, title: '深入实施健康扶贫',
      content: '落实建档立卡贫困人口健康扶贫“四重保障”，推行“先诊疗后付费”和“一站式”结算。',
      deadlineText: LONG, leadDepartment: '镇合医办', responsibleDepartments: ['中医院', '河头卫生院', '各村（社区）卫生室'],
    },
    {
      section: SECTION.services, title: '全面落实兜底保障',
      content: '建档立卡贫困户医疗保险和符合条件人员养老保险参保率100%，符合条件的贫困人口纳入农村低保。',
      deadlineText: LONG, leadDepartment: '镇社保中心', responsibleDepartments: ['社会事务办', villages],
    },
    {
      section: SECTION.infrastructure, title: '巩固提升农村饮水安全',
      content: '提升农村人饮水质，加强水源地保护和日常检测监测，实施山区小水网工程。',
      deadlineText: '3—5月发动“春季攻势”，2019年底完成并长期坚持', leadDepartment: '镇水利工作站', responsibleDepartments: [villages],
    },
    {
      section: SECTION.infrastructure, title: '全面做好电力扶贫工作',
      content: '加强农村电网改造升级，提升农村群众用电质量。',
      deadlineText: LONG, leadDepartment: '镇供电所', responsibleDepartments: [],
    },
    {
      section: SECTION.infrastructure, title: '加快推进交通扶贫',
      content: '补齐深度贫困村交通基础设施短板，修建产业路、旅游资源路，推进“四好农村路”建设。',
      deadlineText: '3—5月发动“春季攻势”，2019年底前完成', leadDepartment: '镇交通管理所', responsibleDepartments: [villages],
    },
    {
      section: SECTION.infrastructure, title: '加快推进农村网络建设',
      content: '推进贫困村4G网络深度覆盖，实施贫困村宽带网络免费提速和降费工程。',
      deadlineText: '3—5月发动“春季攻势”，2019年底完成，并长期坚持', leadDepartment: '党政办', responsibleDepartments: [villages],
    },
    {
      section: SECTION.infrastructure, title: '实施广播电视和文化服务提升工程',
      content: '加强广播电视和公共文化服务设施建设，推进易地扶贫搬迁安置点文化活动场建设。',
      deadlineText: '3—5月发动“春季攻势”，2019年底完成，并长期坚持', leadDepartment: '镇文化站', responsibleDepartments: [villages],
    },
  ],
};
