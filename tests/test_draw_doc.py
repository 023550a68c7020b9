"""docs/draw.md's worked example, recomputed from the page's own figures."""

from __future__ import annotations

import hashlib
import re
from fractions import Fraction
from pathlib import Path

import pytest

from jcdc.rules import sanku
from jcdc.rules.sanku import Candidate, Pool, TeamParams

DOC = (Path(__file__).parent.parent / "docs" / "draw.md").read_text(encoding="utf-8")
EXAMPLE = DOC.split("## 8. Worked example", 1)[1]


def field(name: str) -> str:
    return re.search(rf"^    {name} +(.+)$", EXAMPLE, re.M).group(1)


def example_inputs():
    roster = tuple(Candidate(int(i), Pool(p), int(n))
                   for i, p, n in (part.split() for part in field("roster").split(" | ")))
    seats = {Pool(p): int(n) for p, n in (s.split() for s in field("seats").split(", "))}
    params = TeamParams(int(field("task")), field("team"), tuple(field("targets").split(", ")), seats)
    return field("seed"), roster, params


CANDIDATE_LINES = re.findall(
    r"^    candidate (\d+) n (\d+) H ([0-9a-f]{64}) u ([0-9.]+) key ([0-9.]+)$", EXAMPLE, re.M)


def test_the_page_gives_every_figure():
    seed, roster, _ = example_inputs()
    assert seed == "2019-02-28 福彩3D 2019052期 381"
    assert [int(c[0]) for c in CANDIDATE_LINES] == [c.id for c in roster]


def test_roster_bytes_and_hash():
    _, roster, _ = example_inputs()
    shown = re.search(r"roster's bytes are `([^`]+)`", EXAMPLE).group(1).replace("\\n", "\n")
    assert sanku.roster_bytes(roster) == shown.encode("ascii")
    assert sanku.roster_hash(roster) == field("roster_hash")
    assert hashlib.sha256(shown.encode()).hexdigest() == field("roster_hash")


def test_parameter_lines():
    _, _, params = example_inputs()
    block = re.search(r"\n\n(    jcdc-draw-1\n(?:    .+\n)+)", EXAMPLE).group(1)
    assert sanku.params_bytes(params).decode("utf-8") == "".join(
        line[4:] + "\n" for line in block.splitlines())


@pytest.mark.parametrize("line", CANDIDATE_LINES, ids=lambda line: f"candidate-{line[0]}")
def test_each_candidate_hash_u_and_key(line):
    seed, roster, params = example_inputs()
    cid, n, digest, u_text, key_text = line
    c = next(c for c in roster if c.id == int(cid))
    assert c.drawn == int(n)
    message = sanku.candidate_message(seed, field("roster_hash"), params, c.id)
    assert message.startswith(f"seed {seed}\nroster {field('roster_hash')}\njcdc-draw-1\n".encode())
    assert message.endswith(f"invited 0\ncandidate {cid}\n".encode())
    assert hashlib.sha256(message).hexdigest() == digest
    u = Fraction(int(digest, 16) + 1, 2 ** 256 + 1)
    key = sanku.candidate_key(seed, field("roster_hash"), params, c)
    assert key == u ** (1 + c.drawn)
    assert round(u, 6) == Fraction(u_text) and round(key, 6) == Fraction(key_text)


def test_ranking_and_the_integer_comparison():
    seed, roster, params = example_inputs()
    ranking = sanku.draw_ranking(seed, roster, params)
    for pool in (Pool.FULL, Pool.PART):
        assert ranking[pool] == [int(i) for i in field(f"ranking {pool.value}").split(",")]
    # §4: the cross-multiplied big-integer test a third party would use agrees.
    h = {int(c[0]): (int(c[2], 16) + 1, 1 + int(c[1])) for c in CANDIDATE_LINES}
    d = 2 ** 256 + 1
    (a, e), (b, f) = h[1], h[3]
    assert a ** e * d ** f > b ** f * d ** e  # 1 before 3 although u(3) > u(1)
    assert h[3][0] > h[1][0]
