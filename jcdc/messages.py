"""Every word a clerk reads: headings, labels and messages, in one place.

Errors are one line that names the offending value (「…」) and, where it can,
says what would be right. Templates use str.format with named fields.
"""

ERROR_PREFIX = "错误: "
INTERNAL_ERROR = "内部错误: {kind}: {text}(请将此行报告给维护人员; 设置 JCDC_DEBUG=1 可看到详细信息)"
DB_BUSY = "数据库正被其他人长时间占用, 请稍后再试: {path}"
DB_UNREADABLE = "无法打开数据库「{path}」: {text}"
DB_NEWER = "数据库「{path}」由更新版本的 jcdc 创建(结构版本 {found} > {known}), 请升级 jcdc"

# --- values -----------------------------------------------------------------
BAD_DATE = "无法识别的日期「{text}」, 可用格式: 2019-03-05、2019/3/5、2019年3月5日、20190305"
BAD_QUARTER = "无法识别的季度「{text}」, 可用格式: 2019Q1、2019-Q1、2019年第一季度"
BAD_YEAR = "无法识别的年份「{text}」, 应为四位数字, 如 2019"
BAD_POINTS = "无法识别的分值「{text}」, 分值最多一位小数, 如 15 或 -2.5"
BAD_QTY = "数量「{qty}」无效, 应为正整数"
BAD_OUTPUT = "无法识别的输出文件类型「{path}」, 可用扩展名: .csv、.xlsx、.json"
FILE_WRITTEN = "已写入 {path}({rows} 行)"
BAD_CATEGORY = "未知的单位类别「{text}」, 可用: county(县市区)、devzone(开发区)、city(市直)、stationed(驻市)"
BAD_ROLE = "未知的角色「{text}」, 可用: lead(牵头)、coop(配合)"
EMPTY_VALUE = "「{field}」不能为空"
PERIOD_NEEDED = "请指定 --year 或 --quarter 之一"
PERIOD_BOTH = "--year 与 --quarter 只能指定一个"

# --- units ------------------------------------------------------------------
UNKNOWN_UNIT = "未知单位「{text}」"
UNKNOWN_UNIT_SUGGEST = "未知单位「{text}」, 是否指「{suggestion}」?"
UNIT_EXISTS = "单位代码「{code}」已存在({name})"
UNIT_NAME_TAKEN = "名称或简称「{name}」已被单位「{code}」使用"
BAD_UNIT_CODE = "单位代码「{code}」无效: 应为字母、数字、连字符或下划线, 以字母开头"
UNIT_NOT_IN_FORCE = "单位「{name}」在 {date} 不在存续期内({span})"
UNIT_ALREADY_ENDED = "单位「{name}」已于 {date} 撤销"
UNIT_END_BEFORE_START = "撤销日期 {date} 早于单位「{name}」的设立日期 {since}"
UNITS_LOADED = "已载入单位名册: 新增 {added} 个, 已有 {skipped} 个, 共 {total} 个"
UNIT_ADDED = "已添加单位 {code} {name}({category}, {group})"
UNIT_ENDED = "单位 {code} {name} 自 {date} 起撤销"
UNIT_FILE_ROW = "第{line}行: {text}"
UNIT_FILE_HEADER = "单位文件缺少列: {missing}(需要 code,name,category[,group][,aliases])"
FILE_NOT_FOUND = "找不到文件「{path}」"

CATEGORY = {
    "county": "县(市、区)",
    "devzone": "开发区",
    "city": "市直",
    "stationed": "驻市",
}

