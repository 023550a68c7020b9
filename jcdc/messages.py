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


# --- 13710 matters, rectification, deadlines (issue 6) ----------------------


# --- import and files (issue 3) ---------------------------------------------


# --- integrity: check, close, backup (issue 7) ------------------------------
QUARTER_CLOSED = ("日期 {date} 属于{quarter}, 该季度已于 {at} 由 {by} 关闭(排名已公布), 不能再记入; "
                  "确需更正请先 jcdc reopen {key} --reason 原因")
QUARTER_ALREADY_CLOSED = "{quarter}已于 {at} 由 {by} 关闭"
QUARTER_NOT_CLOSED = "{quarter}未关闭, 无需重新打开"
QUARTER_NOT_ENDED = "{quarter}到 {end} 才结束, 结束后才能关闭"
CLOSE_EARLIER_FIRST = "请先关闭{earlier}: 季度须按顺序关闭, 年度累计积分才不会在关闭后改变"
REOPEN_LATER_FIRST = "请先重新打开{later}: 它的年度累计积分包含{quarter}"
REOPEN_REASON_NEEDED = "重新打开季度必须用 --reason 说明原因"
QUARTER_CLOSED_DONE = "已关闭{quarter}, 此后该季度的积分记录将被拒绝。排名哈希(可随排名一并公布, 供日后核对): {hash}"
QUARTER_REOPENED = "已重新打开{quarter}(原因: {reason})"
RANK_CLOSED = "{quarter}已于 {at} 由 {by} 关闭, 以下为公布时的排名(jcdc check 可核对未被改动)"
BACKUP_DONE = "已备份到 {path}({size} 字节); 可用 jcdc check --db {path} 核对"
BACKUP_FAILED = "无法写入备份文件「{path}」: {text}"
BACKUP_EXISTS = "备份文件「{path}」已存在; 请换一个文件名, 以免覆盖旧的备份"
CHECK_FAILED = "发现 {count} 个问题"
QTY_TOO_LARGE = "数量「{qty}」过大: 一条记录最多 {max} 项(次、天), 请核对或分条记录"
TEXT_TOO_LONG = "「{field}」有 {length} 个字, 超过上限 {max} 字; 长文请存为文件, 在 --ref 中写明文件名"
TEXT_CONTROL = "「{field}」中有控制字符 {char}; 除换行和制表符外不能含控制字符"
BAD_TEXT_ENCODING = "输入中有无法识别的字符「{text}」(不是 UTF-8 编码?), 未写入任何内容"

# Problems found by `jcdc check`: "{where}: {what}", one line each.
P_TABLE = "{table}"
P_RECORD = "{table} 第 {id} 条"
P_TABLE_MISSING = "表不存在"
P_GAP = "缺少第 {first}—{last} 条(记录被删除)"
P_LINK = "与前一条的链接断开(prev_hash 不符, 前面的记录被改动或删除)"
P_HASH = "内容与写入时的哈希不符(记录在写入后被改动)"
P_HEAD_MISSING = "链尾记录缺失: 应有第 {id} 条, 现在只到第 {last} 条(最新的记录被删除)"
P_HEAD_BEYOND = "第 {first}—{last} 条未经 jcdc 写入(登记的链尾为第 {id} 条)"
P_HEAD_DIFFERS = "链尾记录与登记的哈希不符"
P_HEAD_UNKNOWN = "没有登记的链尾(chain_heads 被改动)"
P_TRIGGER = "只增不改的保护触发器「{name}」缺失或被改动"
P_FOREIGN_KEY = "引用的 {parent} 记录不存在"
P_STORAGE = "SQLite 完整性检查: {text}"
P_UNREADABLE = "无法读取: {text}"
P_QKEY = "季度列 qkey={qkey} 与日期 {date} 不符"
P_UNKNOWN_RULE = "规则「{rule}」不在规则目录中"
P_CITE = "依据「{cite}」与规则「{rule}」的依据「{expected}」不符"
P_POINTS = "分值 {points} 不是规则给出的 {expected}"
P_RULE_REFUSES = "规则不允许这条记录: {text}"
P_QTY_SPLIT = "分值 {points} 不能平均分到 {qty} 项"
P_TWICE = "规则「{rule}」在同一{scope}已记过第 {earlier} 条"
P_SCOPE_QUARTER = "单位同一季度"
P_SCOPE_MATTER = "事项"
P_REVERSES_MISSING = "冲销的第 {original} 条不存在或在它之后"
P_REVERSES_REVERSAL = "冲销的第 {original} 条本身是冲销记录"
P_REVERSAL_FIELD = "与被冲销的第 {original} 条「{field}」不同"
P_REVERSAL_POINTS = "分值 {points} 不是被冲销的第 {original} 条的相反数 {expected}"
P_CLOSED_CHANGED = "{quarter}于 {at} 关闭时的排名已改变(排名哈希不符)"
P_CLOSED_UNIT = "{quarter}关闭时{unit}: {was}, 现在: {now}"
P_CLOSING_HASH = "公布的排名与它的排名哈希不符"
P_RANK_ROW = "{group}第 {rank} 名, {score} 分, 年度累计 {ytd} 分"
P_NOT_RANKED = "不在排名中"
