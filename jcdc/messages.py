"""Every word a clerk reads: headings, labels and messages, in one place.

Errors are one line that names the offending value (「…」) and, where it can,
says what would be right. Templates use str.format with named fields.
"""

ERROR_PREFIX = "错误: "
USAGE_HINT = "(用法: {command} --help)"
USAGE_OPTION = "选项"
USAGE_ARGUMENT = "参数"
USAGE_MISSING = "缺少必需的{kind} {name}"
USAGE_NO_OPTION = "没有选项「{name}」"
USAGE_NO_COMMAND = "没有命令「{name}」"
USAGE_DID_YOU_MEAN = ", 是否指「{names}」?"
USAGE_BAD_CHOICE = "{name} 的值无效, 可用: {choices}"
USAGE_BAD_VALUE = "{name} 的值无效: {detail}"
USAGE_NOT_INTEGER = "{name} 的值应为整数"
# stdout, or the file it is redirected to, refuses a write (a full disk)
OUTPUT_REFUSED = "无法写出到标准输出(或它重定向到的文件): {reason}"
OUTPUT_REASONS = {"ENOSPC": "磁盘空间不足", "EDQUOT": "磁盘空间不足(超出配额)", "EFBIG": "文件超出大小限制",
                  "EIO": "读写设备出错"}
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
REPORT_WRITTEN = "已写入 {path}(排名 {units} 个单位, 积分记录 {entries} 条)"
BAD_CATEGORY = "未知的单位类别「{text}」, 可用: {choices}"
BAD_ROLE = "未知的角色「{text}」, 可用: {choices}"
EMPTY_VALUE = "「{field}」不能为空"
# The names a refusal gives a field the clerk typed (「备注」中有控制字符, 「理由」不能为空):
# the code's own name for it on the left (jcdc.model.field_name), never shown.
FIELD_NAMES = {
    "note": "备注", "source": "来源", "reason": "理由", "name": "名称", "text": "内容", "what": "内容",
    "doc": "文号", "--doc": "文号", "ref": "文号", "key": "编号", "matter": "事项编号", "unit": "单位",
    "title": "标题", "summary": "案情摘要", "person": "人员", "procedure": "程序", "body": "被问责机关",
    "actor": "办理单位", "appellant": "申请人", "--by": "记录人", "by": "记录人",
    "coordinated-with": "征求意见情况", "override-reason": "理由", "measure-reason": "理由",
    "approved-by": "批准人", "team": "督查组", "seed": "种子", "seed-source": "种子来源",
    "attendant": "随行人员", "report": "报告", "plan": "计划", "phone": "电话", "org": "所在机构",
    "opener": "立项主体", "group": "排名组", "expertise": "专长", "alias": "简称", "pool": "库",
    "target": "被督查单位", "INSPECTOR": "督查人员", "--to": "主送机关", "--issuer": "发文机关",
    "--problems": "问题事项清单", "--typical": "不落实典型事项清单",
}
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
UNIT_CHANGES_CLOSED = ("此项变更会改变已关账的{quarter}排名中的单位「{name}」; "
                       "请用 --valid-from 给出 {next} 之后的设立日期, 或先 jcdc reopen 该季度")
UNITS_LOADED = "已载入单位名册: 新增 {added} 个, 已有 {skipped} 个, 共 {total} 个"
INIT_LEDGER = "台账: {path}(规则集 {version})"
UNIT_ADDED = "已添加单位 {code} {name}({category}, {group})"
UNIT_ENDED = "单位 {code} {name} 已撤销, 最后在册日为 {date}"
UNIT_HAS_LATER_ENTRIES = "单位「{name}」在 {date} 之后还有 {count} 条积分记录(最早为 {first}); 请先冲销这些记录或改用更晚的日期"
# institutional reform (机构改革): jcdc unit rename / merge / history
UNIT_MERGED_INTO = "单位「{name}」已于 {date} 并入「{successor}」, 该日及以后的记录请记入「{successor}」"
REFORM_IN_CLOSED = ("「{name}」的变更日期 {date} 不晚于已关账的{quarter}: 已公布的排名不能改名或改单位; "
                    "变更日期须在 {end} 之后, 或先 jcdc reopen 该季度")
RENAME_NOT_AFTER_START = "更名日期 {date} 不晚于单位「{name}」的设立日期 {since}; 设立时的名称请用 jcdc unit add 登记"
RENAME_NOT_AFTER_LAST = "单位「{name}」已登记 {last} 起的更名; 新的更名日期 {date} 须在其之后"
RENAME_SAME = "单位在该日的名称已是「{name}」, 无需更名"
MERGE_NOTHING = "请给出被合并的单位"
MERGE_CODE_OF_EXISTING = "「{name}」是已登记的单位 {code}: 并入已有单位时不用 --code"
MERGE_INTO_ITSELF = "单位「{name}」不能并入它自己"
MERGE_LATER_ENTRIES = ("单位「{name}」在 {date} 及以后还有 {count} 条积分记录(最早为 {first}); "
                       "请先冲销并改记到合并后的单位, 或改用更晚的合并日期")
MERGE_NEEDS_CODE = "「{name}」不是已登记的单位; 新设单位请用 --code 给出它的代码(ASCII, 如 zrzyj)"
MERGE_NEEDS_CATEGORY = "被合并的单位类别不同; 请用 --category 给出「{name}」的类别"
UNIT_NOW_MERGED = "{name}(已并入{successor})"
UNIT_RENAMED = ("已更名: {code} {old} → {new}, 自 {date} 起; 代码不变, {before}及以前的排名仍显示「{old}」, "
                "第十七条连续{years_cn}年按同一单位计算")
UNITS_MERGED = ("已合并: {units} 自 {date} 起并入 {code} {name}{new}; 各单位最后在册日为 {last}, "
                "此前的排名仍显示原单位; 此后记入这些单位的积分将被拒绝")
UNITS_MERGED_NEW = "(新设)"
UNITS_MERGED_READING = ("第十七条: {name}在 {year} 年之前没有自己的年度排名, {year} 年的连续{years_cn}年条件无法判断"
                        "(不沿用被合并单位的排名), 年度排名将注明")
UNITS_MERGED_FOLDED = "第十七条: {name}按它自己的上年排名判断, 被并入单位的排名不计入"
HISTORY_TITLE = "单位沿革: {code} {name}"
HISTORY_ADD = "设立"
HISTORY_MERGE_NEW = "合并设立"
HISTORY_RENAME = "更名"
HISTORY_MERGE_AWAY = "并入"
HISTORY_MERGE_IN = "承接"
HISTORY_END = "撤销"
HISTORY_SET_UP = "登记为被考核单位"
HISTORY_SET_UP_BY_MERGE = "由 {units} 合并设立"
HISTORY_RENAMED = "{old} 更名为 {new}"
HISTORY_MERGED_AWAY = "{name} 并入 {successor}(最后在册日 {last})"
HISTORY_MERGED_IN = "{name}({code})并入本单位"
HISTORY_ENDED = "撤销, 最后在册日 {date}"
H_DETAIL = "说明"
YEAR_UNIT_NEW = ("{name}: {since} 由 {units} 合并设立, {before}年没有它自己的排名, "
                 "第十七条连续{years_cn}年条件无法判断(不沿用被合并单位的排名)")
YEAR_UNIT_NO_PREVIOUS = "{name}: {before}年不在册, 第十七条连续{years_cn}年条件无法判断"
DOC_UNIT_NEW = "{name}于{since}由{units}合并设立，{before}年没有其自身的排名，第十七条连续{years_cn}年的条件本年无法判断。"
DOC_UNIT_NO_PREVIOUS = "{name}{before}年不在册，第十七条连续{years_cn}年的条件本年无法判断。"
DOC_S_OWN_UNIT = "你单位"
ROSTER_YEAR = "名册为 {year} 年的{area}被考核单位({describes})"
ROSTER_LATER = ("台账记录 {year} 年以后的积分时, 单位名称可能已因机构改革改变: 更名用 "
                "jcdc unit rename 旧名 新名 --date 日期, 合并用 jcdc unit merge 甲 乙 --into 新单位 --code 代码 --date 日期")
UNIT_FILE_ROW = "第{line}行: {text}"
UNIT_FILE_HEADER = "单位文件缺少列: {missing}(需要 code,name,category[,group][,aliases])"
FILE_NOT_FOUND = "找不到文件「{path}」"

CATEGORY = {
    "county": "县(市、区)",
    "devzone": "开发区",
    "city": "市直",
    "stationed": "驻市",
}
# Other Chinese names an option value answers to, besides its label (model.choice_names).
CATEGORY_ALSO = {"county": ("县市区", "县区", "县(市、区)政府"), "devzone": ("开发区管委会",),
                 "city": ("市直相关单位", "市直单位"), "stationed": ("驻市相关单位", "驻市单位")}

# --- rules and points -------------------------------------------------------
UNKNOWN_RULE = "未知规则「{text}」"
UNKNOWN_RULE_SUGGEST = "未知规则「{text}」, 是否指「{suggestion}」? (jcdc rules list 查看全部)"
ROLE = {"lead": "牵头", "coop": "配合"}
ROLE_ALSO = {"lead": ("牵头单位",), "coop": ("配合单位",)}
ROLE_NOT_IN_RULE = "规则「{rule}」没有{role}单位的分值"
POINTS_FIXED = "规则「{rule}」的分值固定为 {amount}, 由规则自动计算, 无需 --points"
POINTS_NEEDED = "规则「{rule}」的分值在 {amount} 之间, 请用 --points 给出"
POINTS_OUT_OF_RANGE = "分值 {points} 超出规则「{rule}」的范围 {amount}"
QTY_ONCE = "规则「{rule}」每单位每季度只记一次, 数量只能为 1"
QTY_ONCE_MATTER = "规则「{rule}」每个事项只记一次, 数量只能为 1"
MATTER_NEEDED = "规则「{rule}」需要 --matter 指明事项编号"
NO_REMINDER_TWICE = "单位「{unit}」{quarter}已记过「未被催办」加分({entry}), 每季度只记一次"
KEY_TWICE = "事项「{matter}」已记过「重点督办」扣分({entry}), 每个事项只扣一次"
ONCE_PER_MATTER_TWICE = ("事项「{matter}」已记过「{earlier}」({entry}), 「{rule}」每个事项只记一次"
                         "({cite} 每项); 如原记录有误, 请先冲销")
MATTER_NOT_HANDLED_BY = ("事项「{matter}」由{lead}牵头承办{coop}, 「{rule}」只记给牵头承办单位, "
                         "不能记给{unit}({cite})")
MATTER_COOP_UNITS = "(配合单位: {units})"
MATTER_GIVEN_TO = ("事项「{matter}」的积分已记给{holder}({entry}), 由它承办, 「{rule}」不能再记给{unit}"
                   "({cite}){fix}")
MATTER_GIVEN_FIX = "; 记错了单位的, 先用 jcdc points correct {id} 更正那一条"
MATTER_LEAD_NOT_HOLDER = ("事项「{matter}」的积分已记给{holder}({entry}), 由它承办, 牵头单位不能是{lead}"
                          "(积分办法 第十一、十二条(三)); 记错了单位的, 先用 jcdc points correct {id} 更正那一条")
IN_THIS_BATCH = "本批另一行"  # where the earlier one is not yet an entry: a row of the same file
STANDING_ENTRY = "第 {id} 条"
ENTRY_DATE_FUTURE = "事件日期 {date} 晚于今天 {today}: 台账只记录已经发生的事"
RETURN_BACKDATED = ("事项「{matter}」已有 {latest} 的退回重报记录, 不能再记更早日期 {date} 的退回"
                    "(第几次退回按日期计算); 如确需补记, 请先冲销其后的退回记录")
ENTRY_NOT_FOUND = "找不到积分记录 {id}"
ALREADY_REVOKED = "积分记录 {id} 已被第 {by} 条冲销, 不能重复冲销"
REVERSAL_NOT_REVOCABLE = "第 {id} 条本身是冲销记录, 不能再冲销"
REASON_NEEDED = "冲销必须用 --reason 说明原因"
REVERSAL_NOTE = "冲销第 {id} 条"
CORRECTS_REASON = "更正第 {id} 条: {reason}"
CORRECTION_CHANGES_NOTHING = "更正后的记录与第 {id} 条完全相同, 未更正; 请用 --points、--date 等给出要改的内容"
ENTRY_CORRECTED = ("已更正第 {id} 条: 冲销记录为第 {reversal} 条({was} 分), 更正后的记录为第 {new} 条"
                   "({unit} {rule} {points} 分), 原因: {reason}")

