/** The fixed lists the demo city is built from: names of places, bodies, posts and people. */

export interface TownshipSpec {
  code: string;
  name: string;
  kind: "street" | "township";
  /** 街道, 镇 or 乡: decides the titles of its cadres. */
  level: "街道" | "镇" | "乡";
  communities: readonly string[];
  villages: number;
}

/** Hejin's 2019 divisions; communities lie only in the two streets. 14 communities, 143 villages. */
export const townships: readonly TownshipSpec[] = [
  {
    code: "T01",
    name: "城区街道",
    kind: "street",
    level: "街道",
    communities: ["东关社区", "西关社区", "南关社区", "北关社区", "府前社区", "龙岗社区", "汾河湾社区", "迎宾社区"],
    villages: 8,
  },
  {
    code: "T02",
    name: "清涧街道",
    kind: "street",
    level: "街道",
    communities: ["清涧社区", "铝城社区", "光华社区", "龙兴社区", "康乐社区", "滨河社区"],
    villages: 21,
  },
  { code: "T03", name: "樊村镇", kind: "township", level: "镇", communities: [], villages: 22 },
  { code: "T04", name: "僧楼镇", kind: "township", level: "镇", communities: [], villages: 24 },
  { code: "T05", name: "小梁乡", kind: "township", level: "乡", communities: [], villages: 15 },
  { code: "T06", name: "柴家乡", kind: "township", level: "乡", communities: [], villages: 17 },
  { code: "T07", name: "赵家庄乡", kind: "township", level: "乡", communities: [], villages: 13 },
  { code: "T08", name: "下化乡", kind: "township", level: "乡", communities: [], villages: 10 },
  { code: "T09", name: "阳村乡", kind: "township", level: "乡", communities: [], villages: 13 },
];

/** Village names are drawn from these patterns (张家庄村, 东王村 …), shuffled, without repeats. */
export const villageSurnames = [
  "张", "王", "李", "赵", "刘", "杨", "郭", "薛", "贾", "梁", "史", "原", "卫", "柴", "任", "孙", "吕", "高", "崔", "马",
  "范", "冯", "韩", "董", "侯", "畅", "苏", "段", "黄", "樊", "姚", "贺", "尚", "曹", "宁", "程", "严", "许",
];
export const villageSurnameSuffixes = ["家村", "家庄村", "家堡村", "家坡村", "家沟村", "家窑村"];
export const villageDirections = ["东", "西", "南", "北", "上", "下", "前", "后"];
export const villageRoots = ["王村", "张村", "庄村", "堡村", "窑村", "坡村", "里村", "寨村", "关村", "涧村", "湾村", "原村", "梁村", "辛村", "午村", "营村"];

export interface DepartmentSpec {
  code: string;
  name: string;
  /** [name, what it covers] */
  functions: readonly (readonly [string, string])[];
}

/** The 24 departments that bring 45 functions into the grid system. */
export const departmentSpecs: readonly DepartmentSpec[] = [
  { code: "D01", name: "市公安局", functions: [["治安巡查", "治安隐患、可疑人员、聚集滋事"], ["流动人口管理", "出租房屋与流动人口登记"], ["道路交通秩序", "乱停乱放、交通拥堵、信号灯故障"]] },
  { code: "D02", name: "市住房和城乡建设局", functions: [["房屋安全排查", "危旧房屋、墙体开裂"], ["物业管理监督", "物业服务纠纷、维修资金"]] },
  { code: "D03", name: "市综合行政执法局", functions: [["违章建筑查处", "私搭乱建、违法建设"], ["占道经营整治", "流动摊贩、店外经营"], ["市容环境卫生", "垃圾堆放、乱贴乱画"]] },
  { code: "D04", name: "市市场监督管理局", functions: [["食品安全监管", "无证经营、过期食品"], ["特种设备安全", "电梯、锅炉等特种设备"], ["价格投诉处理", "乱收费、价格欺诈"]] },
  { code: "D05", name: "市生态环境局", functions: [["大气污染防治", "露天焚烧、扬尘、异味"], ["水污染防治", "偷排污水、河道污染"]] },
  { code: "D06", name: "市应急管理局", functions: [["安全生产检查", "企业安全生产隐患"], ["自然灾害防范", "地质灾害、极端天气"], ["防汛抗旱", "汛期隐患、积水内涝"]] },
  { code: "D07", name: "市民政局", functions: [["低保救助", "困难群众救助申请"], ["养老服务", "独居老人、养老机构"], ["殡葬管理", "乱埋乱葬、殡葬服务"]] },
  { code: "D08", name: "市人力资源和社会保障局", functions: [["欠薪维权", "拖欠农民工工资"], ["就业服务", "就业登记、技能培训"]] },
  { code: "D09", name: "市卫生健康委员会", functions: [["公共卫生", "传染病防控、病媒生物"], ["基层医疗服务", "村卫生室、家庭医生签约"], ["爱国卫生", "环境卫生整治"]] },
  { code: "D10", name: "市交通运输局", functions: [["道路设施养护", "路面破损、井盖缺失"], ["客运秩序", "非法营运、公交站点"]] },
  { code: "D11", name: "市水利局", functions: [["河道管理", "河道采砂、乱占乱建"], ["农田水利", "灌溉设施损坏"]] },
  { code: "D12", name: "市农业农村局", functions: [["农产品质量安全", "农药残留、农资质量"], ["动物防疫", "畜禽疫病、病死畜禽处理"]] },
  { code: "D13", name: "市自然资源局", functions: [["土地违法查处", "违法占地、耕地保护"], ["矿产资源保护", "私挖滥采"]] },
  { code: "D14", name: "市教育局", functions: [["校园周边安全", "校园周边秩序与安全"]] },
  { code: "D15", name: "市司法局", functions: [["人民调解", "邻里、婚姻家庭等矛盾纠纷"], ["社区矫正", "社区矫正对象管理"], ["法律援助", "困难群众法律援助"]] },
  { code: "D16", name: "市信访局", functions: [["信访事项受理", "群众来信来访"]] },
  { code: "D17", name: "市消防救援大队", functions: [["消防安全隐患", "堵塞消防通道、电动车违规充电"]] },
  { code: "D18", name: "国网河津市供电公司", functions: [["供电故障抢修", "停电、线路隐患"]] },
  { code: "D19", name: "河津市自来水公司", functions: [["供水管网维修", "停水、管道漏水"]] },
  { code: "D20", name: "河津市燃气公司", functions: [["燃气安全", "燃气泄漏、管道隐患"]] },
  { code: "D21", name: "市文化和旅游局", functions: [["文化市场监管", "网吧、娱乐场所经营"]] },
  { code: "D22", name: "市退役军人事务局", functions: [["退役军人服务", "优抚对象帮扶"]] },
  { code: "D23", name: "市医疗保障局", functions: [["医保服务", "医保参保、报销"]] },
  { code: "D24", name: "市残疾人联合会", functions: [["残疾人帮扶", "残疾人证办理与帮扶"]] },
];