# --- rules and points -------------------------------------------------------
UNKNOWN_RULE = "未知规则「{text}」"
UNKNOWN_RULE_SUGGEST = "未知规则「{text}」, 是否指「{suggestion}」? (jcdc rules list 查看全部)"
ROLE = {"lead": "牵头", "coop": "配合"}
ROLE_NOT_IN_RULE = "规则「{rule}」没有{role}单位的分值"
POINTS_FIXED = "规则「{rule}」的分值固定为 {amount}, 由规则自动计算, 无需 --points"
POINTS_NEEDED = "规则「{rule}」的分值在 {amount} 之间, 请用 --points 给出"
POINTS_OUT_OF_RANGE = "分值 {points} 超出规则「{rule}」的范围 {amount}"
QTY_ONCE = "规则「{rule}」每单位每季度只记一次, 数量只能为 1"
QTY_ONCE_MATTER = "规则「{rule}」每个事项只记一次, 数量只能为 1"
MATTER_NEEDED = "规则「{rule}」需要 --matter 指明事项编号"
NO_REMINDER_TWICE = "单位「{unit}」{quarter}已记过「13710-no-reminder」(第 {entry} 条), 每季度只记一次"
KEY_TWICE = "事项「{matter}」已记过「13710-key」(第 {entry} 条), 每个事项只扣一次"
ENTRY_NOT_FOUND = "找不到积分记录 {id}"
ALREADY_REVOKED = "积分记录 {id} 已被第 {by} 条冲销, 不能重复冲销"
REVERSAL_NOT_REVOCABLE = "第 {id} 条本身是冲销记录, 不能再冲销"
REASON_NEEDED = "冲销必须用 --reason 说明原因"
REVERSAL_NOTE = "冲销第 {id} 条"

# --- headings ---------------------------------------------------------------
H_CODE = "代码"
H_NAME = "名称"
H_CATEGORY = "类别"
H_GROUP = "排名组"
H_ALIASES = "简称"
H_VALID = "存续期"
H_RULE = "规则"
H_TITLE = "事项"
H_CITE = "依据"
H_LEAD = "牵头"
H_COOP = "配合"
H_PER = "计分方式"
H_SCORER = "评分单位"
H_ID = "编号"
H_DATE = "日期"
H_UNIT = "单位"
H_ROLE = "角色"
H_POINTS = "分值"
H_QTY = "数量"
H_MATTER = "事项编号"
H_REF = "文号"
H_NOTE = "备注"
H_BY = "记录人"
H_AT = "记录时间"
H_REVERSES = "冲销"
H_RANK = "名次"
H_SCORE = "积分"
H_DELTA = "较基准"
H_YTD = "年度累计"
H_FLAGS = "结果"
H_ARTICLE = "条文"

RULES_TITLE = "激励积分规则(积分办法 第十一、十二条)"
UNITS_TITLE = "被考核单位"
POINTS_TITLE = "积分记录"
RANK_TITLE_YEAR = "{year}年度积分排名 · {group}"
RANK_TITLE_QUARTER = "{quarter}积分排名 · {group}"
RANK_EMPTY = "该期间没有在册单位"
ENTRY_ADDED = "已记录第 {id} 条: {unit} {rule} {points} 分({cite})"
ENTRY_REVOKED = "已冲销第 {id} 条, 冲销记录为第 {new} 条({points} 分)"
POINTS_NONE = "没有符合条件的积分记录"
FLAG_LABEL = {
    "accountability": "追责候选",
    "exempt-recommended": "推荐免督查",
    "exempt": "免督查",
}
RANK_FOOTNOTE = "基准分 100(积分办法 第十条); 同分同名次, 下一名次顺延"
FLAG_NOTE = {
    "accountability": "追责候选: 年度积分低于基准且连续2年倒数后2位(积分办法 第十七条; 追究办法 第五条(五))",
    "exempt-recommended": "推荐免督查: 年度总积分第1位的县(市、区), 次年国务院、省政府大督查重点推荐(积分办法 第十九条)",
    "exempt": "免督查: 年度总积分前3位的市直相关单位, 次年市政府大督查免督查(积分办法 第十九条)",
}

# --- demo -------------------------------------------------------------------
DEMO_BUILT = "演示数据库已生成: {path}({entries} 条积分记录, {units} 个单位)。这不是您的工作数据库。"

# --- accountability cases (issue 4) -----------------------------------------


# --- inspector pools and draws (issue 5) ------------------------------------
POOL = {"full": "专职", "part": "兼职", "invited": "特邀"}
TASK_KIND = {"special": "专项督查", "major": "大督查", "assigned": "领导交办"}
STATUS = {"notified": "已通知", "pending": "待同意", "accepted": "已同意", "declined": "已谢绝",
          "failed": "未完成任务"}