# --- rule sets (jcdc/ruleset/, docs/rulesets.md) ---------------------------------
# A rule-set file's problems, one a line: "F.toml:12: points.rules.problem.lead: …".
RS_PROBLEM = "{where}: {key}: {what}"
RS_INVALID = "规则集「{name}」有 {count} 处问题, 第一处: {first}"
READ_NOT_UTF8 = "不是 UTF-8 编码的文本(第 {at} 字节无法识别), 请另存为 UTF-8"
READ_MISSING = "文件不存在"
READ_FOLDER = "这是文件夹, 不是文件"
READ_NOT_PERMITTED = "没有读取该文件的权限"
READ_FAILED = "读取失败({code})"
DB_NOT_A_DATABASE = "无法打开数据库「{path}」: 该文件不是 jcdc 台账(不是 SQLite 数据库, 或已损坏)"
RS_UNREADABLE = "无法读取规则集文件「{path}」: {error}"
RS_NOT_TOML = "不是有效的 TOML: {error}"
RS_MISSING = "缺少此项"
RS_NOT_TABLE = "应为一个表"
RS_UNKNOWN_KEY = "未知的键(全部键见 docs/rulesets.md)"
RS_NOT_TEXT = "应为非空的文字(字符串)"
RS_NOT_TEXTS = "应为文字列表, 如 [\"county\", \"devzone\"]"
RS_NOT_COUNT = "应为整数(天数、人数、名次), 如 3"
RS_NEGATIVE = "不能为负数: {value}"
RS_NOT_POSITIVE = "应为正整数(至少为 1), 如 1"
RS_NAME_ONE_LINE = "应为一行文字: 此名称印在通报、告知单的句子中, 不能含换行或制表符"
RS_TITLE_MARKS = "不写书名号《》: 通报引用时自加(《{value}》); 标题中另引文件名用〈〉"
RS_NAMES_EMPTY = "至少给出一项, 如 [\"市政府\"]: 通报写明次年哪一级的大督查"
RS_NOT_DATE = "应为日期, 如 2017-11-20"
RS_NOT_BOOL = "应为 true 或 false"
RS_FLOAT = "{value} 是小数: 此项应为整数"
RS_FLOAT_ANYWHERE = "{value} 是小数: 分值写成字符串(以分计), 如 \"{value}\"; 天数、人数写成整数"
RS_FIGURE_FLOAT = "分值 {value} 写成了小数: 分值写成字符串(以分计), 如 \"{value}\", 以免误差"
RS_FIGURE_NOT_TEXT = "分值应写成字符串(以分计), 如 \"-2\"、\"4..8\"、\"0|-2..-4\", 不是 {value}"
RS_FIGURE_BAD = "分值「{value}」无法识别: 应如 \"-2\"(固定)、\"4..8\"(范围)或 \"0|-2..-4\"(不减分或范围内)"
RS_UNSEEN = "含控制字符或看不见的字符 {char}: 规则集的文字须是看得见的字符(值中的换行除外)"
RS_FIGURE_HUGE = "分值「{value}」超出 ±{max} 分: 办法中没有一次加减这么多分的条款, 请核对"
RS_COUNT_HUGE = "数目 {value} 超过 {max}: 请核对"
RS_FIGURE_FINE = "分值「{value}」比 0.1 分更细: 积分精确到 0.1 分"
RS_BAD_CHOICE = "「{value}」无效, 可选: {choices}"
RS_BAD_CITE = "依据「{value}」没有指明条文, 应如「积分办法 第十二条(一)」或「快速处置 二.2」"
RS_RULE_NAME_TAKEN = "「{name}」已是规则 {other} 的代码、简称或全称: 一个名字只能指一条规则(--rule 按名字查找)"
RS_RULE_ESCALATION_AND_FIGURE = "逐次递增的规则(first、step)不能同时有 lead 或 coop"
RS_CATEGORY_TWICE = "类别「{value}」已在排名组「{group}」中, 一个类别只属一个排名组"
RS_CATEGORY_UNGROUPED = "类别「{value}」不在任何排名组中"
RS_UNKNOWN_GROUP = "排名组「{value}」不在 groups 中"
RS_FLAG_TWICE = "「{value}」已在前面的 exemptions 中"
RS_YEARS_TWO = "连续年数只能为 2: 第十七条按本年与上年判断"
RS_EXTENDS_LOOP = "extends 成环: {loop}(规则集不能直接或间接扩展自身)"
# A file of one office (its ruleset.id) that leaves a name of its own to another office's file.
RS_WORDS_OF_OTHER = ("未写明: 规则集 {id} 将沿用规则集 {other} 的「{value}」(另一督查机构的用语, "
                     "会印入本机构的通报和告知单); 请写明本机构自己的")
RS_EXTENDS_MISSING = "extends 的规则集「{name}」不存在(jcdc 附带的规则集名, 或同一文件夹中的 .toml 文件)"
RS_TEXT_NOT_FOUND = "条文在原文 {source} 中找不到: 「{words}」"
# The versions a ledger adopts (jcdc/rulebook.py): chained, dated, cited.
RULESET_MIGRATED = "台账启用规则集版本记录前已按此规则集评分"
RULESET_FIRST = "台账建立时采用"
RULESET_BY_JCDC = "jcdc"
RULESET_UNKNOWN_RULE = "规则「{rule}」不在 {date} 施行的规则集 {version} 中"
RULESET_ADOPT_BEFORE = "生效日期 {effective} 不晚于现行版本 {version} 的生效日期 {current}: 修订只能向后生效"
RULESET_ADOPT_STANDING = ("第 {id} 条积分记录({date} {unit} {rule})在生效日期 {effective} 当日或之后, 已按现行版本评分;"
                          " 请先冲销, 采用修订后重新登记")
RULESET_ADOPT_CLOSED = "生效日期 {effective} 在已关闭的{quarter}内: 已公布的排名不因修订而改变"
RULESET_ADOPT_NAME_TAKEN = ("版本名「{version}」已是另一内容的规则集(哈希 {hash}, 自 {effective} 起施行), 本文件内容不同(哈希 {new}):"
                            " 修订请在 [ruleset] 中给出新的 version")
RULESET_ADOPT_BEFORE_CLOSED = ("生效日期 {effective} 早于已关闭的{quarter}(至 {end}): 修订将改变该季度已公布的排名;"
                               " 生效日期须在最后一个已关闭季度之后")
RULESET_ADOPT_SAME = "规则集与现行版本 {version} 内容相同(哈希 {hash}), 无需采用"
INIT_OTHER_RULES = "台账已按规则集 {version} 评分, 不能改用另一规则集; 修订请用 jcdc rules adopt, 另一地区请另建台账"
RULESET_ADOPT_DOC = "采用修订须用 --doc 给出印发修订的文号"
RULESET_ADOPT_ID = "规则集 id「{id}」与台账的规则集「{ledger}」不同: 另一地区的规则集请另建台账(jcdc init --rules)"
RS_SOURCE_UNREADABLE = "无法读取原文文件「{path}」: {error}"
RULES_EXPORTED = "已导出 {day} 施行的规则集 {version}: {path}"
RULES_EXPORT_HEADER = ("规则集 {version}, 施行日期 {effective}, {doc}; 哈希 {hash}\n"
                       "由 jcdc rules export 导出。各键的含义和依据见 docs/rulesets.md;\n"
                       "修订后用 jcdc rules check 检查, 用 jcdc rules adopt 采用。")
RULES_ADOPTED = "已采用规则集 {version}, 自 {effective} 起施行({doc}); 哈希 {hash}…"
RULES_HISTORY_TITLE = "规则集版本"
RULES_CHECK_SOUND = "规则集文件「{path}」有效: 版本 {version}, 共 {count} 条积分规则"
RULES_CHECK_FAILED = "规则集文件「{path}」有 {count} 处问题(见上, 每行: 文件:行: 键: 问题)"
RULES_DIFF_TITLE = "规则集比较: {older} → {newer}"
RULES_VERSION_UNKNOWN = "找不到规则集版本「{text}」; 台账的版本: {versions}(或给出 .toml 文件)"
H_RS_VERSION = "版本"
H_RS_EFFECTIVE = "施行日期"
H_RS_HASH = "哈希"
H_RS_KEY = "键"
H_RS_BEFORE = "原"
H_RS_AFTER = "新"
H_REASON_RS = "原因"
P_RULESET_HASH = "规则集版本 {version} 的哈希 {hash} 与其记录的内容不符"
P_RULESET_BODY = "规则集版本 {version} 的内容无法读取: {text}"
P_RULESET_ORDER = "规则集版本 {version} 的生效日期 {effective} 不晚于前一版本的 {before}"
P_ENTRY_RULESET = "记录的规则集版本 {hash} 不在台账的规则集版本中"
P_ENTRY_RULESET_DATE = "按规则集版本 {version} 评分, 但 {date} 施行的是 {expected}"
P_CLOSING_RULESET = "{quarter}关闭时按规则集版本 {recorded} 排名, 但台账的版本现在在其最后一天施行的是 {now}"
P_RULESET_IN_CLOSED = ("规则集版本 {version} 于 {adopted} 登记, 其生效日期 {effective} 却不晚于登记前已关闭的"
                       "{quarter}(关闭于 {closed}): 已关闭季度的排名不能由其后登记的版本改变")

# --- headings ---------------------------------------------------------------
H_CODE = "代码"
H_NAME = "名称"
H_CATEGORY = "类别"
H_GROUP = "排名组"
H_ALIASES = "简称"
H_VALID_FROM = "设立日期"
H_VALID_TO = "最后在册日"
UNIT_SPAN = "{since} 至 {until}"
SPAN_OPEN_START = "…"
SPAN_OPEN_END = "今"
NONE_VALUE = "无"
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
RANK_SHEET_YEAR = "{year}年度积分排名"
RANK_SHEET_QUARTER = "{quarter}积分排名"
UNKNOWN_GROUP = "未知的排名组「{group}」, 现有: {groups}"
RANK_EMPTY = "该期间没有在册单位"
ENTRY_ADDED = "已记录第 {id} 条: {unit} {rule} {points} 分({cite})"
ENTRY_REVOKED = "已冲销第 {id} 条, 冲销记录为第 {new} 条({points} 分)"
POINTS_NONE = "没有符合条件的积分记录"
FLAG_LABEL = {
    "accountability": "追责候选",
    "exempt-recommended": "推荐免督查",
    "exempt": "免督查",
}
RANK_FOOTNOTE = "基准分 {base}({base_cite}); 同分同名次, 下一名次顺延"
# A period judged by a revision says so (docs/rulesets.md): the first version goes without saying.
RANK_BASIS = "依据 {document}({year}年修订, {doc})"
# 较上年 / an empty quarter's score where there is nothing to show (SPEC §3): never 0 or 100.
NO_CHANGE = "—"
# What every annual view says about its year (SPEC §3;积分办法 第十三、十七条).
YEAR_QUARTERS_EMPTY = "{year}年{quarters}没有积分记录, 不按{base}分计"
# Where the quarters' scores show (the report's sheets and page): what shows for them.
YEAR_QUARTERS_EMPTY_DASH = "{year}年{quarters}没有积分记录: 该季度积分显示为「—」, 不按{base}分计"
QUARTER_PROVISIONAL = ("注意: {quarter}尚未结账(jcdc close {code}), 积分和排名是暂定的: "
                       "该季度的积分仍可补记或冲销, 结账后才是公布的结果")
YEAR_PROVISIONAL = ("注意: {year}年{quarters}尚未结账(jcdc close {first}), "
                    "积分、排名和结果都是暂定的, 不是年度最终结果")
YEAR_QUARTERS_OPEN = ("{year}年{quarters}尚未结账(jcdc close {first}): 本年度的积分、排名、免督查和追责候选"
                      "是截至目前的结果, 不是年度最终结果")
YEAR_TWO_YEARS_UNJUDGED = ("{group}: {before}年没有积分记录, 也未登记当年公布的排名(jcdc prior add --year {before}), "
                           "第十七条「连续{years}年倒数后{bottom}位」无法判定, 本组不列追责候选")
YEAR_PUBLISHED_BEFORE = "{group}: {before}年的积分和名次依据已公布的排名({doc}), 用于较上年和第十七条"
# jcdc prior: a year's ranking as published before the ledger (SPEC §3).
PRIOR_FILE_KIND = "「{path}」: 公布的排名请用 .csv 或 .xlsx 文件"
PRIOR_NO_HEADING = "第 {line} 行应为标题行, 缺少列: {missing}(单位、积分、名次)"
PRIOR_ROW = "第 {line} 行: {text}"
PRIOR_BAD_RANK = "名次「{text}」无效, 应为 1 或更大的整数"
PRIOR_NOT_IN_FORCE = "{unit} {year}年不在册"
PRIOR_TWICE = "{unit}已在第 {first} 行"
PRIOR_EMPTY = "「{path}」没有排名行"
PRIOR_GROUP_PART = "{group}只列出了部分单位, 倒数后{bottom}位须按全组判定; {year}年在册而文件未列: {missing}"
PRIOR_RANK_DIFFERS = "{unit}名次为第 {rank} 名, 但按{group}各单位积分应为第 {expected} 名(同分同名次, 下一名次顺延)"
UNIT_KEPT_YEAR = "{year}年"  # the periods a renamed unit keeps its old name in: a whole year
PRIOR_YEAR_NOT_OVER = "{year}年尚未结束, 不能登记其公布的年度排名"
PRIOR_ALREADY = "{year}年{unit}的公布排名已于 {at} 由 {by} 登记({doc}); 登记记录不可修改"
PRIOR_ADDED = "已登记{year}年公布的年度排名({doc}): {groups}; 用于{next}年的较上年和第十七条"
PRIOR_GROUP_COUNT = "{group} {count} 个单位"
PRIOR_LEDGER_TOO = "注意: 台账中{year}年{groups}也有积分记录; {next}年的较上年和第十七条以登记的公布排名为准"
PRIOR_TITLE = "公布的年度排名(jcdc prior add)"
PRIOR_NONE = "尚未登记公布的年度排名"
H_PRIOR_DOC = "公布文号"
H_YEAR = "年度"
FLAG_NOTE = {
    "accountability": "追责候选: 年度积分在基准分以下(含{at_or_below}分)且连续{years}年倒数后{bottom}位({cite})",
    "exempt-recommended": "推荐免督查: {among_exempt_recommended}中年度总积分第{top_exempt_recommended}位的(开发区不在其列), 次年{inspectors_exempt_recommended}大督查重点推荐({cite})",
    "exempt": "免督查: 年度总积分前{top_exempt}位的{among_exempt}, 次年{inspectors_exempt}大督查免督查({cite})",
}

# --- demo -------------------------------------------------------------------
DEMO_WOULD_OVERWRITE = "「{path}」已存在且不是演示数据库, 不会覆盖它; 请换一个 --path"
DEMO_BUILT = "演示数据库已生成: {path}({entries} 条积分记录, {units} 个单位)。这不是您的工作数据库。"

