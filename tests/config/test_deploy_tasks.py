"""site/deploy starts what the mail and the timer need: a worker and an hourly run_timers."""

from django.conf import settings

from tests.config.test_security import compose_services

DEPLOY = settings.BASE_DIR / "site" / "deploy"


def test_compose_runs_the_database_worker_and_the_hourly_timer_with_the_apps_environment():
    services = compose_services()
    assert "environment: &app-environment" in services["app"]
    assert "EMAIL_URL: ${EMAIL_URL:-}" in services["app"]
    assert "command: python manage.py db_worker" in services["worker"]
    assert "environment: *app-environment" in services["worker"]
    assert "python manage.py run_timers; sleep 3600" in services["timers"]
    assert "environment: *app-environment" in services["timers"]
    for name in ("worker", "timers"):
        assert "ports:" not in services[name]


def test_systemd_units_run_the_worker_and_run_timers_hourly():
    worker = (DEPLOY / "systemd" / "hrc-worker.service").read_text()
    assert "manage.py db_worker" in worker
    assert "Restart=always" in worker
    assert (
        "ExecStart=/srv/heritage/.venv/bin/python manage.py run_timers"
        in (DEPLOY / "systemd" / "hrc-timers.service").read_text()
    )
    timer = (DEPLOY / "systemd" / "hrc-timers.timer").read_text()
    assert "OnCalendar=hourly" in timer
    assert "Persistent=true" in timer


def test_the_readme_gives_the_cron_line():
    assert "manage.py run_timers" in (DEPLOY / "README.md").read_text()