ACTION = {"consent": "同意", "decline": "谢绝", "fail": "未完成任务", "refill": "递补"}
EXCLUSION = {
    "inactive": "任务开始日不在库(已调出)",
    "target-unit": "本人所在单位为被督查单位(三库办法 第七条)",
    "target-county": "所属县(市、区)或开发区为被督查地区(三库办法 第七条 异地交叉督查)",
    "other-team": "已在本次任务的其他督查组",
}
REPORT_STATUS = {"due": "未报送", "submitted": "已报送", "returned": "已退回"}
ATTENDANT = "随行"

ONE_LINE = "「{field}」须为一行文字, 不能含换行或控制字符: 「{text}」"
BAD_POOL = "未知的人员库「{text}」, 可用: full(专职)、part(兼职)、invited(特邀)"
BAD_TASK_KIND = "未知的任务类型「{text}」, 可用: special(专项督查)、major(大督查)、assigned(领导交办)"
BAD_REGION = "地区「{text}」不是县(市、区)或开发区; 市级单位人员的地区为 市本级"
INSPECTOR_FILE_HEADER = "督查人员文件缺少列: {missing}(需要 姓名/name、库/pool、单位/unit, 可选 地区/region、专长/expertise、电话/phone、起始日期/since)"
INSPECTOR_NOT_FOUND = "找不到督查人员 {id}"
INSPECTOR_RETIRED = "督查人员 {id} {name} 已于 {date} 调出, 不能再变更"
INSPECTOR_BACKDATED = "督查人员 {id} 的变更日期 {date} 早于其最近一条记录的日期 {since}; 记录须按日期先后登记"
INSPECTOR_NO_CHANGE = "没有要变更的内容: 请至少给出 --name、--pool、--unit、--region、--expertise 或 --phone 之一"
INSPECTOR_ADDED = "已登记督查人员 {id} {name}({pool}, {unit}, {region}), 自 {since} 起在库"
INSPECTOR_UPDATED = "已变更督查人员 {id} {name}, 自 {since} 起生效"
INSPECTOR_RETIRED_OK = "督查人员 {id} {name} 自 {date} 起调出: {reason}"
INSPECTORS_IMPORTED = "已导入督查人员 {count} 名"
INSPECTORS_TITLE = "督查人员库({date})"
TODAY = "今天"
INSPECTORS_NONE = "该日没有在库的督查人员"

TASK_NAME_DIGITS = "任务名称「{name}」不能全是数字(数字用作任务编号)"
TASK_END_BEFORE_START = "任务结束日期 {end} 早于开始日期 {start}"
TASK_EXISTS = "任务「{name}」已存在"
TASK_NOT_FOUND = "找不到任务「{text}」(可用任务编号或完整名称)"
TASK_ADDED = "已登记任务 {id} {name}({kind}, {start} 至 {end}), 报告应于 {due} 前报送"
TASKS_TITLE = "督查任务"
TASKS_NONE = "尚未登记督查任务"