# --- accountability cases (追究办法) --------------------------------------
CASE_STATE = {
    "open": "已移交线索",
    "verified": "已核查",
    "proposed": "已提出处理意见",
    "reviewed": "已审核",
    "returned": "已退回",
    "confirmed": "已复核同意",
    "executed": "已执行",
    "closed": "已结案",
    "dismissed": "核查无责",
}
CASE_ACTION = {
    "open": "立案移交",
    "verify": "核查",
    "dismiss": "核查无责撤案",
    "propose": "提出问责处理意见",
    "review": "审核",
    "confirm": "复核同意",
    "return": "复核退回",
    "execute": "实施问责",
    "publish": "结果应用",
    "appeal": "申请复核或申诉",
    "appeal-result": "复核或申诉结果",
}
CASE_TRIGGER = {
    "inaction": "不作为、不落实",
    "13710-overdue": "“13710”逾期",
    "misconduct": "乱作为",
    "obstruct": "阻碍督查",
    "bottom-two": "连续{years}年倒数后{bottom}位",
    "other": "其他",
}
# 追究办法 第五条's own words for each trigger, as a clerk types them.
CASE_TRIGGER_ALSO = {
    "inaction": ("不作为", "慢作为", "不落实", "假落实", "不作为、慢作为、不落实、假落实"),
    "13710-overdue": ("13710逾期", '"13710"逾期', "逾期"),
    "misconduct": (),
    "obstruct": ("拒绝或阻碍督查", "拒绝督查"),
    "bottom-two": ("连续{years_cn}年倒数后{bottom_cn}位", "倒数后{bottom}位"),
    "other": ("其他情形",),
}
CASE_SCOPE = {"internal": "内部通报", "public": "公开通报"}
CASE_SCOPE_ALSO = {"internal": ("内部",), "public": ("公开",)}
CASE_OUTCOME = {"upheld": "维持", "changed": "变更"}
CASE_UNIT_TARGET = "单位"
CASE_DIRECT_MARK = "第十条"
CASE_NO_MOVES = "无(已终结)"
CASE_NO_PERSONS = "无"
CASE_NO_DETAIL = "不带措施"

CASE_BAD_ID = "无法识别的案件编号「{text}」, 应为 年份-序号, 如 2019-001"
CASE_NOT_FOUND = "找不到案件「{text}」"
CASE_BAD_TRIGGER = "未知的追责情形「{text}」, 可用: {triggers}(追究办法 第五条)"
CASE_BAD_STATE = "未知的案件状态「{text}」, 可用: {choices}"
CASE_BAD_SCOPE = "通报范围「{text}」无效, 应为 内部通报(internal) 或 公开通报(public)(追究办法 第九条(五))"
CASE_SCOPE_NEEDED = "结果应用须用 --scope 指明 internal(内部通报) 或 public(公开通报)(追究办法 第九条(五))"
CASE_BAD_PERSON = "无法识别的当事人「{text}」, 应为 姓名:职务, 如 张三:副局长"
CASE_FROM_RANK_ALONE = "--from-rank 按年度排名逐个立案, 不能同时给出 --unit、--trigger、--summary、--person、--matter 或 --direct"
CASE_BOTTOM_TWO_BY_RANK = "「bottom-two」案件依据年度排名立案, 请用 jcdc case open --from-rank 年度(追究办法 第五条(五))"
CASE_RANK_YEAR_OPEN = "{year}年度尚未结束({date}), 不能依据该年度排名立案"
CASE_DIRECT_REASON = "--direct(追究办法 第十条)须用 --reason 说明事实清楚、证据确凿的理由"
CASE_REASON_WITHOUT_DIRECT = "--reason 仅用于 --direct(追究办法 第十条)"
CASE_REASON_NEEDED = "「{action}」须用 --reason 说明原因"
CASE_TEXT_NEEDED = "须用 --text 给出内容"
CASE_BY_NEEDED = "须用 --by 给出办理单位"
CASE_MOVE_REFUSED = "案件当前状态为「{label}」, 不能「{action}」(jcdc case {command}); 此状态可用: {moves}"
CASE_MOVE = "{action}(jcdc case {command})"
CASE_DATE_FUTURE = "日期 {date} 晚于今天 {today}: 只能记录已经发生的步骤"
CASE_DATE_BEFORE = "日期 {date} 早于上一步的日期 {earliest}"
CASE_BAD_SANCTION = "无法识别的问责方式「{text}」, 应为 unit:检查、unit:通报 或 姓名:方式[:措施], 如 张三:组织调整:降职"
CASE_UNKNOWN_SANCTION = "未知的问责方式「{kind}」, 可用: {kinds}(追究办法 第六、七条)"
CASE_SANCTION_NOT_FOR_UNIT = "「{kind}」不能用于单位: 对单位只能检查、通报(追究办法 第六条)"
CASE_SANCTION_NOT_ON_CASE = "「{name}」不是本案当事人(本案当事人: {persons}); 当事人在立案或核查时用 --person 列入"
CASE_SANCTION_DETAIL_NEEDED = "「{kind}」须指明措施: {details}({cite}), 如 张三:{kind}:降职"
CASE_SANCTION_BAD_DETAIL = "「{kind}」的措施「{detail}」无效, 可用: {details}"
CASE_SANCTION_OTHER_MEASURE = ("「{kind}」的措施「{detail}」不在{cite}所列({details})之中; 所列之后有「等措施」, "
                               "采取其他措施须用 --measure-reason 记录理由")
CASE_MEASURE_REASON_UNUSED = ("--measure-reason 只用于第七条(四)所列之外的组织调整或组织处理措施"
                              "(如 张三:组织处理:引咎辞职); 所给的问责方式中没有这样的措施")
CASE_SANCTION_DISCIPLINARY_MEASURE = ("「{detail}」是纪律处分(追究办法 第七条(五)), 不是「{kind}」的措施; "
                                      "请写作 {target}:纪律处分, 并用 --procedure 记录所依照的程序")
CASE_SANCTION_TWICE = "问责方式「{sanction}」重复"
CASE_SANCTION_NEEDED = "提出问责处理意见须至少给出一项 --sanction(追究办法 第六—八条)"
CASE_COORDINATION_NEEDED = "诫勉、组织调整或组织处理须用 --coordinated-with 记录同级党委、纪委、党的工作部门的意见(追究办法 第九条(二))"
CASE_PROCEDURE_NEEDED = "纪律处分须用 --procedure 记录所依照的党纪处分或政务处分程序(追究办法 第九条(二))"
CASE_APPEAL_STATE = "案件当前状态为「{label}」, 尚无可申请复核或申诉的问责处理意见"
CASE_APPELLANT = "「{name}」不是本案受问责的单位或人员(可为: {targets})"
CASE_APPEAL_PENDING = "本案 {date} 提出的复核或申诉尚无结果, 请先用 appeal-result 记录结果"
CASE_NO_APPEAL = "本案没有待出结果的复核或申诉"
CASE_OUTCOME_ONE = "请给出 --upheld(维持) 或 --changed(变更) 之一"

CASE_OPENED = "已立案 {id}: {unit} · {trigger}({cite}) · {state}"
CASE_MOVED = "案件 {id}: {action} · {before} → {after}"
CASE_APPEALED = "案件 {id}: 已记录{action}(问责处理不因此停止执行, 追究办法 第九条(二))"
CASE_FROM_RANK_DONE = "依据{year}年度排名立案 {count} 件"
CASE_FROM_RANK_SUMMARY = ("{year}年度积分 {score}({group}第{rank}名), {prev_year}年度积分 {prev_score}(第{prev_rank}名): "
                          "年度积分在基准分以下(含{at_or_below}分)且连续{years}年倒数后{bottom}位({accountability_cite})")
CASE_FROM_RANK_PUBLISHED = "; {prev_year}年度积分和名次依据已公布的排名({doc})"
CASE_DUE_WHAT = "{unit} 组织调整/组织处理 须于复核同意后{execute_months_cn}个月内执行({execute_cite})"
CASES_TITLE = "责任追究案件"
CASES_PUBLIC_TITLE = "责任追究案件(公开通报)"
CASES_NONE = "没有符合条件的案件"
CANDIDATES_TITLE = "{year}年度追责候选(追究办法 第五条)"
CANDIDATES_NONE = "{year}年度没有尚未立案的追责候选"
CASE_HISTORY_TITLE = "办理经过"

H_CASE = "案件"
H_TRIGGER = "情形"
H_STATE = "状态"
H_PERSONS = "当事人"
H_SANCTIONS = "问责方式"
H_SUMMARY = "摘要"
H_ACTION = "步骤"
H_TO = "新状态"
H_ACTOR = "办理单位"
H_DOC = "文件"
H_CASE_REASON = "理由"
H_DIRECT = "直接处理"
H_FIELD = "项目"
H_VALUE = "内容"
H_PREV_SCORE = "上年积分"
H_PREV_RANK = "上年名次"
H_ENTRY = "积分记录"
H_CASE_OPENED = "立案日期"


# --- inspector pools and draws (三库办法) ---------------------------------
POOL = {"full": "专职", "part": "兼职", "invited": "特邀"}
POOL_ALSO = {"full": ("专职库", "专职督查人员"), "part": ("兼职库", "兼职督查人员"),
             "invited": ("特邀库", "特邀督查人员")}
TASK_KIND = {"special": "专项督查", "major": "大督查", "assigned": "领导交办"}
TASK_KIND_ALSO = {"special": ("专项",), "assigned": ("交办",)}
STATUS = {"notified": "已通知", "pending": "待同意", "accepted": "已同意", "declined": "已谢绝",
          "failed": "未完成任务"}
ACTION = {"consent": "同意", "decline": "谢绝", "fail": "未完成任务", "refill": "递补"}
EXCLUSION = {
    "inactive": "任务期间有不在库的日子(任务开始时未入库, 或任务结束前调出)",
    "target-unit": "本人所在单位为被督查单位(三库办法 第七条)",
    "target-county": "所属县(市、区)或开发区为被督查地区(三库办法 第七条 异地交叉督查)",
    "other-team": "已在本次任务的其他督查组",
}
REPORT_STATUS = {"due": "未报送", "submitted": "已报送", "returned": "已退回"}
ATTENDANT = "随行"

ONE_LINE = "「{field}」须为一行文字, 不能含换行或控制字符: 「{text}」"
BAD_POOL = "未知的人员库「{text}」, 可用: {choices}"
BAD_TASK_KIND = "未知的任务类型「{text}」, 可用: {choices}"
BAD_REGION = ("地区「{text}」不是县(市、区)或开发区: 地区(「地区」列)填所属县(市、区)或开发区, "
              "市级单位的人员填 市本级, 市外的人员(如外地特邀专家)填 市外")
INSPECTOR_NOT_FOUND = "找不到督查人员 {id}"
INSPECTOR_RETIRED = "督查人员 {id} {name} 已于 {date} 调出, 不能再变更"
INSPECTOR_BACKDATED = "督查人员 {id} 的变更日期 {date} 早于其最近一条记录的日期 {since}; 记录须按日期先后登记"
INSPECTOR_ADDED = "已登记督查人员 {id} {name}({pool}, {unit}, {region}), 自 {since} 起在库"
INSPECTOR_UPDATED = "已变更督查人员 {id} {name}, 自 {since} 起生效"
INSPECTOR_RETIRED_OK = "督查人员 {id} {name} 自 {date} 起调出: {reason}"
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
TEAM_DRAWN = ("任务「{task}」的「{team}」已抽取过(第 {id} 号, 共 {count} 次); 人员变动用 draw consent / draw fail 递补;"
              " 确需重新抽取时用 --reason 说明理由, 此前的抽取保留在记录中")
REDRAW_REASON_FIRST = "任务「{task}」的「{team}」尚未抽取过: --reason 只用于重新抽取已抽取过的督查组"
DRAW_REPLACED = "第 {id} 号抽取已由第 {by} 号重新抽取取代(「{team}」): 人员变动请记在第 {by} 号"
DRAW_REDRAWN = "这是「{team}」的第 {attempt} 次抽取, 取代第 {replaced} 号(理由: {reason}); 此前的抽取保留在记录中"
# SPEC §5: the seed is not the clerk's to choose; where it came from is said with every published result
SEED_NEEDS_SOURCE = ("给出 --seed 时须用 --seed-source 写明种子的公开来源(如 现场掷骰及见证人、已公布的彩票开奖期号);"
                     " 不给 --seed 时由 jcdc 在记录抽取时随机生成")
SEED_SOURCE_WITHOUT_SEED = "--seed-source 是督查室给出的 --seed 的公开来源, 须与 --seed 一同给出"
CONSENT_ID_TWICE = "督查人员 {inspector} 给了两次"
CONSENT_NONE_WRITTEN = "{text}; 未记录任何人的答复"  # each refusal names the inspector
TOO_FEW = "{pool}库可抽取人员仅 {eligible} 名, 少于所需 {seats} 名"
DRAW_NOT_FOUND = "找不到抽取记录 {id}"
DRAW_DONE = "已抽取第 {id} 号, 种子、名册与结果均已记录; 任何人可用 jcdc draw verify {id} 复核"
DRAW_SEED_GIVEN = "种子由督查室给出, 公开来源: {source}"
DRAW_SEED_UNSOURCED = "种子由操作人给出, 未载明公开来源(记录于须载明来源之前)"
DRAW_SEED_OS = "种子由 jcdc 在记录抽取时随机生成(操作系统随机源)"
H_SEED_SOURCE = "种子来源"
H_DRAW_STATE = "状态"
DRAW_STANDS = "有效(第 {attempt} 次)"
DRAW_REPLACED_BY = "已由第 {by} 号取代"
TASK_TEAM_ATTEMPTS = "「{team}」抽取 {count} 次, 第 {id} 号有效; 被取代的: {replaced}"
TASK_TEAM_ATTEMPT = "第 {id} 号"
TASK_TEAM_SEED = "「{team}」(第 {id} 号抽取): {seed}"
DRAW_INPUTS = "随机种子 {seed} · 算法 {algorithm} · 名册哈希 {roster_hash}"
NOT_A_MEMBER = "督查人员 {inspector} 不在抽取记录 {draw}({team})中"
BAD_MEMBER_STEP = "督查人员 {inspector} 当前为「{status}」, 不能「{action}」"
FULL_NOTIFIED = "督查人员 {inspector} 为专职, 直接通知, 无需征得同意(三库办法 第十一条)"
MEMBER_CHANGED = "督查人员 {inspector}: {status}"
REFILLED = "由第 {newcomer} 号 {name} 递补"
NO_REFILL = "同库已无可递补人员, 该席位空缺"
OBSTRUCT_ENTRY = "已对{unit}记 {points} 分(第 {entry} 号记录; 阻碍督查, 积分办法 第十二条(四); 三库办法 第六条)"
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
VERIFY_ROSTER_CHANGED = "按抽取记录时的台账重算 {date} 起任务期间的可抽取名册(含回避与近12个月抽取次数)与记录不符"
VERIFY_ATTEMPT = "记录为该督查组的第 {attempt} 次抽取, 但此前有 {before} 次抽取(重新抽取须有理由)"
# SPEC §5: notes beside the verdict, never a failure of the draw
VERIFY_NOTE = "注: {text}"
VERIFY_NOTE_BACKDATED = ("第 {record} 号人员记录写于本次抽取之后, 日期 {date} 却不晚于抽取之日: {inspector} {name} {what};"
                         " 抽取按记录时的台账复核, 这项补登的变动不作为抽取不一致")
