import datetime as dt

import pytest

from jcdc.model import InputError, Quarter, fmt_points, last_day, parse_date, parse_points, parse_year, points_number

TODAY = dt.date(2026, 12, 2)  # the model reads no clock: today is an argument


@pytest.mark.parametrize("text", ["2019-03-05", "2019/3/5", "2019年3月5日", "20190305", "2019.3.5",
                                  " 2019-3-5 ", "２０１９年３月５日"])
def test_dates_in_every_form_a_clerk_types(text):
    assert parse_date(text, TODAY) == dt.date(2019, 3, 5)


@pytest.mark.parametrize("text", ["05/03/2019", "2019-3", "yesterday", "", "190305"])
def test_anything_else_is_not_a_date(text):
    with pytest.raises(InputError, match="无法识别的日期"):
        parse_date(text, TODAY)


# issue 12 item 4: a date in a known form that the calendar lacks says so (was 无法识别的日期).
@pytest.mark.parametrize("text", ["2019-02-30", "2019年13月1日", "20190231", "2019/4/31", "2019-02-29"])
def test_a_day_the_calendar_lacks_is_said_not_to_exist(text):
    with pytest.raises(InputError, match=f"日期「{text}」不存在"):
        parse_date(text, TODAY)


@pytest.mark.parametrize("text,expected", [("2019Q2", Quarter(2019, 2)), ("2019-Q1", Quarter(2019, 1)),
                                           ("2019q4", Quarter(2019, 4)), ("2019年第一季度", Quarter(2019, 1)),
                                           ("2019年第三季度", Quarter(2019, 3)), ("2019年4季度", Quarter(2019, 4))])
def test_quarters(text, expected):
    assert Quarter.parse(text, TODAY) == expected


@pytest.mark.parametrize("text", ["2019Q5", "2019Q0", "Q1", "2019年第五季度", "2019"])
def test_bad_quarters(text):
    with pytest.raises(InputError):
        Quarter.parse(text, TODAY)


def test_quarter_spans_and_keys():
    q = Quarter(2019, 1)
    assert (q.start, q.end, q.key, str(q), q.label) == (
        dt.date(2019, 1, 1), dt.date(2019, 3, 31), 20191, "2019Q1", "2019年第一季度")
    assert Quarter(2019, 4).end == dt.date(2019, 12, 31)
    assert Quarter.of(dt.date(2019, 7, 1)) == Quarter(2019, 3)
    assert Quarter.from_key(20192) == Quarter(2019, 2)


@pytest.mark.parametrize("text,tenths", [("15", 150), ("-2.5", -25), ("+0.5", 5), ("0", 0), ("１０", 100)])
def test_points_are_exact_tenths(text, tenths):
    assert parse_points(text) == tenths


@pytest.mark.parametrize("text", ["1.25", "abc", "", "1e2", "0.1.2", "--1"])
def test_points_with_more_than_one_decimal_are_refused_not_rounded(text):
    with pytest.raises(InputError, match="无法识别的分值"):
        parse_points(text)


def test_points_display_and_json():
    assert [fmt_points(t) for t in (125, -5, 0, 1000)] == ["12.5", "-0.5", "0.0", "100.0"]
    assert fmt_points(10, signed=True) == "+1.0"
    assert [points_number(t) for t in (125, -5, 100, 3)] == [12.5, -0.5, 10, 0.3]


def test_years():
    assert parse_year("2019", TODAY) == 2019 and parse_year("2019年", TODAY) == 2019
    with pytest.raises(InputError):
        parse_year("19", TODAY)


@pytest.mark.parametrize(("today", "last"), [
    (dt.date(2026, 12, 2), dt.date(2027, 12, 2)), (dt.date(2024, 2, 29), dt.date(2025, 2, 28)),
])
def test_the_last_day_accepted_is_a_year_from_the_today_it_is_given(today, last):
    assert last_day(today) == last
    assert parse_date(last.isoformat(), today) == last
    with pytest.raises(InputError):
        parse_date((last + dt.timedelta(days=1)).isoformat(), today)
