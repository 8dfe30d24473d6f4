"""The timer's one entry point: runs, in order, the commands listed in settings.TIMER_COMMANDS.

Each listed command must be idempotent (run twice, it does nothing more the second time):
reminders use core.mail's ``once_key``, purges delete what is past its date. The deployment
runs this command every hour (site/deploy: a systemd timer, a cron line or the compose
``timers`` service). One command failing does not stop the others; the exit status says so.
"""

import logging

from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the periodic commands of settings.TIMER_COMMANDS (reminders, purges), in order."

    def handle(self, *args, **options):
        failed = []
        for name, *arguments in settings.TIMER_COMMANDS:
            try:
                call_command(name, *arguments, stdout=self.stdout, stderr=self.stderr)
            except Exception:
                logger.exception("timer command %s failed", name)
                failed.append(name)
        if failed:
            raise CommandError(f"failed: {', '.join(failed)}")