VERIFY_NOTE_ADD = "登记入库"
VERIFY_NOTE_UPDATE = "信息变更"
VERIFY_NOTE_RETIRE = "调出({reason})"
VERIFY_NOTE_UNSOURCED = "种子由操作人给出, 记录未载明其公开来源(记录于须载明来源之前): 能复核结果出自该种子, 不能复核种子未经挑选"
VERIFY_REFILL = "人员变动记录 {id} 递补了 {found}, 按记录的排序应为 {expected}"

TEAM_NOT_DRAWN = "任务「{task}」没有名为「{team}」的督查组"
REPORT_BEFORE_TASK = "报告日期 {date} 早于任务开始日期 {start}"
REPORT_STANDS = "「{team}」的报告已于 {date} 报送; 需补充时先用 task return-report 退回"
NO_REPORT_TO_RETURN = "「{team}」没有待退回的报告"
REPORT_SUBMITTED = "已登记「{team}」的督查报告({date}), 应报日期 {due}{late}"
REPORT_LATE = ", 逾期 {days} 天"
REPORT_RETURNED = "已退回「{team}」的督查报告({date}): {reason}"
RETURN_BEFORE_REPORT = "退回日期 {date} 早于「{team}」报告的报送日期 {submitted}"
RETURN_DATE_FUTURE = "退回日期 {date} 晚于今天 {today}: 只能记录已经发生的退回"
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
H_START = "开始"
H_END = "结束"
H_TEAM = "督查组"
H_TARGETS = "被督查单位"
H_MEMBERS = "成员"
H_MEMBER_STATUS = "状态"
H_SEED = "随机种子"
H_REPORT = "报告"
H_REPORT_DUE = "应报日期"
H_LATE = "逾期天数"


# --- 13710 matters, rectification, deadlines ------------------------------
NODE_DEPLOYED = "部署落实"
NODE_PROGRESS = "报告进展"
NODE_RESULT = "办结"
MATTER_CLASS = {"general": "一般事项", "major": "重大复杂事项"}
MATTER_CLASS_ALSO = {"general": ("一般",), "major": ("重大", "重大复杂", "复杂")}
BAD_MATTER_CLASS = "未知的事项类别「{text}」, 可用: 一般事项(general, {matter_general}天办结)、重大复杂事项(major, {matter_major}天办结)"
MATTER_ID_NEEDED = "事项编号不能为空"
MATTER_EXISTS = "事项「{matter}」已于 {opened} 立项"
MATTER_NOT_FOUND = "找不到事项「{matter}」"
MATTER_CLOSED = "事项「{matter}」已于 {date} 办结, 不能再记录"
MATTER_CLOSE_BEFORE_EVENT = ("事项「{matter}」已有 {on} 的{kind}记录(第 {event} 号事件), 不能以更早的日期 {date} 办结"
                             "(办结后不再记录任何事件)")
MATTER_BEFORE_OPENED = "日期 {date} 早于事项「{matter}」的立项日期 {opened}"
MATTER_LEAD_AS_COOP = "单位「{unit}」已是牵头单位, 不能同时作为配合单位"
NODE_NOT_FOUND = "事项「{matter}」没有节点 {node}(已有节点: {nodes})"
NODE_REPORTED = "事项「{matter}」的节点 {node} 已于 {date} 报送(第 {event} 号事件)"
BAD_RATING = "未知的办理结果评定「{text}」, 可用: 优秀、良好、合格、不合格"
MATTER_ADDED = "已立项事项 {matter}: {title}(牵头 {lead}), 节点: {nodes}"
MATTER_NODE_ADDED = "事项 {matter} 已添加节点 {node}: {what}, {due} 到期"
MATTER_EVENT = "事项 {matter}: 已记录{kind}(第 {event} 号事件){entries}"
ENTRY_BRIEF = "第 {id} 条 {rule} {points}"
MATTER_EVENT_ENTRIES = ", 积分记录 {entries}"
MATTER_KEY = "事项 {matter} 逾期 {days} 天, 进入重点督办; 无正当理由的, 属责任追究情形({cite})"
MATTER_EVENT_KIND = {"open": "立项", "report": "报送", "remind": "催办", "return": "退回重报",
                     "close": "办结"}
MATTER_STATE = {"open": "办理中", "key": "重点督办", "closed": "已办结"}
MATTERS_TITLE = "13710 督办事项"
MATTERS_NONE = "没有符合条件的事项"
DUE_NODE_WHAT = "{title}(节点 {node} {what})"
MATTER_NODES_TITLE = "{matter} {title} · 牵头 {lead} · {state}"
MATTER_EVENTS_TITLE = "事项 {matter} 的事件"
MATTER_ENTRIES_TITLE = "事项 {matter} 的积分记录"
REMINDER_RECORDED = "事项「{matter}」{day} 催办{event}"
REMINDER_LATE = "事项「{matter}」节点 {node}({day} 到期)逾期 {late} 天报送{event}"
REMINDER_EVENT = "(第 {event} 号事件)"
REMINDER_LET_PASS = "事项「{matter}」节点 {node}({day} 到期)逾期未报送"
REMINDER_LET_PASS_CLOSED = "事项「{matter}」节点 {node}({day} 到期)未报送, 事项 {closed} 办结"
REMINDERS_MORE = "等 {count} 次"
NO_REMINDER_REMINDED = ("单位「{unit}」{quarter}已被催办: {reminder}{more}; 不得记「未被催办」加分"
                        "({cite} 每个时间节点均未被催办; 逾期报送或未报送的节点由系统催办)")
BONUS_REVOKED_REASON = "{quarter}已被催办: {reminder}, 不再符合「每个时间节点均未被催办」({cite})"
BONUS_REVOKED = ("{unit}{quarter}的「每个时间节点均未被催办」加分(第 {entry} 条)已冲销(第 {reversal} 条): "
                 "该季度已被催办({cite})")
BONUS_REVOKE_CLOSED = ("此次记录使{unit}{quarter}已被催办, 须冲销其「每个时间节点均未被催办」加分(第 {entry} 条), "
                       "但{quarter}已关闭: {text}")
OVERDUE_NOTE = "节点 {node}({due} 到期)逾期未报送"
OVERDUE_ON_FUTURE = "日期 {on} 晚于今天 {today}: 逾期按已经过去的日子计算"
OVERDUE_TITLE = "逾期未报送的 13710 节点(截至 {on})"
OVERDUE_NONE = "截至 {on} 没有逾期未报送的 13710 节点"
OVERDUE_CHARGED = "已记录 {count} 条逾期未报送扣分, 日期为其发生之日(积分办法 第十二条(三))"
OVERDUE_NOTHING_OWED = "没有尚未记录的逾期未报送扣分"
OVERDUE_KEY = "事项 {matter} 节点 {node} 逾期未报送 {key_late} 天以上, 进入重点督办; 无正当理由的, 属责任追究情形({cite})"
OVERDUE_SKIPPED_CLOSED = ("事项 {matter} 节点 {node} 的「{rule}」({date})属于已关闭的{quarter}, 未记录; "
                          "如需补记, 请先 jcdc reopen {key}")
MATTER_CLOSE_OVERDUE = ("事项「{matter}」节点 {node}({due} 到期)未报送, 至 {date} 已逾期 {days} 天, 尚未扣分: "
                        "请先运行 jcdc matter overdue --on {date} --charge(积分办法 第十二条(三))")
H_CHARGED = "已记扣分"
ENTRIES_NAMED = "第 {ids} 条"  # entries as every command names them (积分记录 第 15 条)
H_OWED = "待记扣分"
BONUS_QUARTER_OPEN = "{quarter}尚未结束({end} 为最后一天), 不能评定「每个时间节点均未被催办」加分"
BONUS_ADDED = "{quarter}: 已为 {count} 个单位记录「未被催办」加分"
BONUS_NONE = "{quarter}: 没有新的单位可记「未被催办」加分(已记过的单位不再重复)"

FIX_CLASS = {"general": "一般事项", "major": "重大复杂", "policy": "政出多门", "conduct": "庸懒怠政",
             "custom": "督查组定"}
# 快速处置 二's own words for each class.
FIX_CLASS_ALSO = {"general": ("一般",), "major": ("重大", "重大问题", "复杂事项", "重大问题、复杂事项"),
                  "policy": ("推诿", "政出多门、推诿"), "conduct": ("庸政", "懒政", "怠政", "庸政、懒政、怠政"),
                  "custom": ("督查组所定", "自定")}
BAD_FIX_CLASS = "未知的整改类别「{text}」, 可用: {choices}"
FIX_DUE_FIXED = "{cls} 类事项的期限由 {cite} 规定(督查结束后{days}日内), 不接受 --due"
FIX_DUE_BEFORE_DEMAND = "期限 {due} 早于提出整改要求的日期 {demanded}"
FIX_DUE_NEEDED = "{cls} 类事项请用 --due 给出督查组要求的期限"
FIX_INSPECTION_END_NEEDED = "{cls} 类事项的期限从督查结束起算({cite}), 请用 --inspection-end 给出督查结束日期"
FIX_EXTEND_DAYS = "延期天数「{days}」无效, 应为正整数"
FIX_EXTEND_CAP = ("延期合计 {total} 天(已延期 {before} 天)超过 {cap} 天({cite} 一般不超过{extension_max}日), "
                  "如确需延期请用 --override-reason 说明原因")
FIX_NOT_FOUND = "找不到整改事项 {id}"
FIX_DONE_ALREADY = "整改事项 {id} 已于 {date} 整改到位, 不能再记录"
FIX_BEFORE_DEMAND = "日期 {date} 早于整改事项 {id} 提出整改要求的日期 {demanded}"
FIX_ADDED = "已登记整改事项 {id}: {unit} {what}, {due} 到期({cite})"
FIX_LIST_CITE = "(督查任务「{task}」{team}问题事项清单第 {n} 项)"
FIX_LIST_ROW = "{cite}: {text}; 未登记任何整改事项"
FIX_LIST_SKIPPED = "已登记过, 未重复登记: {cite}"
FIX_LIST_EMPTY = "督查任务「{task}」没有已报送的问题事项清单(task report --problems)"
FIX_LIST_NO_TEAM = "督查任务「{task}」没有督查组「{team}」"
FIX_LIST_DONE = "从问题事项清单登记整改事项 {added} 项, 已登记过的 {skipped} 项未重复登记"
FIX_ADD_NEEDS = "请给出 --from-task, 或 --unit、--what、--class、--from 四项(缺少 {missing})"
FIX_ADD_FROM_TASK_ALONE = "--from-task 从清单逐行登记, 不能同时给出 {given}"
FIX_EXTENDED = "整改事项 {id} 延期 {days} 天, 现 {due} 到期(累计延期 {total} 天)"
FIX_PROGRESS = "整改事项 {id} 已记录进展({date})"
FIX_DONE = "整改事项 {id} 已于 {date} 整改到位"
# 快速处置 二: done after the deadline (as it stood that day) is late, and stays so.
FIX_DONE_LATE = "整改事项 {id} 于 {date} 逾期 {days} 天到位(期限 {due}, 快速处置 二)"
FIX_STATE = {"open": "整改中", "done": "已到位"}
H_LATE_DONE = "逾期到位"
FIX_LATE_DAYS = "逾期{days}天到位"
FIXES_TITLE = "整改事项(快速处置 二)"
FIXES_NONE = "没有符合条件的整改事项"

DUE_KIND = {"fix": "整改", "13710": "13710节点", "report": "督查报告", "case": "问责执行"}
DUE_STATUS = {"overdue": "逾期", "soon": "3日内到期", "later": "未到期"}
DUE_TITLE = "{on} 待办期限"
DUE_TITLE_WORKDAYS = "{on} 待办期限(按工作日计)"
DUE_NONE = "{on} 没有到期或逾期的事项"
DUE_WITHIN = "天数「{days}」无效, 应为 0 或正整数"
WORKDAYS_NOT_COVERED = ("工作日历(chinese-calendar {version})没有 {year} 年的节假日安排; "
                        "请升级: pip install -U chinese-calendar, 或不用 --workdays")

H_NODE = "节点"
H_DUE = "到期日"
H_DAYS_LATE = "逾期天数"
H_REPORTED = "报送日期"
H_EVENT = "事件"
H_RATING = "评定"
H_REASON = "原因"
H_ENTRIES = "积分记录"
H_STATUS = "期限状态"
H_KIND = "类型"
H_WHAT = "内容"
H_DAYS_LEFT = "剩余天数"
H_CLASS = "类别"
H_FROM = "提出日期"
H_EXTENDED = "已延期"
H_DONE = "完成日期"
H_PERSON = "责任人"
H_OPENED = "立项日期"
H_LEAD_UNIT = "牵头单位"
H_OPENER = "立项主体"


# --- import and files ------------------------------------------------------
IMPORT_HEADER_UNKNOWN = "第{line}行: 未知的列名「{name}」, 可用: {known}"
IMPORT_HEADER_TWICE = "第{line}行: 列「{name}」出现了两次"
IMPORT_HEADER_MISSING = "第{line}行: 缺少必需的列: {missing}"
IMPORT_EMPTY = "文件「{path}」中没有表头, 没有可导入的行"
IMPORT_ENCODING = "无法识别文件「{path}」的编码: 请另存为 UTF-8 或用 --encoding gb18030 指定"
IMPORT_BAD_ENCODING = "未知的编码「{text}」, 可用: auto、utf-8、gb18030"
IMPORT_BAD_TYPE = "无法导入「{path}」: 只支持 .csv 和 .xlsx 文件, 或用 - 从标准输入读取 CSV"
IMPORT_ROW = "第{line}行: {text}"
# A message of `points add` said in the sheet's terms: each option is a column there.
SHEET_COLUMN = {"--points": "「分值」列", "--qty": "「数量」列", "--matter": "「事项编号」列", "--role": "「角色」列",
                "--date": "「日期」列", "--unit": "「单位」列", "--rule": "「规则」列", "--ref": "「文号」列",
                "--note": "「备注」列"}
