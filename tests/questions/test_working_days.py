from datetime import date

from questions.working_days import add_working_days, easter_sunday, is_working_day, working_days_between


def test_easter_of_known_years():
    assert easter_sunday(2026) == date(2026, 4, 5)
    assert easter_sunday(2027) == date(2027, 3, 28)


def test_weekends_and_public_holidays_are_not_working_days():
    assert not is_working_day(date(2026, 12, 5))  # Saturday
    assert not is_working_day(date(2026, 4, 6))  # Easter Monday
    assert not is_working_day(date(2026, 5, 14))  # Ascension
    assert not is_working_day(date(2026, 7, 14))
    assert is_working_day(date(2026, 12, 2))


def test_two_working_days_after_a_friday_is_the_tuesday():
    assert add_working_days(date(2026, 12, 4), 2) == date(2026, 12, 8)


def test_a_holiday_pushes_the_due_date():
    # Thursday 24 December 2026 + 2: Christmas (Friday) and the weekend are skipped.
    assert add_working_days(date(2026, 12, 24), 2) == date(2026, 12, 29)


def test_working_days_between_counts_the_end_not_the_start():
    assert working_days_between(date(2026, 12, 4), date(2026, 12, 8)) == 2
    assert working_days_between(date(2026, 12, 8), date(2026, 12, 4)) == 0
