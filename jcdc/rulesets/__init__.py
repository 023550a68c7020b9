"""The rule-set files jcdc ships: data only, one TOML file per version.

`jincheng-2017.toml` is 晋市政办〔2017〕101号, the four documents of Jincheng's
government supervision, loaded by `jcdc.ruleset` exactly as a county's own
file is. `jinshizhengban-2017-101.txt` is that notice's text, against which
`jcdc rules check` finds every rule's words (`docs/rulesets.md`).
"""