IMPORT_POINTS_FIXED = ("「分值」{points} 与规则「{rule}」的固定分值不符: 应为每项 {each}, 或按「数量」{qty} 合计 {total}; "
                       "「分值」列也可空着, 由规则计算")
IMPORT_KEY_TWICE = "编号「{key}」在文件中重复(第{first}行已使用)"
# Whose keys a file's 编号 are (--source), and a corrected sheet sent again (jcdc/importer.py).
IMPORT_SOURCE_EMPTY = "--source 不能为空: 请写明报送单位或文件来源, 如 --source 督查室"
IMPORT_SOURCE_NEEDED = "无法从文件名「{file}」得出来源: 请用 --source 写明报送单位, 如 --source 督查室"
IMPORT_SAME_CONTENT = ("「{file}」与第 {id} 号导入记录的「{was}」内容完全相同(SHA-256), 那次的来源是「{source}」; "
                       "按新文件名作为另一来源导入, 每行都会再记一次。再次导入请加 --source {source}; "
                       "确是另一来源, 请用 --source 写明")
IMPORT_KEY_CHANGED = ("编号「{key}」在来源「{source}」中已导入为第 {entry} 号记录, 本行的{fields}与之不同; "
                      "同一来源的编号只能指一行: 请核对编号, 或先冲销第 {entry} 号记录")
IMPORT_CORRECTION_FOUND = ("与已导入的第 {entry} 号记录(分值 {points}, 数量 {qty})单位、规则、日期、角色、事项编号、"
                           "文号都相同而分值或数量不同, 是更正; 确要以本文件更正, 请加 --corrections"
                           "(冲销第 {entry} 号, 按本行重记); 若确是另一条, 请给该行填写编号")
IMPORT_CORRECTED_MEANWHILE = ("「{file}」刚由另一次导入(第 {id} 号, {by})写入: 其中 {count} 处更正已导入, "
                              "本次不再冲销, 也不重复记录")
IMPORT_CORRECTED_MEANWHILE_OTHER = "本文件要更正的 {count} 条记录刚由另一次写入冲销: 本次不再冲销, 也不重复记录"
IMPORT_CORRECTION_REASON = "以「{file}」(第 {id} 号导入)第{line}行更正"
IMPORT_CORRECTED = "第{line}行: 第 {entry} 号记录(分值 {was})已冲销(第 {reversal} 号), 按本行重记为第 {new} 号(分值 {now})"
IMPORT_WILL_CORRECT = "第{line}行: 将冲销第 {entry} 号记录(分值 {was}), 按本行重记"
IMPORT_ADDED_IDS = "新增第 {ids} 号记录"
IMPORT_ADDED_NONE = "没有新增记录"
IMPORT_MORE_ERRORS = "……另有 {count} 处错误未列出"
IMPORT_REFUSED = "共 {errors} 处错误, 未导入任何行"
IMPORT_SUMMARY = "共 {rows} 行: 新增 {added} 行, 已在台账中 {skipped} 行(跳过)"
IMPORT_RECORDED = "导入记录第 {id} 号: {file}(来源「{source}」)"
IMPORT_DRY_RUN = "试运行: 全部 {rows} 行校验通过, 未写入任何内容"
# What a dry run shows for each row of the file (points import --dry-run), in the import's words.
IMPORT_PLAN_TITLE = "试运行: 「{file}」各行导入后的结果"
IMPORT_PLAN_RECORD = "将记录"
IMPORT_PLAN_IN_LEDGER = "已在台账中(第 {entry} 条)"
IMPORT_PLAN_CORRECT = "将冲销第 {entry} 条"
IMPORT_PLAN_PASSED = "跳过: 「{word}」行, {checked}"
IMPORT_PLAN_MORE = "另有 {count} 行未列出, 全部各行请用 --format csv 或 --format json"
H_LINE = "行"
H_OUTCOME = "结果"
IMPORT_PROGRESS_READ = "读取"
IMPORT_PROGRESS_WRITE = "写入"
H_ROWS = "行数"
H_ADDED = "新增"
H_SKIPPED = "跳过"
H_CHANGE = "较上年"
REPORT_ENTRIES_SHEET = "积分明细"
REPORT_ENTRIES_TITLE = "{year}年度督查工作激励积分明细(积分办法 第十八条)"


# --- integrity: check, close, backup ---------------------------------------
QUARTER_CLOSED = ("日期 {date} 属于{quarter}, 该季度已于 {at} 由 {by} 关闭(排名已公布), 不能再记入; "
                  "确需更正请先 jcdc reopen {key} --reason 原因")
QUARTER_ALREADY_CLOSED = "{quarter}已于 {at} 由 {by} 关闭"
QUARTER_NOT_CLOSED = "{quarter}未关闭, 无需重新打开"
CLOSE_NO_ENTRIES = ("{quarter}台账中没有积分记录, 各单位均为基准分 {base}, 不排名(与 jcdc rank 相同), 未关闭; "
                    "该季度确无积分事项的, 请加 --empty 关闭(jcdc close {key} --empty)")
CLOSE_EMPTY_NOT_EMPTY = "{quarter}有积分记录, 不是空季度: 请去掉 --empty"
CLOSED_EMPTY = "{quarter}台账中没有积分记录, 按该季度确无积分事项关闭: 记录的排名为各单位均为基准分 {base}"
QUARTER_NOT_ENDED = "{quarter}到 {end} 才结束, 结束后才能关闭"
CLOSE_OVERDUE_UNCHARGED = ("{quarter}有 {count} 个 13710 节点逾期未报送、尚未扣分(如事项「{matter}」节点 {node}, "
                           "{due} 到期): 请先运行 jcdc matter overdue --charge(积分办法 第十二条(三))")
CLOSE_BONUS_PENDING = ("{quarter}的「每个时间节点均未被催办」加分尚未评定({count} 个单位符合: {units}): "
                       "请先运行 jcdc matter bonus --quarter {key}; 确不评定的, 用 --without-bonus --reason 说明原因"
                       "(积分办法 第十一条(三))")
CLOSE_WITHOUT_BONUS_REASON = "--without-bonus 须用 --reason 说明不评定加分的原因"
CLOSE_REASON_ALONE = "--reason 只与 --without-bonus 一起使用"
CLOSED_WITHOUT_BONUS = "{quarter}未评定「每个时间节点均未被催办」加分即关闭, 原因已记录: {reason}"
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
IMPORT_BAD_CSV = "第{line}行: 无法读取的 CSV 内容({text}); 请检查该行是否有超长的单元格或未配对的引号"
TEXT_TOO_LONG = "「{field}」有 {length} 个字, 超过上限 {max} 字; 长文请存为文件, 在 --ref 中写明文件名"
TEXT_CONTROL = "「{field}」中有控制字符 {char}; 除换行和制表符外不能含控制字符"
TEXT_SEPARATOR = "「{field}」中有行或段落分隔符 {char}(多从网页或 Word 复制而来, 看不出来); 换行请用回车, 请重新输入"
TEXT_NONCHARACTER = "「{field}」中有非字符 {char}(不是任何文字, Excel、Word 和网页文件都容纳不了); 请删去后重新输入"
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
P_UNIQUE_MISSING = "唯一约束「{columns}」缺失(在 jcdc 之外被删除: 同一「{columns}」可以写入两次)"
P_UNIQUE_REPEATED = "「{columns}」为 {value} 的记录有 {count} 条, 只应有一条"
P_DRAW = "抽取复核不一致(同 jcdc draw verify): {text}"
P_FOREIGN_KEY = "引用的 {parent} 记录不存在"
P_STORAGE = "SQLite 完整性检查: {text}"
P_UNREADABLE = "无法读取: {text}"
P_QKEY = "季度列 qkey={qkey} 与日期 {date} 不符"
P_UNKNOWN_RULE = "规则「{rule}」不在规则目录中"
P_CITE = "依据「{cite}」与规则「{rule}」的依据「{expected}」不符"
P_POINTS = "分值 {points} 不是规则给出的 {expected}"
P_RULE_REFUSES = "规则不允许这条记录: {text}"
P_QTY = "数量 {qty} 不是正整数(每条至少 1 项、1 次或 1 天)"
P_QTY_SPLIT = "分值 {points} 不能平均分到 {qty} 项"
P_BONUS_REMINDED = ("单位「{unit}」{quarter}的「未被催办」加分仍有效, 但该季度已被催办: {reminder}{more}"
                    "({cite}); 请核实后冲销: jcdc points revoke {entry} --reason …")
P_TWICE = ("规则「{rule}」在同一{scope}已记过第 {earlier} 条, 只记一次({cite}); "
           "核实后请冲销本条: jcdc points revoke {entry} --reason …")
P_SCOPE_QUARTER = "单位同一季度"
P_SCOPE_MATTER = "事项"
P_REVERSES_MISSING = "冲销的第 {original} 条不存在或在它之后"
P_REVERSES_REVERSAL = "冲销的第 {original} 条本身是冲销记录"
P_REVERSAL_FIELD = "与被冲销的第 {original} 条「{field}」不同"
P_REVERSED_TWICE = "冲销的第 {original} 条已由第 {earlier} 条冲销(一条记录只能冲销一次)"
P_REVERSAL_POINTS = "分值 {points} 不是被冲销的第 {original} 条的相反数 {expected}"
P_TOTALS = "单位 {unit} {quarter}: 季度合计表为 {cached}, 台账逐条相加为 {ledger}, 二者不符(其一在 jcdc 之外被改动)"
P_CLOSED_CHANGED = "{quarter}于 {at} 关闭时的排名已改变(排名哈希不符)"
P_CLOSED_UNIT = "{quarter}关闭时{unit}: {was}, 现在: {now}"
P_CLOSING_HASH = "公布的排名与它的排名哈希不符"
P_RANK_ROW = "{group}第 {rank} 名, {score} 分, 年度累计 {ytd} 分"
P_NOT_RANKED = "不在排名中"


# --- documents: the 通报 and the 告知单 ---------------------------------
# jcdc notice: the 通报 (积分办法 第十三、十七—十九条), laid out per GB/T 9704-2012.
DOC_YEAR_LABEL = "{year}年度"
# The 通报's title in whole phrases: a title too long for one line breaks only
# between them (GB/T 9704 7.3.2: 词意完整).
DOC_NOTICE_TITLE_PARTS = ("关于{period}督查激励积分", "排名情况的通报")
DOC_ADDRESSEES = "{recipients}："  # 主送机关: the rule set's documents.recipients
DOC_NOTICE_OPENING_QUARTER = (
    "根据《{title_jifen}》({document}，以下简称《积分办法》)"
    "第十三条“每季度评分一次”的规定，{office}对{assessed}{period}督查工作进行了评分。现将有关情况通报如下：")
DOC_NOTICE_OPENING_YEAR = (
    "根据《{title_jifen}》({document}，以下简称《积分办法》)"
    "第十三条“年末进行总评并排名”和第十七条至第十九条的规定，{office}对{assessed}"
    "{period}督查工作进行了总评并排名。现将有关情况通报如下：")
DOC_H_SCORING = "一、评分情况"
DOC_SCORING = (
    "{period}，各单位以{base}分为基准分(《积分办法》第十条)，按第十一条加分、第十二条减分。"
    "计分{total}条，涉及{units}个单位，其中加分{bonus}条、减分{penalty}条{revoked}。"
    "参加排名的单位共{ranked}个：{groups}。各项积分如下：")
DOC_GROUP_COUNT = "{group}{count}个"
# Entries revoked in the period and their reversals: recorded, shown in 积分明细, not scored.
DOC_SCORING_REVOKED = "；另有{revoked}条经冲销更正，不计分(冲销记录{reversals}条)"
DOC_RULES_HEADINGS = ("积分项目", "依据", "条数", "积分")
DOC_H_RANKING = "二、排名情况"
DOC_RANK_HEADINGS_QUARTER = ("名次", "单位", "本季度积分", "较上季度")
DOC_RANK_HEADINGS_YEAR = ("名次", "单位", "年度总积分", "较上年")
DOC_NO_CHANGE = NO_CHANGE
DOC_TIES = "注：积分相同的单位名次相同，其后名次顺延({ties})。"
DOC_TIE = "第{rank}名{count}个单位并列"
DOC_H_CONSEQUENCES = "三、有关建议"
DOC_H_RECOMMENDED = "“免督查”重点推荐。"
DOC_RECOMMENDED = (
    "{units}年度总积分在{among_exempt_recommended}中排名第{top_exempt_recommended}位。依据《积分办法》第十九条，"
    "建议报{government}同意后，将其作为{next}年{inspections_exempt_recommended}“免督查”待遇的重点推荐单位，"
    "并在{next}年的资金扶持、项目安排、土地利用等政策措施方面给予相应的倾斜支持。")
DOC_RECOMMENDED_NONE = "{year}年度没有可推荐的{among_exempt_recommended}(当年无积分记录)。"
DOC_H_EXEMPT = "{among_exempt}“免督查”。"
DOC_EXEMPT = (
    "{ranks}年度总积分排名前{top_exempt}位。依据《积分办法》第十九条，建议报{government}同意后，"
    "在{next}年{inspections_exempt}时对上述单位予以“免督查”待遇。")
DOC_EXEMPT_NONE = "{year}年度没有排名前{top_exempt}位的{among_exempt}(当年无积分记录)。"
# A tie that widens a proposal (SPEC §3 Ties at a boundary), in the proposal's paragraph.
DOC_TIE_WIDENS_RECOMMENDED = ("其中{n}个{among_exempt_recommended}年度总积分相同，并列第{rank}名；《积分办法》未规定并列时如何取舍，"
                              "均予列入，多于第十九条“第{limit}位”所指的{limit}个，请{government}审定。")
