from datetime import time

import pytest

from scheduling.models import AvailabilityWindow, SchedulingPolicy
from tests.factories import ClinicianFactory


@pytest.fixture
def clinician(db):
    return ClinicianFactory()


@pytest.fixture
def policy(db):
    policy = SchedulingPolicy.current()
    policy.slot_minutes, policy.buffer_minutes = 10, 5
    policy.minimum_notice_hours, policy.horizon_days, policy.reminder_hours = 12, 21, 24
    policy.save()
    return policy


@pytest.fixture
def every_day_nine_to_ten(clinician, policy):
    """One clinician free 9:00 to 10:00 (clinic time) every day of the week."""
    for weekday in range(7):
        AvailabilityWindow.objects.create(
            clinician=clinician, weekday=weekday, opens_at=time(9), closes_at=time(10)
        )
    return clinician