TEAM_EMPTY = "督查组人数无效: 各库人数不能为负, 且至少抽取一名"
MAJOR_NEEDS_PLAN = "大督查按市政府办公厅制定的督查工作方案组织实施(三库办法 第九条): 请用 --override-reason 注明方案"
OVER_LIMITS = "督查组人数({asked})超过专项督查的一般限额({limits}, 三库办法 第九条): 请用 --override-reason 说明理由"
TEAM_DRAWN = "任务「{task}」的「{team}」已抽取过; 一个督查组只抽取一次, 人员变动用 draw consent / draw fail 递补"
TOO_FEW = "{pool}库可抽取人员仅 {eligible} 名, 少于所需 {seats} 名"
DRAW_NOT_FOUND = "找不到抽取记录 {id}"
DRAW_DONE = "已抽取第 {id} 号({seed}); 任何人可用 jcdc draw verify {id} 复核"
DRAW_SEED_GIVEN = "种子由操作人给出并已记录"
DRAW_SEED_OS = "种子由操作系统随机生成并已记录"
DRAW_INPUTS = "随机种子 {seed} · 算法 {algorithm} · 名册哈希 {roster_hash}"
NOT_A_MEMBER = "督查人员 {inspector} 不在抽取记录 {draw}({team})中"
BAD_MEMBER_STEP = "督查人员 {inspector} 当前为「{status}」, 不能「{action}」"
FULL_NOTIFIED = "督查人员 {inspector} 为专职, 直接通知, 无需征得同意(三库办法 第十一条)"
MEMBER_CHANGED = "督查人员 {inspector}: {status}"
REFILLED = "由第 {newcomer} 号 {name} 递补"
NO_REFILL = "同库已无可递补人员, 该席位空缺"
OBSTRUCT_ENTRY = "已对所在单位记第 {entry} 条积分(obstruct, 积分办法 第十二条(四); 三库办法 第六条)"
OBSTRUCT_REF = "督查任务「{task}」{team}, 督查人员 {inspector} 未完成任务"
DRAWS_TITLE = "抽取记录"
DRAWS_NONE = "没有抽取记录"
DRAW_MEMBERS_TITLE = "第 {id} 号抽取: {task} · {team}"
DRAW_EXCLUDED_TITLE = "回避与排除"
VERIFY_OK = "第 {id} 号抽取复核一致: 由记录重新计算得到同一排序与同一督查组(名册哈希 {roster_hash})"
VERIFY_FAILED = "第 {id} 号抽取复核不一致: {problems}"
VERIFY_RECORD_EDITED = "{what}的哈希链不符(记录被改动)"
VERIFY_DRAW_ROW = "抽取记录"
VERIFY_TASK_ROW = "任务记录"
VERIFY_UNREADABLE = "抽取记录无法读取(记录被改动): {text}"
VERIFY_EVENT_ROW = "人员变动记录 {id} "
VERIFY_ALGORITHM = "未知的抽取算法「{algorithm}」"
VERIFY_ROSTER_HASH = "名册哈希与记录的名册不符"
VERIFY_RANKING = "由种子与名册重新计算的排序与记录不符"
VERIFY_ROSTER_CHANGED = "按现有台账重算 {date} 的可抽取名册(含回避与近12个月抽取次数)与记录不符"
VERIFY_REFILL = "人员变动记录 {id} 递补了 {found}, 按记录的排序应为 {expected}"

TEAM_NOT_DRAWN = "任务「{task}」没有名为「{team}」的督查组"
REPORT_BEFORE_TASK = "报告日期 {date} 早于任务开始日期 {start}"
REPORT_STANDS = "「{team}」的报告已于 {date} 报送; 需补充时先用 task return-report 退回"
NO_REPORT_TO_RETURN = "「{team}」没有待退回的报告"
REPORT_SUBMITTED = "已登记「{team}」的督查报告({date}), 应报日期 {due}{late}"
REPORT_LATE = ", 逾期 {days} 天"
REPORT_RETURNED = "已退回「{team}」的督查报告: {reason}"
REPORT_DUE_WHAT = "督查报告: {task} · {team}(三库办法 第十四条)"
TASK_TEAMS_TITLE = "任务 {id} {name}({kind}, {start} 至 {end}, 报告应于 {due} 前报送)"
TASK_NO_TEAMS = "该任务尚未抽取督查组"

H_INSPECTOR = "人员编号"
H_POOL = "库"
H_REGION = "地区"
H_EXPERTISE = "专长"
H_PHONE = "电话"
H_SINCE = "起始日期"
H_TASK = "任务"
H_KIND = "类型"
H_START = "开始"
H_END = "结束"
H_TEAM = "督查组"
H_TARGETS = "被督查单位"
H_MEMBERS = "成员"
H_STATUS = "状态"
H_REASON = "原因"
H_SEED = "随机种子"
H_REPORT = "报告"
H_DUE = "应报日期"
H_LATE = "逾期天数"


# --- 13710 matters, rectification, deadlines (issue 6) ----------------------


# --- import and files (issue 3) ---------------------------------------------


# --- integrity: check, close, backup (issue 7) ------------------------------