DOC_TIE_WIDENS_EXEMPT = ("其中第{rank}名为{n}个单位积分相同并列，《积分办法》未规定并列时如何取舍，均予列入，"
                         "共{total}个单位，多于第十九条“前{limit}位”所指的{limit}个，请{government}审定。")
DOC_TIE_WIDENS_BOTTOM_TWO = ("{group}倒数后{limit}位中第{rank}名为{n}个单位积分相同并列，《积分办法》未规定并列时如何取舍，"
                             "共{total}个单位均在倒数后{limit}位之列，其中{flagged}个单位列入上述建议，请{government}审定。")
DOC_H_ACCOUNTABILITY = "责任追究。"
DOC_ACCOUNTABILITY = (
    "{ranks}年度积分在基准分以下，且{before}年、{year}年均为本组倒数后{bottom}位。依据《积分办法》第十七条和"
    "《{title_zhuijiu}》第五条第(五)项，建议报{government}同意后，追究相关单位及工作人员的责任。")
DOC_ACCOUNTABILITY_NONE = "{year}年度没有积分在基准分以下且连续{years}年均为倒数后{bottom}位的单位，不提出责任追究建议。"
DOC_ACCOUNTABILITY_NONE_IN = "{groups}中没有{year}年度积分在基准分以下且连续{years}年均为倒数后{bottom}位的单位。"
DOC_ACCOUNTABILITY_UNJUDGED = ("{groups}{before}年没有积分记录，也未登记当年公布的排名，"
                               "“连续{years}年均为倒数后{bottom}位”的条件无法判定，暂不提出责任追究建议。")
DOC_PRIOR_CITED = "{groups}{before}年的积分和名次依据{doc}公布的排名。"
DOC_YEAR_EMPTY = "{year}年{quarters}没有积分记录。"
DOC_YEAR_OPEN = "{year}年{quarters}尚未结账，本通报为征求意见稿，所列积分、排名和有关建议不是年度最终结果。"
DOC_DRAFT_MARK = "(征求意见稿)"
DOC_NOTICE_NEEDS_DRAFT = ("{year}年{quarters}尚未结账(jcdc close), 年度结果不是最终结果: "
                          "年度通报只能作为征求意见稿, 请加 --draft")
DOC_S_UNJUDGED = ("{before}年你单位所在排名组没有积分记录，也未登记当年公布的排名，"
                  "第十七条“连续{years}年均为倒数后{bottom}位”的条件无法判定。")
DOC_S_OWN_GROUP = "你单位所在排名组"
DOC_S_YEAR_OPEN = "{year}年{quarters}尚未结账，以上积分和名次不是年度最终结果。"
DOC_UNIT_RANK = "{name}(第{rank}名，{score}分)"
DOC_TIE_NOTE = "并列情况: {group}{note}。"  # on the clerk's screen, never in the 正文
DOC_CLOSING = ("各单位要对照积分和排名情况，认真查找差距和不足，对减分事项逐项整改落实。"
               "各单位的积分明细可向{office}查询。")
DOC_CC = "抄送：{cc}。"
DOC_PRINTED = "{date}印发"
DOC_PAGE_DASH = "—"
DOC_NEEDS_DOCX = "通报请用 --output 指定 .docx 文件, 如 --output 通报.docx"
DOC_NOT_A_FOLDER = "「{path}」不是文件夹; 请用 --output 指定一个文件夹, 每个单位一个 .docx"
DOC_UNIT_NOT_RANKED = "{unit}不在{period}的排名中(该期间未在册)"
DOC_NOTICE_WRITTEN = "已写入通报 {path}({groups} 个排名组, {units} 个单位)"
DOC_STATEMENTS_WRITTEN = "已写入 {count} 份积分告知单到 {path}"
DOC_STYLE_BODY = "公文正文"
DOC_STYLE_NOTE = "公文注释"
DOC_STYLE_HEADING = ("公文一级标题", "公文二级标题")
DOC_STYLE_TITLE = "公文标题"
DOC_STYLE_TABLE = "公文表格"
DOC_STYLE_TABLE_HEAD = "公文表头"
DOC_ALIGN = {"left": "左", "right": "右", "center": "中"}
# jcdc statement: each unit's statement.
# The statement's title in whole phrases, broken between them when too long for a line.
DOC_STATEMENT_TITLE_PARTS = ("{unit}", "{period}", "督查激励积分告知单")
DOC_STATEMENT_SUB = "{office}　{on}"
DOC_S_H_SCORE = "一、积分和排名"
DOC_S_SCORE = ("{period}，你单位积分{score}分(基准分{base}分，加减分合计{delta}分)，"
               "在{group}({size}个单位)中排第{rank}名{tie}。")
DOC_S_TIED = "(与另外{count}个单位并列)"
DOC_S_BEFORE_QUARTER = "上季度"
DOC_S_BEFORE_YEAR = "上年"
DOC_S_CHANGE = "较{before}{change}分，{before}第{previous}名，名次{moved}。"
DOC_S_NO_CHANGE = "{before}无可比较的积分。"
DOC_S_RANK_UP = "上升{n}位"
DOC_S_RANK_DOWN = "下降{n}位"
DOC_S_RANK_SAME = "不变"
DOC_S_YTD = "本年累计积分{ytd}分。"
DOC_S_FLAG = {
    "exempt-recommended": "你单位年度总积分在{among_exempt_recommended}中排名第{top_exempt_recommended}位，按{cite}，"
                          "拟报{government}同意后作为{next}年{inspections_exempt_recommended}“免督查”待遇的重点推荐单位。",
    "exempt": "你单位年度总积分在{among_exempt}中排名前{top_exempt}位，按{cite}，拟报{government}同意后在{next}年"
              "{inspections_exempt}时予以“免督查”待遇。",
    "accountability": "你单位年度积分在基准分以下，且连续{years}年均为本组倒数后{bottom}位，按{cite}，"
                      "拟报{government}同意后追究相关单位及工作人员的责任。",
}
DOC_S_H_RULES = "二、分项积分"
DOC_S_TOTAL = "合计"
DOC_S_NO_ENTRIES = "{period}你单位没有积分记录，积分为基准分{base}分。"
DOC_S_H_ENTRIES = "三、积分明细"
DOC_ENTRY_HEADINGS = ("编号", "日期", "积分项目", "分值", "文号", "说明")
DOC_ENTRY_QTY = "数量{qty}"
DOC_ENTRY_MATTER = "事项{matter}"
DOC_ENTRY_REVERSES = "冲销第{id}条：{reason}"
DOC_ENTRY_REVERSED = "已被第{id}条冲销"
DOC_ENTRY_CORRECTS = "更正第{id}条"
DOC_S_H_DUE = "四、逾期和{days}日内到期的事项"
DOC_DUE_HEADINGS = ("类别", "编号", "事项", "到期日", "剩余")
DOC_DAYS_LEFT = "{days}天"
DOC_DAYS_LATE = "逾期{days}天"
DOC_S_NOTHING_DUE = "截至{on}，你单位没有逾期或{days}日内到期的事项。"
DOC_S_H_LATE_DONE = "五、{period}逾期完成的事项"
DOC_LATE_DONE_HEADINGS = ("类别", "编号", "事项", "到期日", "完成日期", "逾期")
DOC_S_CLOSING = "对以上积分如有疑问，请与{office}联系核对。"


# --- help in Chinese ----------------------------------------------------------

# typer's scaffolding in --help, and what the clerk reads instead.
HELP_USAGE = "用法: "
HELP_HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}
# The placeholders of typer's usage line (用法: jcdc points [OPTIONS] COMMAND [ARGS]...).
HELP_USAGE_WORDS = {"[OPTIONS]": "[选项]", "COMMAND": "命令", "[ARGS]": "[参数]"}
# typer's own options, whose help it writes in English.
HELP_TEXTS = {
    "Install completion for the current shell.": "为当前的命令行(PowerShell、bash、zsh)安装命令补全。",
    "Show completion for the current shell, to copy it or customize the installation.":
        "显示当前命令行的补全脚本, 以便复制或自行安装。",
}
# The bracketed notes after an option's help: [env var: JCDC_DB; default: table; required].
HELP_EXTRAS = {"env var: ": "环境变量: ", "default: ": "默认: ", "required": "必填"}
HELP_OPTION = "显示本帮助并退出。"
HELP_VERSION = "显示 jcdc 的版本并退出。"
HELP_ROOT_DB = "数据库文件(写在命令之前或之后均可, 如 jcdc --db 台账.db rank); 默认取 JCDC_DB, 否则为用户数据目录下的 jcdc.db"
USAGE_NEEDS_VALUE = "选项「{}」需要一个值"
USAGE_TAKES_NO_VALUE = "选项「{}」不带值"
USAGE_EXTRA_ARGS = "多余的参数: {}; 含空格的文字请加引号, 如 --note \"会议 纪要\""
USAGE_NO_COMMAND_GIVEN = "缺少命令"
COLUMNS_HIDDEN = "另有 {count} 列未显示({names}), 加宽终端或用 --format csv"

# --- ties at a boundary, 13710 returns moved up, rectification paragraphs ---
# Ties at a boundary (SPEC §3): a tie that makes a consequence reach more units than its article names.
TIE_NOTE = {
    "exempt-recommended": "第{rank}名并列 {n} 个{among_exempt_recommended}, 均被推荐免督查(积分办法 第十九条: 第{limit}位), "
                          "报{government}同意时请注意",
    "exempt": "第{rank}名并列 {n} 个单位, 均在免督查范围内(积分办法 第十九条: 前{limit}位, 现共 {total} 个单位), "
              "报{government}同意时请注意",
    "bottom-two": "第{rank}名并列 {n} 个单位, 均在倒数后{limit}位之列(积分办法 第十七条, 现共 {total} 个单位, "
                  "其中追责候选 {flagged} 个), 据此追责前请注意",
}
H_TIE_NOTES = "并列说明"
# 13710 returns after a revoked one move up a place (积分办法 第十二条(三), SPEC §2).
REPOSITION_REASON = ("第 {revoked} 条退回重报已冲销, 本事项其后的退回按现存次序前移一位, "
                     "第 {id} 条按新次序重记({cite})")
RECHARGE_NOTE = "重记第 {id} 条: 第 {revoked} 条冲销后为本事项现存第 {place} 次退回"
ENTRY_REVOKED_VIA = "第 {id} 条已按退回次序重记为第 {now} 条, 冲销的是第 {now} 条"
RETURNS_REPOSITIONED = "本事项其后的退回前移一位: 第 {old} 条({was} 分)冲销, 重记为第 {new} 条({now} 分)"
P_RETURN_PLACE = ("退回重报记 {points} 分, 但在事项 {matter} 现存的退回中为第 {place} 次, 应为 {expected} 分"
                  "(有退回被冲销而本条未重记; 积分办法 第十二条(三)), 需更正 {diff} 分: "
                  "jcdc points revoke 本条后重新记录这次退回(所在季度已关闭时先 jcdc reopen)")
# Rectification items: which paragraph of 快速处置 二, and extensions from their approval (SPEC §6).
FIX_BAD_PARA = "无法识别的条款「{text}」, 可用: 二.1、二.2"
FIX_PARA_NOT_FOR_CLASS = "{cls} 类事项属于快速处置 {para}, 不接受 --para(--para 只用于 general、major)"
FIX_EXTEND_NOT_22 = ("该事项属于快速处置 {para}, 只有 {cite} 的事项可报经市政府同意延期; "
                     "确需延期, 请用 --override-reason 说明原因")
FIX_EXTEND_BEFORE_APPROVAL = ("原期限 {due} 延期 {days} 天为 {new}, 早于批准日期 {date}: "
                              "逾期后批准的延期从原期限起算, 至少需 {least} 天")
FIX_EXTEND_FUTURE = "批准日期 {date} 晚于今天({today}): 延期自批准之日起才算数"
FIX_EXTENDED_LATE = "批准时该事项已逾期 {days} 天, 逾期记录保留"
H_PARA = "条款"
H_OVERDUE_BEFORE = "延期前已逾期(天)"


# --- inspectors of any body, nominations and refills, migrations ------------
DB_MIGRATION_BROKEN = "数据库「{path}」升级结构后, 表 {table} 的引用不完整; 未做任何改动"

# 三库办法 第五条: members from any body; an import run twice changes nothing
H_ORG = "单位名称"
INSPECTOR_NO_BODY = "请给出所在单位: --unit(被考核单位)或 --org(其他单位, 如 市人大常委会办公厅、某大学)"
INSPECTOR_NO_CHANGE_ORG = ("没有要变更的内容: 请至少给出 --name、--pool、--unit、--org、--region、"
                           "--expertise 或 --phone 之一")
INSPECTOR_FILE_HEADER_ORG = ("督查人员文件缺少列: {missing}(需要 姓名/name、库/pool, 以及 单位/unit 或 "
                             "单位名称/org; 可选 地区/region、专长/expertise、电话/phone、起始日期/since)")
INSPECTORS_IMPORTED_COUNTS = "督查人员导入: 新增 {added} 名, 更新 {updated} 名, 跳过 {skipped} 名"
INSPECTOR_IMPORT_UPDATED = "  更新 {id} {name}, 自 {since} 起生效"
IMPORT_SKIP_SAME = "已在库且无变化({id} {name})"
IMPORT_SKIP_RETIRED = "{id} {name} 已于 {date} 调出, 未重新入库(重新入库请用 inspector add)"
IMPORT_SKIPPED_LINE = "  第 {line} 行跳过: {why}"