export interface UnitSpec {
  code: string;
  name: string;
  /**
   * How many party organisations the unit has: 1 a 机关党支部; 2 that and a 离退休干部党支部;
   * 3 a 党总支 over two 党支部; more a 机关党委 over the rest.
   */
  partyOrgs: number;
}

/** 市直单位 (all organs); their party organisations add up to the 84 city-organ party organisations. */
export const unitSpecs: readonly UnitSpec[] = [
  { code: "swb", name: "市委办公室", partyOrgs: 2 },
  { code: "rdb", name: "市人大常委会办公室", partyOrgs: 2 },
  { code: "zfb", name: "市人民政府办公室", partyOrgs: 3 },
  { code: "zxb", name: "市政协办公室", partyOrgs: 2 },
  { code: "jw", name: "市纪委监委", partyOrgs: 3 },
  { code: "zzb", name: "市委组织部", partyOrgs: 2 },
  { code: "xcb", name: "市委宣传部", partyOrgs: 2 },
  { code: "tzb", name: "市委统战部", partyOrgs: 1 },
  { code: "zfw", name: "市委政法委", partyOrgs: 2 },
  { code: "bb", name: "市委编办", partyOrgs: 1 },
  { code: "jggw", name: "市直机关工委", partyOrgs: 1 },
  { code: "dx", name: "市委党校", partyOrgs: 2 },
  { code: "xchb", name: "市委巡察办", partyOrgs: 1 },
  { code: "fgj", name: "市发展和改革局", partyOrgs: 3 },
  { code: "czj", name: "市财政局", partyOrgs: 3 },
  { code: "sjj", name: "市审计局", partyOrgs: 1 },
  { code: "tjj", name: "市统计局", partyOrgs: 1 },
  { code: "gxj", name: "市工业和信息化局", partyOrgs: 3 },
  { code: "swj", name: "市商务局", partyOrgs: 2 },
  { code: "spj", name: "市行政审批服务管理局", partyOrgs: 3 },
  { code: "kjj", name: "市科学技术局", partyOrgs: 1 },
  { code: "nyj", name: "市农业农村局", partyOrgs: 3 },
  { code: "zjj", name: "市住房和城乡建设局", partyOrgs: 3 },
  { code: "mzj", name: "市民政局", partyOrgs: 2 },
  { code: "rsj", name: "市人力资源和社会保障局", partyOrgs: 3 },
  { code: "jyj", name: "市教育局", partyOrgs: 4 },
  { code: "wjw", name: "市卫生健康委员会", partyOrgs: 4 },
  { code: "sfj", name: "市司法局", partyOrgs: 3 },
  { code: "xfj", name: "市信访局", partyOrgs: 1 },
  { code: "yjj", name: "市应急管理局", partyOrgs: 3 },
  { code: "zrj", name: "市自然资源局", partyOrgs: 3 },
  { code: "sthj", name: "市生态环境局", partyOrgs: 3 },
  { code: "scj", name: "市市场监督管理局", partyOrgs: 3 },
  { code: "gaj", name: "市公安局", partyOrgs: 5 },
  { code: "tw", name: "共青团河津市委", partyOrgs: 1 },
  { code: "fl", name: "市妇女联合会", partyOrgs: 1 },
  { code: "zgh", name: "市总工会", partyOrgs: 1 },
];

