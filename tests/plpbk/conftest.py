import pytest
import time_machine

from tests.plpbk import dashboard_data


@pytest.fixture(autouse=True)
def _clock_of_the_dashboard_data(request):
    """Tests built on dashboard_data run with the clock started at its NOW: their dates
    ("waiting 5 days", deadlines, work-plan slippage as of today) are worked out from that
    moment, not from the day, hour or minute the suite runs (nor from a --frozen-at moment)."""
    if getattr(request.module, "dashboard_data", None) is not dashboard_data:
        yield
        return
    with time_machine.travel(dashboard_data.NOW, tick=True):
        yield
