"""`jcdc due` gathers every kind of deadline: rectification, 13710 nodes, team reports, case executions."""


def test_due_lists_every_source_sorted_by_date(cli):
    cli.ok("fix", "add", "--unit", "泽州县", "--what", "河道垃圾清理", "--class", "general", "--from", "2019-05-05")
    cli.ok("matter", "add", "2019-0456", "--title", "老旧小区改造", "--lead", "城区", "--opened", "2019-05-06")
    for name, pool, unit in [("张伟", "full", "czj"), ("王强", "full", "jyj"), ("刘洋", "part", "gaj")]:
        cli.ok("inspector", "add", name, "--pool", pool, "--unit", unit, "--since", "2019-01-01")
    cli.ok("task", "add", "第二季度专项督查", "--kind", "special", "--start", "2019-05-06", "--end", "2019-05-10")
    cli.ok("draw", "run", "第二季度专项督查", "--team", "第一组", "--target", "泽州县", "--full", "2", "--part", "1",
           "--invited", "0", "--seed", "123", "--seed-source", "测试用公开种子")
    cli.ok("case", "open", "--unit", "泽州县", "--person", "张三:副县长", "--trigger", "inaction",
           "--summary", "推进缓慢", "--date", "2019-04-01", "--direct", "--reason", "事实清楚")
    cli.ok("case", "propose", "2019-001", "--by", "泽州县政府", "--sanction", "张三:组织调整:降职",
           "--coordinated-with", "县纪委意见", "--date", "2019-04-05")
    cli.ok("case", "review", "2019-001", "--by", "市发改委", "--date", "2019-04-06")
    cli.ok("case", "confirm", "2019-001", "--by", "督查室", "--date", "2019-04-12")

    rows = cli.json("due", "--on", "2019-05-11")
    assert [(r["kind"], r["id"], r["due"], r["days_left"], r["status"]) for r in rows] == [
        ("13710", "2019-0456", "2019-05-07", -4, "overdue"),
        ("13710", "2019-0456", "2019-05-09", -2, "overdue"),
        ("case", "2019-001", "2019-05-12", 1, "soon"),      # one month after confirmation
        ("fix", "1", "2019-05-12", 1, "soon"),              # 7 days from the demand
        ("13710", "2019-0456", "2019-05-13", 2, "soon"),
        ("report", "1/第一组", "2019-05-13", 2, "soon"),    # 3 days after the task ends
    ]


def test_a_deadline_is_listed_only_from_the_day_it_came_to_exist(cli):
    """SPEC §6: `due --on D` is the list as it stood on D. A rectification demanded on
    06-01, a matter opened on 06-01, a team whose task starts 06-03 and a 通报 case
    confirmed on 07-18 (its 约谈, 追究办法 第六条(二)) owe nothing on an earlier day."""
    cli.ok("fix", "add", "--unit", "泽州县", "--what", "河道垃圾清理", "--class", "general", "--from", "2019-06-01")
    cli.ok("matter", "add", "2019-0456", "--title", "老旧小区改造", "--lead", "城区", "--opened", "2019-06-01")
    for name, pool, unit in [("张伟", "full", "czj"), ("王强", "full", "jyj")]:
        cli.ok("inspector", "add", name, "--pool", pool, "--unit", unit, "--since", "2019-01-01")
    cli.ok("task", "add", "专项督查", "--kind", "special", "--start", "2019-06-03", "--end", "2019-06-05")
    cli.ok("draw", "run", "专项督查", "--team", "第一组", "--target", "泽州县", "--full", "2", "--part", "0",
           "--invited", "0", "--seed", "123", "--seed-source", "测试用公开种子")
    cli.ok("case", "open", "--unit", "高平市", "--trigger", "inaction", "--summary", "推进缓慢",
           "--date", "2019-07-01", "--direct", "--reason", "事实清楚")
    cli.ok("case", "propose", "2019-001", "--by", "高平市政府", "--sanction", "unit:通报", "--date", "2019-07-05")
    cli.ok("case", "review", "2019-001", "--by", "市发改委", "--date", "2019-07-10")
    cli.ok("case", "confirm", "2019-001", "--by", "督查室", "--date", "2019-07-18")

    assert cli.json("due", "--on", "2019-05-20") == []
    assert {r["kind"] for r in cli.json("due", "--on", "2019-06-01")} == {"fix", "13710"}
    assert {r["kind"] for r in cli.json("due", "--on", "2019-06-03")} == {"fix", "13710", "report"}
    assert "interview" not in {r["kind"] for r in cli.json("due", "--on", "2019-07-15")}
    assert "interview" in {r["kind"] for r in cli.json("due", "--on", "2019-07-18")}
