from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from blm.models import bagi_tahap
from blm.services import porsi_rata


def test_odd_amount_remainder_goes_to_last_tahap():
    assert bagi_tahap(1_000_000_001, [Decimal("20"), Decimal("50"), Decimal("30")]) == [
        200_000_000,
        500_000_000,
        300_000_001,
    ]
    assert bagi_tahap(100, [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]) == [33, 33, 34]
    assert bagi_tahap(7, [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]) == [2, 2, 3]
    assert bagi_tahap(1_499_999_999, [Decimal("12.5"), Decimal("87.5")]) == [187_499_999, 1_312_500_000]


def test_single_tahap_takes_everything():
    assert bagi_tahap(999, [Decimal("100")]) == [999]


def test_equal_default_shares_sum_to_100():
    assert porsi_rata(3) == [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]
    for n in range(1, 11):
        assert sum(porsi_rata(n)) == 100


@st.composite
def shares(draw):
    """Between 1 and 8 shares of hundredths of a percent, each at least 0.01, summing to 100."""
    n = draw(st.integers(1, 8))
    cuts = sorted(draw(st.lists(st.integers(1, 9999), min_size=n - 1, max_size=n - 1, unique=True)))
    bounds = [0, *cuts, 10000]
    return [Decimal(bounds[i + 1] - bounds[i]) / 100 for i in range(n)]


@settings(deadline=None)  # pure arithmetic; a loaded CI machine must not make it flaky
@given(total=st.integers(0, 10**13), persen=shares())
def test_parts_always_sum_to_the_allocation(total, persen):
    parts = bagi_tahap(total, persen)
    assert sum(parts) == total
    assert len(parts) == len(persen)
    assert all(p >= 0 for p in parts)
    for part, p in zip(parts[:-1], persen[:-1], strict=True):
        exact = total * p / 100
        assert exact - 1 < part <= exact
