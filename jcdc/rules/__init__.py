"""The rule sets jcdc applies, one module per source document, all pure.

| module      | document                                                |
|-------------|---------------------------------------------------------|
| jifen       | 积分办法 — incentive points and rankings                  |
| kuaisu      | 快速处置 — rectification deadlines, days left              |
| xitong13710 | the 13710 system — nodes, lateness, key supervision      |
| zhuijiu     | 追究办法 — triggers, sanctions, the procedure of 第九条     |
| sanku       | 三库办法 — pools, team limits, exclusions, the draw         |

Jincheng's rules are registered here the way another city's would be: a city
that reads a clause differently changes the one named constant or function.
"""

from jcdc.rules import jifen

POINT_RULES = jifen.CATALOGUE