export interface LeaderSpec {
  title: string;
  standingCommittee: boolean;
  /** The unit the leader heads, if any. */
  unit?: string;
}

/** 29 county-level leaders; the first 10 sit on the standing committee, the first of them is the city secretary. */
export const leaderSpecs: readonly LeaderSpec[] = [
  { title: "市委书记", standingCommittee: true, unit: "swb" },
  { title: "市委副书记、市长", standingCommittee: true, unit: "zfb" },
  { title: "市委副书记", standingCommittee: true },
  { title: "市委常委、市纪委书记、市监委主任", standingCommittee: true, unit: "jw" },
  { title: "市委常委、组织部部长", standingCommittee: true, unit: "zzb" },
  { title: "市委常委、宣传部部长", standingCommittee: true, unit: "xcb" },
  { title: "市委常委、政法委书记", standingCommittee: true, unit: "zfw" },
  { title: "市委常委、统战部部长", standingCommittee: true, unit: "tzb" },
  { title: "市委常委、常务副市长", standingCommittee: true },
  { title: "市委常委、人武部部长", standingCommittee: true },
  { title: "市人大常委会主任", standingCommittee: false, unit: "rdb" },
  { title: "市人大常委会副主任", standingCommittee: false },
  { title: "市人大常委会副主任", standingCommittee: false },
  { title: "市人大常委会副主任", standingCommittee: false },
  { title: "市人大常委会副主任", standingCommittee: false },
  { title: "副市长、市公安局局长", standingCommittee: false, unit: "gaj" },
  { title: "副市长", standingCommittee: false },
  { title: "副市长", standingCommittee: false },
  { title: "副市长", standingCommittee: false },
  { title: "副市长", standingCommittee: false },
  { title: "副市长", standingCommittee: false },
  { title: "副市长", standingCommittee: false },
  { title: "市政协主席", standingCommittee: false, unit: "zxb" },
  { title: "市政协副主席", standingCommittee: false },
  { title: "市政协副主席", standingCommittee: false },
  { title: "市政协副主席", standingCommittee: false },
  { title: "市政协副主席", standingCommittee: false },
  { title: "市人民法院院长", standingCommittee: false },
  { title: "市人民检察院检察长", standingCommittee: false },
];

/** Leading posts of a township government, by level; every other cadre there is a 包村干部. */
export function townshipTitles(level: TownshipSpec["level"]): string[] {
  const committee = level === "街道" ? "党工委" : "党委";
  const head = level === "街道" ? "办事处主任" : level === "镇" ? "镇长" : "乡长";
  const deputy = level === "街道" ? "办事处副主任" : level === "镇" ? "副镇长" : "副乡长";
  const discipline = level === "街道" ? "纪工委书记" : "纪委书记";
  return [`${committee}书记`, `${committee}副书记、${head}`, `${committee}副书记`, discipline, "组织委员", "宣传委员", "武装部长", deputy, deputy];
}

/** Family names, weighted roughly as they are common in southern Shanxi (畅, 原, 卫 are local). */
export const surnames: readonly (readonly [string, number])[] = [
  ["王", 10], ["李", 8], ["张", 8], ["刘", 6], ["赵", 5], ["杨", 5], ["郭", 5], ["薛", 4], ["贾", 4], ["梁", 3],
  ["史", 3], ["原", 3], ["卫", 3], ["柴", 2], ["畅", 2], ["任", 2], ["孙", 2], ["吕", 2], ["高", 2], ["崔", 2],
  ["马", 2], ["范", 2], ["冯", 1], ["韩", 2], ["董", 1], ["侯", 1], ["苏", 1], ["段", 1], ["黄", 1], ["樊", 1],
  ["姚", 1], ["贺", 1], ["尚", 1], ["曹", 1], ["宁", 1], ["程", 1], ["许", 1], ["陈", 2], ["周", 1], ["吴", 1],
];

export const maleNameCharacters = [
  "建", "国", "军", "伟", "强", "明", "华", "平", "刚", "志", "勇", "斌", "涛", "鹏", "超", "磊", "浩", "宇", "杰", "俊",
  "文", "海", "晓", "东", "龙", "云", "峰", "辉", "亮", "飞", "林", "波", "宏", "忠", "德", "生", "福", "宝", "成", "旺",
  "江", "山", "新", "卫", "春", "兵", "锋", "利", "民", "安",
];

export const femaleNameCharacters = [
  "芳", "丽", "娟", "霞", "敏", "静", "燕", "红", "艳", "玲", "英", "梅", "兰", "秀", "萍", "琴", "颖", "婷", "雪", "慧",
  "娜", "莉", "洁", "晶", "欣", "悦", "佳", "倩", "珍", "凤", "桂", "月", "彩", "云", "花", "春", "丹", "琳", "瑞", "雅",
];