# 三库办法 第七条: nominated full-time members; 第五、十一条: refills that pass someone over
EXCLUSION["nominated"] = "由所在单位提名, 不参加抽取(三库办法 第七条)"
EXCLUSION["not-full"] = "不是专职督查人员; 单位提名只用于专职席位(三库办法 第七条)"
NOMINEE_REFUSED = "不能提名督查人员 {id} {name} 进入任务「{task}」的「{team}」: {reason}"
TOO_MANY_NOMINEES = "提名 {count} 名专职人员, 多于专职席位 {seats} 名: 请用 --full 给出席位数(超过{team_full}名须 --override-reason)"
APPROVED_WITHOUT_NOMINEE = "--approved-by 是督查室对单位提名的审批, 须与 --nominate 一同给出"
DRAW_NOMINATED = "专职由单位提名(三库办法 第七条): {id} {name}, {body}提名, {approved_by}审批"
H_SEAT = "席位"
SEAT_NOMINATED = "提名"
SEAT_DRAWN = "抽取"
REFILL_SKIPPED = "递补时跳过: {skipped}"
NOBODY = "无"
VERIFY_REFILL_SKIPPED = "人员变动记录 {id} 记录的跳过人员 {found} 与重算的 {expected} 不符"
NO_POINTS_UNRANKED = "所在单位不是被考核单位, 未记积分(积分只记被考核单位, 三库办法 第六条)"

# --- tampering: what check finds, anchors, closed rankings -----------------
H_CASE_DECIDED = "复核同意日期"
H_CASE_DECISION_DOC = "文号"
H_CASE_PUBLISHED = "通报日期"
P_TRIGGER_UNKNOWN = "触发器「{name}」不是 jcdc 的表结构所定义的(在 jcdc 之外加入, 可能改写写入的记录)"
P_UNIT_RECORD = "单位登记记录「{action}」{code} 与此前的记录不符(未登记的单位, 或已结束的单位再次结束)"
P_CHANGE_UNIT = "机构改革记录「{action}」的单位 {code} 没有登记记录"
P_CHANGE_NAME = "更名记录: 新名称「{name}」已是单位 {other} 的名称或简称"
P_CHANGE_DATE = "更名记录: 日期 {date} 不晚于单位 {code} 的设立日期或此前的更名"
P_CHANGE_MERGE = "合并记录: 单位 {code} 自 {date} 起并入 {successor}, 但它的最后在册日为「{ended}」(应为 {last})"
P_CHANGE_TWICE = "合并记录: 单位 {code} 已并入另一单位, 不能再次合并"
P_UNIT_GONE = "单位 {code}({name})有登记记录, 却不在单位表中(被删除)"
P_UNIT_UNRECORDED = "单位 {code}({name})没有登记记录(在 jcdc 之外加入)"
UNIT_CATEGORY_NOT_RANKED = "规则集 {version} 的排名组中没有「{category}」类单位(积分办法 第二条)"
P_UNIT_CATEGORY = "单位 {code} 的类别「{category}」不是规则集排名的类别({known})"
P_UNIT_FIELD = "单位 {code} 的「{field}」现为「{now}」, 登记记录为「{recorded}」(在 jcdc 之外被改动)"
P_ALIAS = "简称「{alias}」现指向「{now}」, 登记记录为「{recorded}」(在 jcdc 之外被改动)"
P_ANCHOR_RECORDED = "台账内第 {id} 个锚点"
P_ANCHOR_FILE = "{at} 的锚点"
P_ANCHOR_LOST = "{where}记到第 {id} 条, 现在只到第 {last} 条: 锚点之前写入的 {lost} 条已丢失(-wal 文件被删除、崩溃, 或被删除)"
P_ANCHOR_DIFFERS = "与{where}记录的哈希不符: 锚点之前的记录被改写(整条链被重新计算)"
P_ANCHOR_QUARTER = "{where}记录的{quarter}排名哈希 {hash} 不在任何关闭记录中(关闭记录被改写)"
P_ANCHOR_FINGERPRINT = "锚点文件「{path}」写明的指纹 {stated} 与其内容算出的 {computed} 不符: 文件在生成后被改动, 请以签字存档的纸质件为准"
ANCHOR_DAMAGED = "{table} 的最新记录与登记的链尾不符, 不能为受损的台账制作锚点; 请先运行 jcdc check"
ANCHOR_UNREADABLE = "无法读取锚点文件「{path}」: {text}"
ANCHOR_NOT_A_STATEMENT = "「{path}」不是 jcdc 锚点文件(没有「链」「生成时间」「指纹」各行); 请用 jcdc anchor 生成"
ANCHOR_UNKNOWN_CHAIN = "锚点文件「{path}」中的链「{table}」不是 jcdc 的记录表"
ANCHOR_OK = "锚点({at}, 指纹 {fingerprint})核对无误: 台账仍含锚定的全部 {chains} 条链尾记录, 且未被改写。请将指纹与存档的纸质件核对。"
ANCHOR_RECORDED = "已记录第 {id} 个锚点, 指纹 {fingerprint}。请打印上面的声明签字存档, 或报送考核办; 日后用 jcdc anchor --check 文件 核对。"
ANCHOR_NOT_PUBLISHED = "锚点声明无法写出到标准输出(或它重定向到的文件): {reason}; 锚点未记录{closing}, 台账未改动"
ANCHOR_NOT_PUBLISHED_CLOSING = ", 季度未关闭"
ANCHOR_CLOSED = "关闭时的锚点已记录, 指纹 {fingerprint}(声明见标准输出, 可随排名通报存档)"
ANCHOR_TITLE = "{office_full} 督查台账锚点"
ANCHOR_MADE_AT = "生成时间"
ANCHOR_MADE_BY = "生成人"
ANCHOR_MADE_AT_BEIJING = "北京时间"
ANCHOR_UNNAMED = "(未署名, 见下方签字)"
ANCHOR_LEDGER = "台账文件"
ANCHOR_MADE_FOR = "关闭季度"
ANCHOR_EXPLAIN = (
    "以下为台账每条哈希链的最新记录(记录类别、编号, 下一行为其哈希)",
    "及已关闭季度的排名哈希。",
    "请打印签字存档, 或报送考核办, 存放于台账所在电脑之外。",
    "核对: jcdc anchor --check 本文件。台账须仍含以下每条记录且哈希相同;",
    "否则锚点之前的记录已被改写或丢失。",
)
ANCHOR_CHAIN = "链"
ANCHOR_CHAIN_HEAD = "链 {label} 第 {id} 条"
ANCHOR_QUARTER_HEAD = "季度 {quarter} 排名哈希"
ANCHOR_WRITTEN = "锚点声明已写入「{path}」(指纹 {fingerprint}): 请打印签字存档, 或随排名通报报送; 日后用 jcdc anchor --check 该文件 核对"
ANCHOR_QUARTER = "季度"
ANCHOR_FINGERPRINT = "指纹"
ANCHOR_SIGN = "签字: ______________    日期: ______________"
RANK_CLOSED_HASH = "排名哈希 {hash}"
RANK_CLOSED_DIFFERS = "注意: 台账现在算出的{quarter}排名与关闭时记录的不符(记录在 jcdc 之外被改动); 以上为关闭时记录的排名, 运行 jcdc check 查看哪些单位"
RANK_CLOSED_RECORD_DIFFERS = "注意: 关闭时记录的{quarter}排名与其排名哈希不符(关闭记录被改动); 运行 jcdc check"
P_IMPORT_COUNT = "记为加入 {added} 条, 台账中来自这次导入的记录却有 {found} 条"
P_IMPORT_UNMARKED = "第 {entry} 条由导入写入, 却没有它的导入行标识(再次导入同一文件会重复加入; 标识被删除)"
P_IMPORT_STRAY = "导入行标识「{identity}」指向的第 {entry} 条不是导入写入的记录"
P_IMPORT_SEAL = ("第 {id} 号导入的行标识与导入时的封存(import_seals 第 {seal} 条)不符(封存 {sealed} 行, 现有 {now} 行): "
                 "标识在 jcdc 之外被改动, 再次导入该文件会重复加入或漏掉行")
P_IMPORT_UNSEALED = "这次导入没有封存它的行标识(import_seals 中缺少记录)"
# What each chain holds, beside its line in an anchor statement.
CHAIN_LABEL = {
    "closings": "季度关闭", "entries": "积分记录", "cases": "追究案件", "case_events": "案件办理",
    "matters": "13710 事项", "matter_nodes": "事项节点", "matter_events": "事项办理", "fixes": "整改事项",
    "fix_events": "整改办理", "inspectors": "督查人员库", "tasks": "督查任务", "draws": "抽签",
    "draw_events": "抽签后续", "reports": "督查报告", "imports": "导入", "import_seals": "导入封存", "unit_records": "单位名册",
    "rulesets": "规则集版本", "fix_paras": "整改事项适用段落", "published_rankings": "上年公布排名",
    "unit_changes": "单位更名与合并",
}


# --- what a clerk types and hands in, refused at the door -----------------
DATE_OUT_OF_RANGE = "日期「{text}」超出范围: 应在 {first} 至 {last}(一年以后)之间"
NAME_CONTROL = "「{field}」中有控制字符 {char}; 名称和编号只能是一行文字, 不能含控制字符"
NAME_TOO_LONG = "「{field}」有 {length} 个字, 超过名称或编号的上限 {max} 字"
TEXT_INVISIBLE = ("「{field}」中有不可见字符 {char}(零宽字符、文字方向控制符、变体选择符、填充符或盲文空白); "
                  "名称和编号不能含这类字符, 请重新输入")
TEXT_COMBINING = "「{field}」中有组合符号 {char}(叠加在前一个字上的附加符号); 名称和编号不能含这类字符, 请重新输入"
NAME_LOOKS_TAKEN = ("名称或简称「{name}」与单位「{code}」已用的「{taken}」看起来相同"
                    "(只差全角、大小写、不可见字符或形近字, 如 巿 与 市)")
UNIT_UNKNOWN_GROUP = "没有排名组「{group}」; 现有: {groups}。确需新设排名组, 请加 --new-group"
INTEGER_OUT_OF_RANGE = "{name} 的值应为 {low} 至 {high} 之间的整数"
PATH_NUL = "{name} 中有空字符(U+0000), 不是文件名"
FILE_UNREADABLE = "无法读取文件「{path}」: {reason}"
FILE_NOT_TEXT = "文件「{path}」不是 UTF-8 或 GB18030 编码的文本: 请在 Excel 中另存为 \"CSV UTF-8\""
FILE_CUT_OFF = "文件「{path}」在末尾被截断(最后一个字不完整): 请重新导出完整的文件"
FILE_BAD_CSV = "第{line}行无法解析(引号未闭合? 文件被截断?): {text}"
LEDGER_UNOPENABLE = "无法打开数据库「{path}」: {reason}"
XLSX_UNREADABLE = "文件「{path}」不是完整的 Excel 工作簿(.xlsx): {reason}; 请在 Excel 中打开后重新保存"

# --- files jcdc writes, and the ledger's own file -------------------------
# Files jcdc writes (jcdc/files.py) and opening the ledger (jcdc/store.py open_store).
FILE_EXISTS = "文件「{path}」已存在, 未写入; 要替换它请加 --force(或换一个文件名)"
FILE_IS_LEDGER = "「{path}」是台账数据库(或其配套文件), 不能写入; 请换一个文件名"
FILE_IS_DATABASE = "「{path}」是一个 SQLite 数据库(台账或其备份?), 不会覆盖, 即使加 --force; 请换一个文件名"
FILE_IS_LINK = "「{path}」是一个链接(快捷方式), 不会写入它指向的文件; 请换一个文件名"
FILE_IS_FOLDER = "「{path}」是一个文件夹; 请给出文件名"
FILE_NOT_ORDINARY = "「{path}」不是普通文件(设备、管道等), 不能写入; 请换一个文件名"
FILE_NO_FOLDER = "无法写入「{path}」: 文件夹「{folder}」不存在或不能在其中建立文件"
FILE_NOT_PERMITTED = "无法写入「{path}」: 没有在文件夹「{folder}」中建立文件的权限(或是只读的位置)"
FILE_NAME_TOO_LONG = "无法写入「{path}」: 文件名过长; 请用短一些的文件名"
# Windows: a file another program holds open (Excel keeps the workbook it shows
# locked, a second jcdc window its ledger) cannot be replaced or deleted.
FILE_IN_USE = "无法写入「{path}」: 文件正被另一个程序打开(如 Excel 或另一个 jcdc 窗口); 请关闭该文件后重试, 原有文件未改动"
FILE_READ_ONLY = "无法写入「{path}」: 该文件是只读的(文件属性中勾选了“只读”); 请取消只读或换一个文件名, 原有文件未改动"
PATH_TOO_LONG_MADE = "路径超过 Windows 路径的上限 {max} 个字符, 未写入任何文件; 请用短一些的路径或文件名"
PATH_TOO_LONG = "{name} 的路径有 {length} 个字符, 超过 Windows 路径的上限 {max} 个字符, 不是可用的文件名; 请用短一些的路径"
OUTPUT_UNENCODABLE = ("注意: 输出的编码 {encoding} 写不出某些字符(如 {char}), 已显示为 {mark}; "
                      "要原样的数据, 请用 --output 写入文件, 或用 --format json, 或设置 PYTHONUTF8=1")
FILE_CHARS_REPLACED = ("注意: 台账中有 {count} 个字符(旧版 jcdc 或台账外写入的非字符、控制字符)"
                       "无法写入「{path}」, 已替换为 {mark}; 台账中的原文未改动")
FILE_WRITE_FAILED = "无法写入「{path}」: {text}; 未留下任何文件"
DISK_FULL = "磁盘空间不足, 未能写入「{path}」; 已写的部分已删除, 原有文件未改动"
DISK_FULL_DB = "磁盘空间不足, 台账「{path}」未写入任何内容(本次操作已全部撤销); 请腾出空间后重试"
DB_MISSING = "找不到台账「{path}」; 新建台账请运行 jcdc init(或 jcdc init --db 路径), 已有台账请检查 --db 或 JCDC_DB"
DB_EMPTY = "「{path}」是空文件, 还不是台账; 请运行 jcdc init --db {path} 建立台账"
DB_NOT_LEDGER = "「{path}」不是 jcdc 台账(没有 jcdc 的表), 未作任何改动; 请检查 --db 或 JCDC_DB"
DB_OLDER = ("台账「{path}」是较早版本的 jcdc 写的(结构版本 {found} < {known}); 查看类命令只读、不升级它。"
            "任何写入命令(如 jcdc init --no-roster --db {path})会先升级它; 备份请先复制一份再升级")
