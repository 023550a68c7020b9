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
IMPORT_HEADER_UNKNOWN = "第{line}行: 未知的列名「{name}」, 可用: {known}"
IMPORT_HEADER_TWICE = "第{line}行: 列「{name}」出现了两次"
IMPORT_HEADER_MISSING = "第{line}行: 缺少必需的列: {missing}"
IMPORT_EMPTY = "文件「{path}」中没有表头, 没有可导入的行"
IMPORT_ENCODING = "无法识别文件「{path}」的编码: 请另存为 UTF-8 或用 --encoding gb18030 指定"
IMPORT_BAD_ENCODING = "未知的编码「{text}」, 可用: auto、utf-8、gb18030"
IMPORT_BAD_TYPE = "无法导入「{path}」: 只支持 .csv 和 .xlsx 文件, 或用 - 从标准输入读取 CSV"
IMPORT_ROW = "第{line}行: {text}"
IMPORT_KEY_TWICE = "编号「{key}」在文件中重复(第{first}行已使用)"
IMPORT_MORE_ERRORS = "……另有 {count} 处错误未列出"
IMPORT_REFUSED = "共 {errors} 处错误, 未导入任何行"
IMPORT_SUMMARY = "共 {rows} 行: 新增 {added} 行, 已在台账中 {skipped} 行(跳过)"
IMPORT_RECORDED = "导入记录第 {id} 号: {file}"
IMPORT_DRY_RUN = "试运行: 全部 {rows} 行校验通过, 未写入任何内容"
IMPORT_PROGRESS_READ = "读取"
IMPORT_PROGRESS_WRITE = "校验并写入"
H_ROWS = "行数"
H_ADDED = "新增"
H_SKIPPED = "跳过"
H_CHANGE = "较上年"
REPORT_TITLE = "{year}年度督查工作激励积分排名(积分办法 第十八条)"
REPORT_ENTRIES_SHEET = "积分明细"
REPORT_NEEDS_XLSX = "年度报告请用 --output 指定 .xlsx 文件, 如 --output {year}年度积分.xlsx"


# --- integrity: check, close, backup (issue 7) ------------------------------
