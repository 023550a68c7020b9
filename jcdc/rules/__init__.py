"""The rule sets jcdc applies, one module per source document, all pure.

| module      | document                                                |
|-------------|---------------------------------------------------------|
| jifen       | 积分办法 — incentive points and rankings                  |
| kuaisu      | 快速处置 — rectification deadlines, days left              |
| xitong13710 | the 13710 system — nodes, lateness, key supervision      |
| zhuijiu     | 追究办法 — triggers, sanctions, the procedure of 第九条     |
| sanku       | 三库办法 — pools, team limits, exclusions, the draw         |

The figures and tables these rules apply are not here: they are the rule
set's (jcdc/rulesets/jincheng-2017.toml, loaded by jcdc.ruleset the way a
county's file is; docs/rulesets.md). What stays here is the engine — how a
range is checked, how returns escalate, how ties are ranked — and a city that
reads a clause differently changes the one named function.
"""

from jcdc.rules import jifen

POINT_RULES = jifen.CATALOGUE