DB_READ_ONLY = "台账「{path}」是只读的(文件或所在文件夹没有写权限, 或只能查看), 不能写入; 未作任何改动"
DB_CANNOT_PROTECT = "无法把「{path}」设为仅本人可读写(台账载有被问责人员的姓名): {text}; 未写入任何内容"
DB_ON_NETWORK = ("台账「{path}」在网络位置上({where}), 不在此写入: 台账所用的 SQLite WAL 模式不能跨网络, "
                 "两台电脑同写一个台账会损坏它。请由一台电脑把台账放在本地磁盘上记录, "
                 "其他电脑查看它用 jcdc backup 做的备份或导出的文件")
DB_CANNOT_CREATE = "无法建立台账「{path}」: {text}"
DB_MALFORMED = ("台账「{path}」已损坏({text}); 损坏的台账不能写入。运行 jcdc check --db {path} 查看损坏之处, "
                "并按 docs/integrity.md 从备份恢复")
DB_IO_ERROR = ("读写台账「{path}」时出错({text}): 磁盘、网络盘有故障, 或台账旁的 -wal、-shm 文件被删除或移动; "
               "请排除后运行 jcdc check")
DB_HOT_JOURNAL = ("「{path}」旁有一次中途停止的写入留下的 -journal 文件, 只读打开不能还原它: 这可能是一个未完成的副本。"
                  "请改用一份完整的备份; 未作任何改动")
BACKUP_INCOMPLETE = "副本中 {table} 的最新记录与台账不同, 副本不完整"
INIT_NO_ROSTER = "台账已就绪(未载入{area}单位名册; 用 jcdc unit add 或 jcdc unit import 登记单位)"
INIT_NO_ROSTER_KEPT = "台账已就绪(未补登{area}单位名册; 台账中现有 {total} 个单位)"
P_CHECK_STOPPED = "无法读取{what}: {text}"


# 追究办法 第二条: cases against any body; 第九条(二): an appeal that changes the sanction;
# 第六条(二): the 约谈 that comes with a unit's 通报
CASE_OPEN_NEEDS_BODY = ("立案须给出被问责的单位: --unit(被考核单位)或 --body(任何机关、企业事业单位, "
                        "如 泽州县住房和城乡建设局; 所属被考核单位用 --unit)")
CASE_OPEN_NEEDS_SUBJECT = ("立案须给出 --unit 或 --body、--trigger 和 --summary"
                           "(或用 --from-rank 年度 按排名立案)")
CASE_CHANGED_NEEDS_SANCTION = "--changed 须用 --sanction 给出变更后的问责方式(追究办法 第九条(二))"
CASE_UPHELD_NO_SANCTION = "--upheld 维持原问责处理, 不能同时给出 --sanction、--coordinated-with 或 --procedure"
CASE_INTERVIEW_WITH_NEEDED = "请用 --with 姓名:职务 给出约谈对象(单位主要负责人)"
CASE_INTERVIEW_NO_NOTICE = "案件 {id} 的问责方式不含对单位的通报(unit:通报), 无需约谈(追究办法 第六条(二))"
CASE_INTERVIEW_UNCONFIRMED = "案件 {id} 的问责处理意见尚未经督查室复核同意, 不能登记约谈"
CASE_INTERVIEW_DONE = "已登记案件 {id} 的约谈: {date} {by} 约谈 {with_}(追究办法 第六条(二))"
CASE_INTERVIEW_DUE_WHAT = "{unit} 通报须约谈其主要负责人, 复核同意后{execute_months_cn}个月内({cite})"
CASE_INTERVIEW_NONE = "尚未约谈, 应于 {due} 前(追究办法 第六条(二))"
CASE_ACTION["interview"] = "约谈"
DUE_KIND["interview"] = "通报约谈"
H_INTERVIEW = "约谈"
H_BELONGS = "所属被考核单位"
H_BODY = "被问责机关"


# --- sheets as offices make them ------------------------------------------
# Files as clerks hand them in (jcdc/sheets.py) and spreadsheets as offices make them (jcdc/importer.py).
CSV_OPEN_QUOTE = ("第{line}行: 引号不配对, 读到第{last}行仍未结束; 以引号开头的单元格须以引号结尾, "
                  "单元格中的引号要写两遍(\"\")")
IMPORT_CELL_BEYOND = "第{column}列「{cell}」超出表头(表头只有 {width} 列); 请检查该行是否多了逗号或单元格"
XLSX_TOO_LARGE = ("「{path}」解压后有 {size} MiB, 超过 .xlsx 导入上限 {max} MiB(可能是压缩炸弹); "
                  "较大的表请在 Excel 中另存为 CSV 再导入")
XLSX_RATIO = ("「{path}」中的 {part} 压缩比为 {ratio}:1, 超过上限 {max}:1, 不是 Excel 保存的表格(可能是压缩炸弹); "
              "请在 Excel 中另存为 CSV 再导入")
XLSX_TOO_MANY_PARTS = "「{path}」含 {count} 个部件, 超过上限 {max} 个, 不是 Excel 保存的表格"
# What a file really holds, bounded (jcdc/sheets.py): each refusal names its cap.
CSV_RECORD_TOO_LONG = "第{line}行: 一行超过 {max} 个字符的上限, 不像是积分表; 请检查该行(是否有未配对的引号或大量逗号)"
SHEET_TOO_WIDE = "第{line}行有 {width} 个单元格, 超过每行 {max} 个的上限(Excel 的最大列数); 请删去多余的列"
SHEET_TOO_MANY_CELLS = "读到第{line}行时单元格已超过 {max} 个的上限(行数×列数); 请删去多余的行列, 或分成几个文件导入"
XLSX_STRINGS_TOO_MANY = "「{path}」的共享字符串表{what}超过上限 {max}, 不像是积分表; 请在 Excel 中另存为 CSV 再导入"
XLSX_STRING_COUNT = "条数"
XLSX_STRING_CHARS = "字符数"
XLSX_STRING_PARTS = "元素数"
# Which sheet of a workbook is imported (jcdc/sheets.py: xlsx_sheet).
XLSX_SHEETS_MANY = ("「{path}」有 {count} 个有内容的可见工作表({sheets}), 不知该导入哪一个; "
                    "请用 --sheet 指明, 如 --sheet {first}")
XLSX_CONTENT_HIDDEN = ("「{path}」的可见工作表都是空的, 内容在隐藏的工作表{sheets}中; "
                       "确要导入隐藏的工作表, 请用 --sheet 指明, 如 --sheet {first}")
XLSX_NO_SUCH_SHEET = "「{path}」中没有名为「{sheet}」的工作表; 有: {sheets}"
XLSX_SHEET_READ = "导入工作表「{sheet}」"
XLSX_SHEET_NAMED = "导入工作表「{sheet}」(--sheet)"
XLSX_SHEET_HIDDEN_NAMED = "工作表「{sheet}」是隐藏的, 按 --sheet 导入"
XLSX_SHEET_HIDDEN_SKIPPED = "隐藏的工作表「{sheet}」有内容, 未导入"
SHEET_ONLY_XLSX = "--sheet 只用于 .xlsx 文件"
IMPORT_CELL_UNHEADED = "第{column}列没有列名, 该行却有内容「{cell}」; 请给该列加上列名或删去内容"
IMPORT_NO_HEADER = ("前 {within} 行中找不到表头: 第{line}行不是表头, 也不像标题(有 {cells} 个非空单元格); "
                    "表头须含 日期、单位、规则 三列, 其上只能有一两格的标题行")
IMPORT_HEADER_TOO_LOW = "前 {within} 行中找不到表头(含 日期、单位、规则 三列的行); 表头之上只能有一两行标题"
IMPORT_TOTAL_NOT_LAST = "「{word}」行之下还有数据行(第{next}行): 合计行只能在表的最后"
IMPORT_TOTAL_HAS_DATA = "「{word}」行填有{fields}, 不像只是合计; 请删去该行, 或改正后作为一条记录导入"
IMPORT_TOTAL_MISMATCH = ("「{word}」行的{field} {total} 与上方各行之和 {sum} 不符; 该行不导入, 请核对后删去该行"
                         "(jcdc 按规则计分, 不依合计行)")
IMPORT_PROGRESS_CHECK = "校验"
# What an import passed over, said after its summary.
IMPORT_SKIPPED_TITLE = "第{line}行: 表头之上的标题「{text}」, 未导入"
IMPORT_SKIPPED_SERIAL = "「{name}」列(第{column}列)是行号, 未导入"
IMPORT_SKIPPED_BLANK = "空行 {count} 行(第{lines}行), 未导入"
IMPORT_SKIPPED_TOTAL = "第{line}行: 「{word}」行, {checked}, 未导入"
IMPORT_TOTAL_CHECKED = "与上方各行之和相符({sums})"
IMPORT_TOTAL_NO_FIGURES = "没有数字"
# --- the annual report ----------------------------------------------------
# The annual report as a workbook to print and a page to look at.
H_QUARTER_SCORE = ("第一季度", "第二季度", "第三季度", "第四季度")
H_RULE_NAME = "规则名称"
REPORT_CHART_SCORES = "{year}年度积分 · {group}"
REPORT_CHART_TREND = "{year}年各季度积分 · {group}"
REPORT_CHART_TREND_MARKED = "{year}年各季度积分 · {group}(前{n}名和后{n}名着色)"
REPORT_AXIS_SCORE = "积分"
REPORT_FOOTER = "第 &P 页, 共 &N 页"
REPORT_NEEDS_FILE = "年度报告请用 --output 指定 .xlsx、.html 或 .json 文件, 如 --output {year}年度积分.xlsx"
REPORT_PAGE_TITLE = "{year}年度督查工作激励积分报告"
REPORT_PAGE_SOURCE = "{office_full} · 积分办法 第十八条 · 生成于北京时间 {made}, 台账中该年度积分记录 {entries} 条"
REPORT_PAGE_ENTRIES = "{count} 条积分记录"
REPORT_PAGE_NO_ENTRIES = "本年度无积分记录, 为基准分"
REPORT_PAGE_CONTENTS = "目录"
REPORT_PAGE_SCORES = "年度积分"
REPORT_PAGE_TREND = "各季度积分"
REPORT_PAGE_RANKING = "排名"
REPORT_PAGE_DETAILS = "各单位积分明细(点击单位展开)"
REPORT_PAGE_NOSCRIPT = "本页的图表为内嵌矢量图, 无需脚本与网络; 打印请用浏览器的 打印 → A4 横向。"


# --- statements' file names, files too large to read ----------------------
# Statements whose file names would be one file (jcdc statement), files too large to be what they claim.
DOC_SAME_FILE_NAME = ("{first}「{first_name}」与 {second}「{second_name}」的告知单文件名相同(「{file}」, "
                      "Windows 不区分大小写), 一个会覆盖另一个; 未写入任何文件。请用 --unit 分别生成到不同文件夹")
FILE_TOO_LARGE = "「{path}」超过 {max} MiB, 不是可读入的{what}; 未读入"
FILE_WHAT_TEXT = "名单或问题清单"
FILE_WHAT_ANCHOR = "锚点文件"
FILE_WHAT_PRIOR = "上年公布排名文件"
FILE_WHAT_RULESET = "规则集文件"
FILE_WHAT_RULES_SOURCE = "规则集引用的原文文件"

# --- entries repeated and revoked, periods, listings, a score explained -----
H_RULE_SHORT = "简称"
ENTRY_REPEATED = ("与第 {id} 号记录相同(单位、规则、日期、角色、分值、数量、事项编号、文号均一致), 未记录; "
                  "确属另一次, 请加 --again")
REVOKE_ID_TWICE = "编号 {id} 给了两次"
REVOKE_NONE_WRITTEN = "第 {id} 条: {text}; 未冲销任何记录"
ENTRY_REVOKED_WHY = "已冲销第 {id} 条, 冲销记录为第 {new} 条({points} 分), 原因: {reason}"
REVOKED_BY = "已冲销 → 第 {id} 号"
REVERSES_ENTRY = "冲销第 {id} 号"
CORRECTS_ENTRY = "更正第 {id} 号"
MATTER_ADDED_ENTRY = ", 积分记录 {entries}"
MATTER_ADDED_NO_ENTRY = ", 被动纳入, 未记「纳入事项」加分"
DATE_NOT_EXIST = "日期「{text}」不存在(没有这一月或这一天), 请核对年月日"
PERIOD_FUTURE = "{period}尚未到来(今天是 {today}), 还没有积分和排名"
PERIOD_NO_ENTRIES = "{period}台账中没有积分记录, 各单位均为基准分 {base}, 不排名"
PERIOD_YEAR = "{year}年"
TASK_LIST_TITLE = "{team} {what}({count} 项):"
TASK_LIST_ITEM = "事项"
TASK_LIST_PROBLEMS = "问题事项清单"
TASK_LIST_TYPICAL = "不落实典型事项清单"
ENTRIES_TOTAL = "合计 {count} 条, {points} 分"
SINCE_AFTER_UNTIL = "--since {since} 晚于 --until {until}"
CASES_TOTAL = "合计 {count} 件"
H_COUNT = "条数"
H_SUM = "合计"
SCORE_TITLE = "{name}({unit}) {period}积分说明"
SCORE_BASE = "基准分 {base}({cite})"
SCORE_BY_RULE_TITLE = "各规则"
SCORE_RULES_TOTAL = "各规则合计 {points}"
SCORE_ENTRIES_TITLE = "积分明细({count} 条, 含冲销)"
SCORE_NO_ENTRIES = "{period}没有该单位的积分记录"
SCORE_RESULT = "积分 {score} = 基准分 {base} {delta}; {group}第 {rank} 名"
SCORE_TIED = "(并列 {n} 个单位)"
SCORE_YTD = "; 年度累计 {ytd}"
SCORE_CHANGE = "; 较上年 {change}"
SCORE_FLAGS = "; 结果: {flags}"
SCORE_NOT_IN_FORCE = "{unit}在{period}不在册, 不参加排名"
